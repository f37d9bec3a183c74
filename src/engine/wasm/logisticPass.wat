;; The logistic pass (rowKernels.ts's logisticPass) on two rows at a time: WebAssembly SIMD, f64x2.
;;
;; For rows [start, end) of x (at byte 0 of memory) and y (at byte 8n), with z = w1·x + w0 and one
;; e = exp(−|z|) a row, the sums of softplus(z) − y·z, of p − y and of (p − y)·x, in row order, written as
;; three f64 at byte 16n. Every operation is the scalar kernel's, in its order, without fused multiply-adds:
;; exp and log1p are fdlibm's (V8's ieee754.cc, from which Math.exp and Node 20's Math.log1p come) with their
;; branches taken lane by lane as selects, and each row's terms are added to the sums one row after the
;; other. So the sums are the scalar kernel's to the last bit (test/engine/wasmPass.test.ts).
;;
;; exp and log1p: explog.wat. src/build/wasm.ts repeats the <pair> body for four pairs at a time (npm run
;; wasm): loads and sums as the @wide line says.
;; @wide loads=xv:0,yv:$ya sums=term:s,err:g0,errx:g1
(module
  (import "env" "memory" (memory 1))

  (func (export "logisticPass") (param $start i32) (param $end i32) (param $n i32) (param $w0 f64) (param $w1 f64)
    (local $i i32) (local $single i32) (local $ya i32)
    (local $s f64) (local $g0 f64) (local $g1 f64)
    (local $xv v128) (local $yv v128) (local $vw0 v128) (local $vw1 v128)
    (local $z v128) ;; <explog-locals/>
    (local $term v128) (local $err v128) (local $errx v128)
    (local.set $vw0 (f64x2.splat (local.get $w0)))
    (local.set $vw1 (f64x2.splat (local.get $w1)))
    (local.set $ya (i32.shl (local.get $n) (i32.const 3)))
    (local.set $i (local.get $start))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        ;; The last row of an odd count goes through both lanes; only lane 0 is added.
        (local.set $single (i32.ge_s (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
        (if (local.get $single)
          (then
            (local.set $xv (f64x2.splat (f64.load (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $yv (f64x2.splat (f64.load (i32.add (local.get $ya) (i32.shl (local.get $i) (i32.const 3)))))))
          (else
            (local.set $xv (v128.load align=8 (i32.shl (local.get $i) (i32.const 3))))
            (local.set $yv (v128.load align=8 (i32.add (local.get $ya) (i32.shl (local.get $i) (i32.const 3)))))))
        ;; <pair>
        (local.set $z (f64x2.add (f64x2.mul (local.get $vw1) (local.get $xv)) (local.get $vw0)))
        ;; <explog/>
        ;; ---- the row's terms ----
        ;; (z > 0 ? z + l : l) − y·z
        (local.set $term (f64x2.sub
          (v128.bitselect (f64x2.add (local.get $z) (local.get $l)) (local.get $l) (f64x2.gt (local.get $z) (v128.const f64x2 0 0)))
          (f64x2.mul (local.get $yv) (local.get $z))))
        ;; (z ≥ 0 ? 1/(1 + e) : e/(1 + e)) − y
        (local.set $err (f64x2.sub
          (f64x2.div
            (v128.bitselect (v128.const f64x2 1.0 1.0) (local.get $e) (f64x2.ge (local.get $z) (v128.const f64x2 0 0)))
            (f64x2.add (v128.const f64x2 1.0 1.0) (local.get $e)))
          (local.get $yv)))
        (local.set $errx (f64x2.mul (local.get $err) (local.get $xv)))
        ;; </pair>
        ;; In row order: this row's terms, then the next row's.
        (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 0 (local.get $term))))
        (local.set $g0 (f64.add (local.get $g0) (f64x2.extract_lane 0 (local.get $err))))
        (local.set $g1 (f64.add (local.get $g1) (f64x2.extract_lane 0 (local.get $errx))))
        (if (i32.eqz (local.get $single))
          (then
            (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $term))))
            (local.set $g0 (f64.add (local.get $g0) (f64x2.extract_lane 1 (local.get $err))))
            (local.set $g1 (f64.add (local.get $g1) (f64x2.extract_lane 1 (local.get $errx))))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next)))
    (f64.store (i32.shl (local.get $n) (i32.const 4)) (local.get $s))
    (f64.store offset=8 (i32.shl (local.get $n) (i32.const 4)) (local.get $g0))
    (f64.store offset=16 (i32.shl (local.get $n) (i32.const 4)) (local.get $g1)))
)
