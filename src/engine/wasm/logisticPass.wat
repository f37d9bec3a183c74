;; The logistic pass (rowKernels.ts's logisticPass) on two rows at a time: WebAssembly SIMD, f64x2.
;;
;; For rows [start, end) of x (at byte 0 of memory) and y (at byte 8n), with z = w1·x + w0 and one
;; e = exp(−|z|) a row, the sums of softplus(z) − y·z, of p − y and of (p − y)·x, in row order, written as
;; three f64 at byte 16n. Every operation is the scalar kernel's, in its order, without fused multiply-adds:
;; exp and log1p are fdlibm's (V8's ieee754.cc, from which Math.exp and Node 20's Math.log1p come) with their
;; branches taken lane by lane as selects, and each row's terms are added to the sums one row after the
;; other. So the sums are the scalar kernel's to the last bit (test/engine/wasmPass.test.ts).
;;
;; Constants: the decimal values of fdlibm's source. src/build/wasm.ts repeats the <pair> body for four pairs
;; at a time (npm run wasm), and test/engine/wasmPass.test.ts holds the result to the scalar kernel.
;;
;; exp and log1p follow fdlibm (http://www.netlib.org/fdlibm), whose notice is kept:
;;   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
;;   Developed at SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and
;;   distribute this software is freely granted, provided that this notice is preserved.
(module
  (import "env" "memory" (memory 1))

  (func (export "logisticPass") (param $start i32) (param $end i32) (param $n i32) (param $w0 f64) (param $w1 f64)
    (local $i i32) (local $single i32) (local $ya i32)
    (local $s f64) (local $g0 f64) (local $g1 f64)
    (local $xv v128) (local $yv v128) (local $vw0 v128) (local $vw1 v128)
    (local $z v128) (local $a v128) (local $xn v128)
    (local $big v128) (local $kt v128) (local $ki v128) (local $kd v128) (local $hi v128) (local $lo v128) (local $r v128) (local $t v128)
    (local $c v128) (local $y v128) (local $small v128) (local $e v128)
    (local $caseB v128) (local $u v128) (local $two v128) (local $cB v128) (local $fB v128) (local $huz v128)
    (local $lk v128) (local $lc v128) (local $f v128) (local $hfsq v128) (local $ls v128) (local $lz v128) (local $R v128)
    (local $lgen v128) (local $lhu0 v128) (local $l v128)
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
        (local.set $a (f64x2.abs (local.get $z)))

        ;; ---- e = exp(x) at x = −|z| (fdlibm exp) ----
        (local.set $xn (f64x2.neg (local.get $a)))
        ;; k = 0 below |x| < 0x3fd62e43_00000000 (hx > 0x3fd62e42 in fdlibm); else (int)(invln2·x − 0.5), which is −1
        ;; up to 1.5·ln2 as fdlibm's own branch there gives.
        (local.set $big (f64x2.ge (local.get $a) (v128.const i64x2 0x3fd62e4300000000 0x3fd62e4300000000)))
        (local.set $kt (i32x4.trunc_sat_f64x2_s_zero
          (f64x2.sub (f64x2.mul (v128.const f64x2 1.44269504088896338700e+00 1.44269504088896338700e+00) (local.get $xn))
                     (v128.const f64x2 0.5 0.5))))
        (local.set $ki (v128.and (i64x2.extend_low_i32x4_s (local.get $kt)) (local.get $big)))
        (local.set $kd (v128.and (f64x2.convert_low_i32x4_s (local.get $kt)) (local.get $big)))
        ;; hi = x − k·ln2HI, lo = k·ln2LO (k = 0: hi = x, lo = 0, as fdlibm's k = 0 path)
        (local.set $hi (f64x2.sub (local.get $xn) (f64x2.mul (local.get $kd) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))))
        (local.set $lo (f64x2.mul (local.get $kd) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10)))
        (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
        (local.set $t (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $c (f64x2.sub (local.get $r) (f64x2.mul (local.get $t)
          (f64x2.add (v128.const f64x2 1.66666666666666019037e-01 1.66666666666666019037e-01) (f64x2.mul (local.get $t)
          (f64x2.add (v128.const f64x2 -2.77777777770155933842e-03 -2.77777777770155933842e-03) (f64x2.mul (local.get $t)
          (f64x2.add (v128.const f64x2 6.61375632143793436117e-05 6.61375632143793436117e-05) (f64x2.mul (local.get $t)
          (f64x2.add (v128.const f64x2 -1.65339022054652515390e-06 -1.65339022054652515390e-06) (f64x2.mul (local.get $t)
            (v128.const f64x2 4.13813679705723846039e-08 4.13813679705723846039e-08))))))))))))
        ;; y = 1 − ((lo − r·c/(2 − c)) − hi); for k = 0 this is fdlibm's 1 − (r·c/(c − 2) − r), bit for bit.
        (local.set $y (f64x2.sub (v128.const f64x2 1.0 1.0)
          (f64x2.sub (f64x2.sub (local.get $lo) (f64x2.div (f64x2.mul (local.get $r) (local.get $c)) (f64x2.sub (v128.const f64x2 2.0 2.0) (local.get $c))))
                     (local.get $hi))))
        ;; × 2^k: for k < −1021, × 2^(k+1000) × 2^−1000, as fdlibm does.
        (local.set $small (i64x2.lt_s (local.get $ki) (v128.const i64x2 -1021 -1021)))
        (local.set $e (f64x2.mul
          (f64x2.mul (local.get $y)
            (i64x2.shl (i64x2.add (v128.bitselect (i64x2.add (local.get $ki) (v128.const i64x2 1000 1000)) (local.get $ki) (local.get $small))
                                  (v128.const i64x2 1023 1023)) (i32.const 52)))
          (v128.bitselect (v128.const f64x2 9.33263618503218878990e-302 9.33263618503218878990e-302) (v128.const f64x2 1.0 1.0) (local.get $small))))
        ;; |x| < 2^−28: 1 + x. x < −7.45133219101941108420e+02: 0 (also exp(−∞)).
        (local.set $e (v128.bitselect (f64x2.add (v128.const f64x2 1.0 1.0) (local.get $xn)) (local.get $e)
          (f64x2.lt (local.get $a) (v128.const i64x2 0x3e30000000000000 0x3e30000000000000))))
        (local.set $e (v128.andnot (local.get $e)
          (f64x2.gt (local.get $a) (v128.const f64x2 7.45133219101941108420e+02 7.45133219101941108420e+02))))

        ;; ---- l = log1p(e) for e in [0, 1] (fdlibm log1p) ----
        ;; e ≥ 0x3FDA827A_00000000 (1 + e ≥ √2−): k = 1, u = 1 + e, f = u/2 − 1 and the correction c/u; at u = 2,
        ;; f = 0 and c = (1 − (u − e))/u. Else k = 0, f = e, c = 0.
        (local.set $caseB (f64x2.ge (local.get $e) (v128.const i64x2 0x3fda827a00000000 0x3fda827a00000000)))
        (local.set $u (f64x2.add (v128.const f64x2 1.0 1.0) (local.get $e)))
        (local.set $two (f64x2.eq (local.get $u) (v128.const f64x2 2.0 2.0)))
        (local.set $cB (f64x2.div
          (v128.bitselect
            (f64x2.sub (v128.const f64x2 1.0 1.0) (f64x2.sub (local.get $u) (local.get $e)))
            (f64x2.sub (local.get $e) (f64x2.sub (local.get $u) (v128.const f64x2 1.0 1.0)))
            (local.get $two))
          (local.get $u)))
        (local.set $fB (v128.andnot (f64x2.sub (f64x2.mul (local.get $u) (v128.const f64x2 0.5 0.5)) (v128.const f64x2 1.0 1.0)) (local.get $two)))
        ;; hu == 0 in fdlibm: u = 2, or u/2 within 2^−20 below 1 (u ≥ 0x3FFFFFFD_00000000)
        (local.set $huz (v128.and (local.get $caseB)
          (v128.or (local.get $two) (f64x2.ge (local.get $u) (v128.const i64x2 0x3ffffffd00000000 0x3ffffffd00000000)))))
        (local.set $lk (v128.and (local.get $caseB) (v128.const f64x2 1.0 1.0)))
        (local.set $lc (v128.and (local.get $caseB) (local.get $cB)))
        (local.set $f (v128.bitselect (local.get $fB) (local.get $e) (local.get $caseB)))
        (local.set $hfsq (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $f)) (local.get $f)))
        (local.set $ls (f64x2.div (local.get $f) (f64x2.add (v128.const f64x2 2.0 2.0) (local.get $f))))
        (local.set $lz (f64x2.mul (local.get $ls) (local.get $ls)))
        (local.set $R (f64x2.mul (local.get $lz)
          (f64x2.add (v128.const f64x2 6.666666666666735130e-01 6.666666666666735130e-01) (f64x2.mul (local.get $lz)
          (f64x2.add (v128.const f64x2 3.999999999940941908e-01 3.999999999940941908e-01) (f64x2.mul (local.get $lz)
          (f64x2.add (v128.const f64x2 2.857142874366239149e-01 2.857142874366239149e-01) (f64x2.mul (local.get $lz)
          (f64x2.add (v128.const f64x2 2.222219843214978396e-01 2.222219843214978396e-01) (f64x2.mul (local.get $lz)
          (f64x2.add (v128.const f64x2 1.818357216161805012e-01 1.818357216161805012e-01) (f64x2.mul (local.get $lz)
          (f64x2.add (v128.const f64x2 1.531383769920937332e-01 1.531383769920937332e-01) (f64x2.mul (local.get $lz)
            (v128.const f64x2 1.479819860511658591e-01 1.479819860511658591e-01)))))))))))))))
        ;; k·ln2_hi − ((hfsq − (s·(hfsq + R) + (k·ln2_lo + c))) − f): fdlibm's k = 0 form when k = 0 and c = 0.
        (local.set $lgen (f64x2.sub (f64x2.mul (local.get $lk) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))
          (f64x2.sub
            (f64x2.sub (local.get $hfsq)
              (f64x2.add (f64x2.mul (local.get $ls) (f64x2.add (local.get $hfsq) (local.get $R)))
                         (f64x2.add (f64x2.mul (local.get $lk) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10)) (local.get $lc))))
            (local.get $f))))
        ;; hu == 0: R = hfsq·(1 − 0.66666666666666666·f); k·ln2_hi − ((R − (k·ln2_lo + c)) − f)
        (local.set $lhu0 (f64x2.sub (f64x2.mul (local.get $lk) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))
          (f64x2.sub
            (f64x2.sub
              (f64x2.mul (local.get $hfsq) (f64x2.sub (v128.const f64x2 1.0 1.0) (f64x2.mul (v128.const f64x2 0.66666666666666666 0.66666666666666666) (local.get $f))))
              (f64x2.add (f64x2.mul (local.get $lk) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10)) (local.get $lc)))
            (local.get $f))))
        (local.set $l (v128.bitselect (local.get $lhu0) (local.get $lgen) (local.get $huz)))
        ;; e < 2^−29: e − e·e·0.5; e < 2^−54: e.
        (local.set $l (v128.bitselect
          (f64x2.sub (local.get $e) (f64x2.mul (f64x2.mul (local.get $e) (local.get $e)) (v128.const f64x2 0.5 0.5)))
          (local.get $l)
          (f64x2.lt (local.get $e) (v128.const i64x2 0x3e20000000000000 0x3e20000000000000))))
        (local.set $l (v128.bitselect (local.get $e) (local.get $l)
          (f64x2.lt (local.get $e) (v128.const i64x2 0x3c90000000000000 0x3c90000000000000))))

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
