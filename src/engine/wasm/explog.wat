;; exp(−|z|) and log1p of it for two rows (f64x2), as fdlibm computes them: src/build/wasm.ts puts these
;; statements where a kernel says ;; <explog/> (or those before ;; <log1p> where it says ;; <exp/>), and
;; declares their locals where it says ;; <fragment-locals/>. From z it leaves e = exp(−|z|), and after
;; ;; <log1p>, u = 1 + e and l = log1p(e), in locals of those names.
;;
;; exp: k = 0 below |x| < 0x3fd62e43_00000000 (hx > 0x3fd62e42 in fdlibm), else (int)(invln2·x − 0.5), which is
;; −1 up to 1.5·ln2 as fdlibm's own branch there gives; 2^k applied as fdlibm does (× 2^(k+1000) × 2^−1000
;; below k = −1021); 1 + x below 2^−28; 0 past the underflow threshold (and for −∞).
;; log1p on [0, 1]: k = 1 from e ≥ 0x3FDA827A_00000000 (1 + e ≥ √2−), k = 0 below; fdlibm's hu == 0 case
;; (u = 2, or u/2 within 2^−20 of 1) by its own formula; e − e²/2 below 2^−29 and e itself below 2^−54.
;;
;; fdlibm (http://www.netlib.org/fdlibm), whose notice is kept:
;;   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
;;   Developed at SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and
;;   distribute this software is freely granted, provided that this notice is preserved.
        (local.set $a (f64x2.abs (local.get $z)))

        ;; ---- e = exp(x) at x = −|z| (fdlibm exp) ----
        (local.set $xn (f64x2.neg (local.get $a)))
        ;; k = 0 below |x| < 0x3fd62e43_00000000 (hx > 0x3fd62e42 in fdlibm); else (int)(invln2·x − 0.5), which is −1
        ;; up to 1.5·ln2 as fdlibm's own branch there gives.
        (local.set $big (f64x2.ge (local.get $a) (v128.const i64x2 0x3fd62e4300000000 0x3fd62e4300000000)))
        ;; (int) of a negative number is its ceiling; and 0 below T0, where invln2·x − 0.5 lies in (−1, −0.5].
        (local.set $kd (v128.and (local.get $big) (f64x2.ceil
          (f64x2.sub (f64x2.mul (v128.const f64x2 1.44269504088896338700e+00 1.44269504088896338700e+00) (local.get $xn))
                     (v128.const f64x2 0.5 0.5)))))
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
        ;; k + 1023 + 2^52 holds k + 1023 in its low bits: shifted into the exponent, 2^k (k + 1000 below −1021).
        (local.set $small (f64x2.lt (local.get $kd) (v128.const f64x2 -1021 -1021)))
        (local.set $e (f64x2.mul
          (f64x2.mul (local.get $y)
            (i64x2.shl
              (f64x2.add (v128.bitselect (f64x2.add (local.get $kd) (v128.const f64x2 1000 1000)) (local.get $kd) (local.get $small))
                         (v128.const f64x2 4503599627371519 4503599627371519))
              (i32.const 52)))
          (v128.bitselect (v128.const f64x2 9.33263618503218878990e-302 9.33263618503218878990e-302) (v128.const f64x2 1.0 1.0) (local.get $small))))
        ;; |x| < 2^−28: 1 + x. x < −7.45133219101941108420e+02: 0 (also exp(−∞)).
        (local.set $e (v128.bitselect (f64x2.add (v128.const f64x2 1.0 1.0) (local.get $xn)) (local.get $e)
          (f64x2.lt (local.get $a) (v128.const i64x2 0x3e30000000000000 0x3e30000000000000))))
        (local.set $e (v128.andnot (local.get $e)
          (f64x2.gt (local.get $a) (v128.const f64x2 7.45133219101941108420e+02 7.45133219101941108420e+02))))

        ;; <log1p>
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

