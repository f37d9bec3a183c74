;; The binned logistic surface (surfaceLoss.ts's binnedLoss) at one grid point, two bins at a time:
;; WebAssembly SIMD, f64x2.
;;
;; For m bins with their means of x (at byte 0), counts (at byte 8m) and halved variances (at byte 16m),
;; z = w1·mean + w0 and e = exp(−|z|), returns Σ count·((z > 0 ? z + l : l) + (e/(1 + e)²)·w1²·var/2) with
;; l = log1p(e), bin after bin: the scalar loop's operations in its order (exp and log1p: explog.wat), so its
;; bits (test/engine/wasmPass.test.ts).
(module
  (import "env" "memory" (memory 1))

  (func (export "binnedLoss") (param $m i32) (param $w0 f64) (param $w1 f64) (result f64)
    ;; @wide loads=cxv:0,cwv:$ob,cvv:$oc sums=term:s
    (local $i i32) (local $single i32) (local $end i32) (local $ob i32) (local $oc i32)
    (local $s f64)
    (local $cxv v128) (local $cwv v128) (local $cvv v128) (local $vw0 v128) (local $vw1 v128) (local $vw1sq v128)
    (local $z v128) ;; <fragment-locals/>
    (local $term v128)
    (local.set $vw0 (f64x2.splat (local.get $w0)))
    (local.set $vw1 (f64x2.splat (local.get $w1)))
    (local.set $vw1sq (f64x2.splat (f64.mul (local.get $w1) (local.get $w1))))
    (local.set $ob (i32.shl (local.get $m) (i32.const 3)))
    (local.set $oc (i32.shl (local.get $m) (i32.const 4)))
    (local.set $end (local.get $m))
    (local.set $i (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        ;; The last bin of an odd count goes through both lanes; only lane 0 is added.
        (local.set $single (i32.ge_s (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
        (if (local.get $single)
          (then
            (local.set $cxv (f64x2.splat (f64.load (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $cwv (f64x2.splat (f64.load (i32.add (local.get $ob) (i32.shl (local.get $i) (i32.const 3))))))
            (local.set $cvv (f64x2.splat (f64.load (i32.add (local.get $oc) (i32.shl (local.get $i) (i32.const 3)))))))
          (else
            (local.set $cxv (v128.load align=8 (i32.shl (local.get $i) (i32.const 3))))
            (local.set $cwv (v128.load align=8 (i32.add (local.get $ob) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $cvv (v128.load align=8 (i32.add (local.get $oc) (i32.shl (local.get $i) (i32.const 3)))))))
        ;; <pair>
        (local.set $z (f64x2.add (f64x2.mul (local.get $vw1) (local.get $cxv)) (local.get $vw0)))
        ;; <explog/>
        ;; cw·((z > 0 ? z + l : l) + (e/(q·q))·w1²·cv), q = 1 + e (= u)
        (local.set $term (f64x2.mul (local.get $cwv)
          (f64x2.add
            (v128.bitselect (f64x2.add (local.get $z) (local.get $l)) (local.get $l) (f64x2.gt (local.get $z) (v128.const f64x2 0 0)))
            (f64x2.mul (f64x2.mul (f64x2.div (local.get $e) (f64x2.mul (local.get $u) (local.get $u))) (local.get $vw1sq)) (local.get $cvv)))))
        ;; </pair>
        (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 0 (local.get $term))))
        (if (i32.eqz (local.get $single))
          (then (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $term))))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next)))
    (local.get $s))
)
