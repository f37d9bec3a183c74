;; The logistic pass (rowKernels.ts's logisticPass) on two rows at a time: WebAssembly SIMD, f64x2.
;;
;; For rows [start, end) of x (at byte 0 of memory) and y (at byte 8n), with z = w1·x + w0 and one
;; e = exp(−|z|) a row, the sums of softplus(z) − y·z, of p − y and of (p − y)·x, in row order, written as
;; three f64 at byte 16n. Every operation is the scalar kernel's, in its order, without fused multiply-adds:
;; exp and log1p are fdlibm's (V8's ieee754.cc, from which Math.exp and Node 20's Math.log1p come) with their
;; branches taken lane by lane as selects, and each row's terms are added to the sums one row after the
;; other. So the sums are the scalar kernel's to the last bit (test/engine/wasmPass.test.ts).
;;
;; exp and log1p: explog.wat. src/build/wasm.ts repeats each function's <pair> body for four pairs at a time
;; (npm run wasm): loads and sums as its @wide line says (vector:sum, or vector:sum:compensation for
;; Neumaier's). The module also holds the Newton optimum's two passes (newtonPass, newtonLoss), over the same
;; rows in the same memory.
(module
  (import "env" "memory" (memory 1))

  (func (export "logisticPass") (param $start i32) (param $end i32) (param $n i32) (param $w0 f64) (param $w1 f64)
    ;; @wide loads=xv:0,yv:$ya sums=term:s,err:g0,errx:g1
    (local $i i32) (local $single i32) (local $ya i32)
    (local $s f64) (local $g0 f64) (local $g1 f64)
    (local $xv v128) (local $yv v128) (local $vw0 v128) (local $vw1 v128)
    (local $z v128) ;; <fragment-locals/>
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

  ;; Neumaier's step, as rowKernels.ts's JavaScript takes it: t = s + v; c += |s| ≥ |v| ? (s − t) + v : (v − t) + s.
  ;; Returns (t, c). (The wide loops inline it.)
  (func $neumaier (param $s f64) (param $c f64) (param $v f64) (result f64 f64)
    (local $t f64)
    (local.set $t (f64.add (local.get $s) (local.get $v)))
    (local.get $t)
    (f64.add (local.get $c)
      (select
        (f64.add (f64.sub (local.get $s) (local.get $t)) (local.get $v))
        (f64.add (f64.sub (local.get $v) (local.get $t)) (local.get $s))
        (f64.ge (f64.abs (local.get $s)) (f64.abs (local.get $v))))))

  ;; One Newton step's sums (rowKernels.ts's newtonPass) on standardized x, z = (x − mean)/sd, t = w1·z + w0,
  ;; p = σ(t) from e = exp(−|t|), g = p − y, h = p(1 − p): the Neumaier-compensated sums of g, g·z, h, h·z and
  ;; h·z·z, as (sum, compensation) pairs at byte 16n.
  (func (export "newtonPass") (param $start i32) (param $end i32) (param $n i32) (param $w0 f64) (param $w1 f64) (param $mean f64) (param $sd f64)
    ;; @wide loads=xv:0,yv:$ya sums=g:s0:c0,gz:s1:c1,h:s2:c2,hz:s3:c3,hzz:s4:c4
    (local $i i32) (local $single i32) (local $ya i32) (local $out i32)
    (local $s0 f64) (local $c0 f64) (local $s1 f64) (local $c1 f64) (local $s2 f64) (local $c2 f64) (local $s3 f64) (local $c3 f64) (local $s4 f64) (local $c4 f64)
    (local $nv f64) (local $nt f64)
    (local $xv v128) (local $yv v128) (local $vw0 v128) (local $vw1 v128) (local $vmean v128) (local $vsd v128)
    (local $z v128) ;; <fragment-locals/>
    (local $zs v128) (local $p v128) (local $g v128) (local $gz v128) (local $h v128) (local $hz v128) (local $hzz v128)
    (local.set $vw0 (f64x2.splat (local.get $w0)))
    (local.set $vw1 (f64x2.splat (local.get $w1)))
    (local.set $vmean (f64x2.splat (local.get $mean)))
    (local.set $vsd (f64x2.splat (local.get $sd)))
    (local.set $ya (i32.shl (local.get $n) (i32.const 3)))
    (local.set $i (local.get $start))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $single (i32.ge_s (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
        (if (local.get $single)
          (then
            (local.set $xv (f64x2.splat (f64.load (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $yv (f64x2.splat (f64.load (i32.add (local.get $ya) (i32.shl (local.get $i) (i32.const 3)))))))
          (else
            (local.set $xv (v128.load align=8 (i32.shl (local.get $i) (i32.const 3))))
            (local.set $yv (v128.load align=8 (i32.add (local.get $ya) (i32.shl (local.get $i) (i32.const 3)))))))
        ;; <pair>
        (local.set $zs (f64x2.div (f64x2.sub (local.get $xv) (local.get $vmean)) (local.get $vsd)))
        (local.set $z (f64x2.add (f64x2.mul (local.get $vw1) (local.get $zs)) (local.get $vw0)))
        ;; <exp/>
        ;; σ(t): t ≥ 0 ? 1/(1 + e) : e/(1 + e)
        (local.set $p (f64x2.div
          (v128.bitselect (v128.const f64x2 1.0 1.0) (local.get $e) (f64x2.ge (local.get $z) (v128.const f64x2 0 0)))
          (f64x2.add (v128.const f64x2 1.0 1.0) (local.get $e))))
        (local.set $g (f64x2.sub (local.get $p) (local.get $yv)))
        (local.set $h (f64x2.mul (local.get $p) (f64x2.sub (v128.const f64x2 1.0 1.0) (local.get $p))))
        (local.set $gz (f64x2.mul (local.get $g) (local.get $zs)))
        (local.set $hz (f64x2.mul (local.get $h) (local.get $zs)))
        (local.set $hzz (f64x2.mul (f64x2.mul (local.get $h) (local.get $zs)) (local.get $zs)))
        ;; </pair>
        (call $neumaier (local.get $s0) (local.get $c0) (f64x2.extract_lane 0 (local.get $g))) (local.set $c0) (local.set $s0)
        (call $neumaier (local.get $s1) (local.get $c1) (f64x2.extract_lane 0 (local.get $gz))) (local.set $c1) (local.set $s1)
        (call $neumaier (local.get $s2) (local.get $c2) (f64x2.extract_lane 0 (local.get $h))) (local.set $c2) (local.set $s2)
        (call $neumaier (local.get $s3) (local.get $c3) (f64x2.extract_lane 0 (local.get $hz))) (local.set $c3) (local.set $s3)
        (call $neumaier (local.get $s4) (local.get $c4) (f64x2.extract_lane 0 (local.get $hzz))) (local.set $c4) (local.set $s4)
        (if (i32.eqz (local.get $single))
          (then
            (call $neumaier (local.get $s0) (local.get $c0) (f64x2.extract_lane 1 (local.get $g))) (local.set $c0) (local.set $s0)
            (call $neumaier (local.get $s1) (local.get $c1) (f64x2.extract_lane 1 (local.get $gz))) (local.set $c1) (local.set $s1)
            (call $neumaier (local.get $s2) (local.get $c2) (f64x2.extract_lane 1 (local.get $h))) (local.set $c2) (local.set $s2)
            (call $neumaier (local.get $s3) (local.get $c3) (f64x2.extract_lane 1 (local.get $hz))) (local.set $c3) (local.set $s3)
            (call $neumaier (local.get $s4) (local.get $c4) (f64x2.extract_lane 1 (local.get $hzz))) (local.set $c4) (local.set $s4)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next)))
    (local.set $out (i32.shl (local.get $n) (i32.const 4)))
    (f64.store (local.get $out) (local.get $s0))
    (f64.store offset=8 (local.get $out) (local.get $c0))
    (f64.store offset=16 (local.get $out) (local.get $s1))
    (f64.store offset=24 (local.get $out) (local.get $c1))
    (f64.store offset=32 (local.get $out) (local.get $s2))
    (f64.store offset=40 (local.get $out) (local.get $c2))
    (f64.store offset=48 (local.get $out) (local.get $s3))
    (f64.store offset=56 (local.get $out) (local.get $c3))
    (f64.store offset=64 (local.get $out) (local.get $s4))
    (f64.store offset=72 (local.get $out) (local.get $c4)))

  ;; The Newton line search's loss (rowKernels.ts's newtonLoss): the Neumaier-compensated sum of
  ;; softplus(t) − y·t, t = w1·(x − mean)/sd + w0, as (sum, compensation) at byte 16n.
  (func (export "newtonLoss") (param $start i32) (param $end i32) (param $n i32) (param $w0 f64) (param $w1 f64) (param $mean f64) (param $sd f64)
    ;; @wide loads=xv:0,yv:$ya sums=v:s:sc
    (local $i i32) (local $single i32) (local $ya i32)
    (local $s f64) (local $sc f64) (local $nv f64) (local $nt f64)
    (local $xv v128) (local $yv v128) (local $vw0 v128) (local $vw1 v128) (local $vmean v128) (local $vsd v128)
    (local $z v128) ;; <fragment-locals/>
    (local $v v128)
    (local.set $vw0 (f64x2.splat (local.get $w0)))
    (local.set $vw1 (f64x2.splat (local.get $w1)))
    (local.set $vmean (f64x2.splat (local.get $mean)))
    (local.set $vsd (f64x2.splat (local.get $sd)))
    (local.set $ya (i32.shl (local.get $n) (i32.const 3)))
    (local.set $i (local.get $start))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $single (i32.ge_s (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
        (if (local.get $single)
          (then
            (local.set $xv (f64x2.splat (f64.load (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $yv (f64x2.splat (f64.load (i32.add (local.get $ya) (i32.shl (local.get $i) (i32.const 3)))))))
          (else
            (local.set $xv (v128.load align=8 (i32.shl (local.get $i) (i32.const 3))))
            (local.set $yv (v128.load align=8 (i32.add (local.get $ya) (i32.shl (local.get $i) (i32.const 3)))))))
        ;; <pair>
        (local.set $z (f64x2.add (f64x2.mul (local.get $vw1) (f64x2.div (f64x2.sub (local.get $xv) (local.get $vmean)) (local.get $vsd))) (local.get $vw0)))
        ;; <explog/>
        ;; softplus(t) − y·t = (t > 0 ? t + l : l) − y·t
        (local.set $v (f64x2.sub
          (v128.bitselect (f64x2.add (local.get $z) (local.get $l)) (local.get $l) (f64x2.gt (local.get $z) (v128.const f64x2 0 0)))
          (f64x2.mul (local.get $yv) (local.get $z))))
        ;; </pair>
        (call $neumaier (local.get $s) (local.get $sc) (f64x2.extract_lane 0 (local.get $v))) (local.set $sc) (local.set $s)
        (if (i32.eqz (local.get $single))
          (then (call $neumaier (local.get $s) (local.get $sc) (f64x2.extract_lane 1 (local.get $v))) (local.set $sc) (local.set $s)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next)))
    (f64.store (i32.shl (local.get $n) (i32.const 4)) (local.get $s))
    (f64.store offset=8 (i32.shl (local.get $n) (i32.const 4)) (local.get $sc)))
)
