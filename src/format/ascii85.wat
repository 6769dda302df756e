;; The ascii85 fast path in WebAssembly (see ascii85.ts): decodes the kernel's ascii85 from the
;; input window into little-endian u32s in the output window, and stops at the first thing it does
;; not handle (fewer than 5 bytes left, whitespace, a line break, a bad character, a group above
;; 0xFFFFFFFF, or a full output), leaving that to the careful JavaScript path.
;; SIMD (simd128) takes a run of up to 16 'z' at once (counted from a bitmask), 16 groups (80
;; bytes) at once when no group can overflow, and 4 groups (20 bytes) at once: the digits are
;; gathered by shuffles into lanes and combined with i16 dot products and i32x4 multiplies; a
;; block with anything else in it (a 'z' among groups, a line end, a possible overflow) goes one
;; group at a time through the scalar loop below.
;; Rebuilt into ascii85-wasm.ts by `node scripts/build-wasm.mjs`; a unit test checks they match.
(module
  (memory (export "memory") 81)
  ;; Results of the last call: dwords written, and the byte span of the output that is not zero
  ;; (first = -1 when every group was 'z').
  (global $dwords (export "dwords") (mut i32) (i32.const 0))
  (global $first (export "first") (mut i32) (i32.const -1))
  (global $last (export "last") (mut i32) (i32.const 0))
  ;; decode(in, len, out, cap) -> bytes consumed; cap is in dwords.
  (func (export "decode") (param $in i32) (param $len i32) (param $out i32) (param $cap i32) (result i32)
    (local $i i32) (local $end i32) (local $fast i32) (local $w i32) (local $wend i32) (local $c i32)
    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $t3 i32) (local $t4 i32) (local $x i32)
    (local $first i32) (local $last i32)
    (local $ta v128) (local $tb v128) (local $x4 v128) (local $d4 v128) (local $v4 v128)
    (local.set $i (local.get $in))
    (local.set $end (i32.add (local.get $in) (local.get $len)))
    (local.set $fast (i32.sub (local.get $end) (i32.const 5)))
    (local.set $w (local.get $out))
    (local.set $wend (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $first (i32.const -1))
    (local.set $last (i32.const 0))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $w) (local.get $wend)))
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; A run of 'z': up to 16 at once (their count from a bitmask), 16 zero dwords stored.
        (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 122))
          (then
            (if (i32.and
                  (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $end))
                  (i32.ge_u (i32.sub (local.get $wend) (local.get $w)) (i32.const 64)))
              (then
                (local.set $c (i32.ctz (i32.xor (i8x16.bitmask (i8x16.eq (v128.load (local.get $i)) (i8x16.splat (i32.const 122)))) (i32.const -1))))
                (v128.store (local.get $w) (v128.const i64x2 0 0))
                (v128.store offset=16 (local.get $w) (v128.const i64x2 0 0))
                (v128.store offset=32 (local.get $w) (v128.const i64x2 0 0))
                (v128.store offset=48 (local.get $w) (v128.const i64x2 0 0))
                (local.set $w (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 2))))
                (local.set $i (i32.add (local.get $i) (local.get $c)))
                (br $top)))))
        ;; 16 groups (80 bytes) at once when every byte is a digit and no group's first digit is above
        ;; 81, so no group can overflow (81 * 85^4 + 85^4 - 1 < 2^32): one unsigned compare per 16
        ;; bytes against a per-byte limit (81 at a group's first digit, 84 elsewhere; a byte below
        ;; '!' wraps above both). Each 4 groups: (d0*85 + d1) and (d2*7225 + d3*85) by i16 dot
        ;; products, then one multiply by 85^3 and the last digit added.
        (if (i32.and
              (i32.le_u (i32.add (local.get $i) (i32.const 80)) (local.get $end))
              (i32.ge_u (i32.sub (local.get $wend) (local.get $w)) (i32.const 64)))
          (then
            (if (i32.eqz (v128.any_true
                  (v128.or (v128.or (v128.or (v128.or (i8x16.gt_u (i8x16.sub (v128.load (local.get $i)) (i8x16.splat (i32.const 33))) (v128.const i8x16 81 84 84 84 84 81 84 84 84 84 81 84 84 84 84 81))
                    (i8x16.gt_u (i8x16.sub (v128.load offset=16 (local.get $i)) (i8x16.splat (i32.const 33))) (v128.const i8x16 84 84 84 84 81 84 84 84 84 81 84 84 84 84 81 84)))
                    (i8x16.gt_u (i8x16.sub (v128.load offset=32 (local.get $i)) (i8x16.splat (i32.const 33))) (v128.const i8x16 84 84 84 81 84 84 84 84 81 84 84 84 84 81 84 84)))
                    (i8x16.gt_u (i8x16.sub (v128.load offset=48 (local.get $i)) (i8x16.splat (i32.const 33))) (v128.const i8x16 84 84 81 84 84 84 84 81 84 84 84 84 81 84 84 84)))
                    (i8x16.gt_u (i8x16.sub (v128.load offset=64 (local.get $i)) (i8x16.splat (i32.const 33))) (v128.const i8x16 84 81 84 84 84 84 81 84 84 84 84 81 84 84 84 84)))))
              (then
                (local.set $ta (i8x16.sub (v128.load (local.get $i)) (i8x16.splat (i32.const 33))))
                (local.set $tb (i8x16.sub (v128.load offset=4 (local.get $i)) (i8x16.splat (i32.const 33))))
                (local.set $v4 (i32x4.add
                  (i32x4.add
                    (i32x4.mul (i32x4.dot_i16x8_s (v128.and (v128.const i16x8 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff)
                        (i8x16.shuffle 0 0 1 0 5 0 6 0 10 0 11 0 15 0 28 0 (local.get $ta) (local.get $tb)))
                      (v128.const i16x8 85 1 85 1 85 1 85 1))
                      (i32x4.splat (i32.const 614125)))
                    (i32x4.dot_i16x8_s (v128.and (v128.const i16x8 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff)
                        (i8x16.shuffle 2 0 3 0 7 0 8 0 12 0 13 0 29 0 30 0 (local.get $ta) (local.get $tb)))
                      (v128.const i16x8 7225 85 7225 85 7225 85 7225 85)))
                  (v128.and (v128.const i32x4 0xff 0xff 0xff 0xff)
                    (i8x16.shuffle 4 0 0 0 9 0 0 0 14 0 0 0 31 0 0 0 (local.get $ta) (local.get $tb)))))
                (v128.store (local.get $w) (local.get $v4))
                (if (v128.any_true (local.get $v4))
                  (then
                    (if (i32.lt_s (local.get $first) (i32.const 0)) (then (local.set $first (i32.add (local.get $w) (i32.const 0)))))
                    (local.set $last (i32.add (local.get $w) (i32.const 16)))))
                (local.set $ta (i8x16.sub (v128.load offset=20 (local.get $i)) (i8x16.splat (i32.const 33))))
                (local.set $tb (i8x16.sub (v128.load offset=24 (local.get $i)) (i8x16.splat (i32.const 33))))
                (local.set $v4 (i32x4.add
                  (i32x4.add
                    (i32x4.mul (i32x4.dot_i16x8_s (v128.and (v128.const i16x8 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff)
                        (i8x16.shuffle 0 0 1 0 5 0 6 0 10 0 11 0 15 0 28 0 (local.get $ta) (local.get $tb)))
                      (v128.const i16x8 85 1 85 1 85 1 85 1))
                      (i32x4.splat (i32.const 614125)))
                    (i32x4.dot_i16x8_s (v128.and (v128.const i16x8 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff)
                        (i8x16.shuffle 2 0 3 0 7 0 8 0 12 0 13 0 29 0 30 0 (local.get $ta) (local.get $tb)))
                      (v128.const i16x8 7225 85 7225 85 7225 85 7225 85)))
                  (v128.and (v128.const i32x4 0xff 0xff 0xff 0xff)
                    (i8x16.shuffle 4 0 0 0 9 0 0 0 14 0 0 0 31 0 0 0 (local.get $ta) (local.get $tb)))))
                (v128.store offset=16 (local.get $w) (local.get $v4))
                (if (v128.any_true (local.get $v4))
                  (then
                    (if (i32.lt_s (local.get $first) (i32.const 0)) (then (local.set $first (i32.add (local.get $w) (i32.const 16)))))
                    (local.set $last (i32.add (local.get $w) (i32.const 32)))))
                (local.set $ta (i8x16.sub (v128.load offset=40 (local.get $i)) (i8x16.splat (i32.const 33))))
                (local.set $tb (i8x16.sub (v128.load offset=44 (local.get $i)) (i8x16.splat (i32.const 33))))
                (local.set $v4 (i32x4.add
                  (i32x4.add
                    (i32x4.mul (i32x4.dot_i16x8_s (v128.and (v128.const i16x8 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff)
                        (i8x16.shuffle 0 0 1 0 5 0 6 0 10 0 11 0 15 0 28 0 (local.get $ta) (local.get $tb)))
                      (v128.const i16x8 85 1 85 1 85 1 85 1))
                      (i32x4.splat (i32.const 614125)))
                    (i32x4.dot_i16x8_s (v128.and (v128.const i16x8 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff)
                        (i8x16.shuffle 2 0 3 0 7 0 8 0 12 0 13 0 29 0 30 0 (local.get $ta) (local.get $tb)))
                      (v128.const i16x8 7225 85 7225 85 7225 85 7225 85)))
                  (v128.and (v128.const i32x4 0xff 0xff 0xff 0xff)
                    (i8x16.shuffle 4 0 0 0 9 0 0 0 14 0 0 0 31 0 0 0 (local.get $ta) (local.get $tb)))))
                (v128.store offset=32 (local.get $w) (local.get $v4))
                (if (v128.any_true (local.get $v4))
                  (then
                    (if (i32.lt_s (local.get $first) (i32.const 0)) (then (local.set $first (i32.add (local.get $w) (i32.const 32)))))
                    (local.set $last (i32.add (local.get $w) (i32.const 48)))))
                (local.set $ta (i8x16.sub (v128.load offset=60 (local.get $i)) (i8x16.splat (i32.const 33))))
                (local.set $tb (i8x16.sub (v128.load offset=64 (local.get $i)) (i8x16.splat (i32.const 33))))
                (local.set $v4 (i32x4.add
                  (i32x4.add
                    (i32x4.mul (i32x4.dot_i16x8_s (v128.and (v128.const i16x8 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff)
                        (i8x16.shuffle 0 0 1 0 5 0 6 0 10 0 11 0 15 0 28 0 (local.get $ta) (local.get $tb)))
                      (v128.const i16x8 85 1 85 1 85 1 85 1))
                      (i32x4.splat (i32.const 614125)))
                    (i32x4.dot_i16x8_s (v128.and (v128.const i16x8 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff)
                        (i8x16.shuffle 2 0 3 0 7 0 8 0 12 0 13 0 29 0 30 0 (local.get $ta) (local.get $tb)))
                      (v128.const i16x8 7225 85 7225 85 7225 85 7225 85)))
                  (v128.and (v128.const i32x4 0xff 0xff 0xff 0xff)
                    (i8x16.shuffle 4 0 0 0 9 0 0 0 14 0 0 0 31 0 0 0 (local.get $ta) (local.get $tb)))))
                (v128.store offset=48 (local.get $w) (local.get $v4))
                (if (v128.any_true (local.get $v4))
                  (then
                    (if (i32.lt_s (local.get $first) (i32.const 0)) (then (local.set $first (i32.add (local.get $w) (i32.const 48)))))
                    (local.set $last (i32.add (local.get $w) (i32.const 64)))))
                (local.set $w (i32.add (local.get $w) (i32.const 64)))
                (local.set $i (i32.add (local.get $i) (i32.const 80)))
                (br $top)))))
        ;; 4 groups of 5 digits: 20 bytes, all '!'..'u'.
        (if (i32.and
              (i32.le_u (i32.add (local.get $i) (i32.const 20)) (local.get $end))
              (i32.ge_u (i32.sub (local.get $wend) (local.get $w)) (i32.const 16)))
          (then
            (local.set $ta (i8x16.sub (v128.load (local.get $i)) (i8x16.splat (i32.const 33))))
            (local.set $tb (i8x16.sub (v128.load offset=4 (local.get $i)) (i8x16.splat (i32.const 33))))
            (if (i32.and
                  (i8x16.all_true (i8x16.lt_u (local.get $ta) (i8x16.splat (i32.const 85))))
                  (i8x16.all_true (i8x16.lt_u (local.get $tb) (i8x16.splat (i32.const 85)))))
              (then
                ;; Byte p of the block is ta[p] (p < 16) or tb[p - 4] (shuffle index 16 + p - 4).
                ;; Digit k of group g is byte 5g + k; lane g of x4 = ((d0*85 + d1)*85 + d2)*85 + d3.
                (local.set $x4 (v128.and (v128.const i32x4 0xff 0xff 0xff 0xff)
                  (i8x16.shuffle 0 0 0 0 5 0 0 0 10 0 0 0 15 0 0 0 (local.get $ta) (local.get $tb))))
                (local.set $x4 (i32x4.add (i32x4.mul (local.get $x4) (i32x4.splat (i32.const 85)))
                  (v128.and (v128.const i32x4 0xff 0xff 0xff 0xff)
                    (i8x16.shuffle 1 0 0 0 6 0 0 0 11 0 0 0 28 0 0 0 (local.get $ta) (local.get $tb)))))
                (local.set $x4 (i32x4.add (i32x4.mul (local.get $x4) (i32x4.splat (i32.const 85)))
                  (v128.and (v128.const i32x4 0xff 0xff 0xff 0xff)
                    (i8x16.shuffle 2 0 0 0 7 0 0 0 12 0 0 0 29 0 0 0 (local.get $ta) (local.get $tb)))))
                (local.set $x4 (i32x4.add (i32x4.mul (local.get $x4) (i32x4.splat (i32.const 85)))
                  (v128.and (v128.const i32x4 0xff 0xff 0xff 0xff)
                    (i8x16.shuffle 3 0 0 0 8 0 0 0 13 0 0 0 30 0 0 0 (local.get $ta) (local.get $tb)))))
                (local.set $d4 (v128.and (v128.const i32x4 0xff 0xff 0xff 0xff)
                  (i8x16.shuffle 4 0 0 0 9 0 0 0 14 0 0 0 31 0 0 0 (local.get $ta) (local.get $tb))))
                ;; No group above 0xFFFFFFFF (else the scalar loop stops at it).
                (if (i32.eqz (v128.any_true (v128.or
                      (i32x4.gt_u (local.get $x4) (i32x4.splat (i32.const 50529027)))
                      (v128.and (i32x4.eq (local.get $x4) (i32x4.splat (i32.const 50529027)))
                                (v128.not (i32x4.eq (local.get $d4) (v128.const i32x4 0 0 0 0)))))))
                  (then
                    (local.set $v4 (i32x4.add (i32x4.mul (local.get $x4) (i32x4.splat (i32.const 85))) (local.get $d4)))
                    (v128.store (local.get $w) (local.get $v4))
                    (if (v128.any_true (local.get $v4))
                      (then
                        (if (i32.lt_s (local.get $first) (i32.const 0)) (then (local.set $first (local.get $w))))
                        (local.set $last (i32.add (local.get $w) (i32.const 16)))))
                    (local.set $w (i32.add (local.get $w) (i32.const 16)))
                    (local.set $i (i32.add (local.get $i) (i32.const 20)))
                    (br $top)))))))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.eq (local.get $c) (i32.const 122))
          (then
            (i32.store (local.get $w) (i32.const 0))
            (local.set $w (i32.add (local.get $w) (i32.const 4)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $top)))
        (br_if $done (i32.gt_s (local.get $i) (local.get $fast)))
        (local.set $t0 (i32.sub (local.get $c) (i32.const 33)))
        (local.set $t1 (i32.sub (i32.load8_u offset=1 (local.get $i)) (i32.const 33)))
        (local.set $t2 (i32.sub (i32.load8_u offset=2 (local.get $i)) (i32.const 33)))
        (local.set $t3 (i32.sub (i32.load8_u offset=3 (local.get $i)) (i32.const 33)))
        (local.set $t4 (i32.sub (i32.load8_u offset=4 (local.get $i)) (i32.const 33)))
        ;; A digit outside 0..84 (compared unsigned, so bytes below '!' count too).
        (br_if $done
          (i32.or
            (i32.or
              (i32.or (i32.ge_u (local.get $t0) (i32.const 85)) (i32.ge_u (local.get $t1) (i32.const 85)))
              (i32.or (i32.ge_u (local.get $t2) (i32.const 85)) (i32.ge_u (local.get $t3) (i32.const 85))))
            (i32.ge_u (local.get $t4) (i32.const 85))))
        (local.set $x
          (i32.add
            (i32.mul
              (i32.add (i32.mul (i32.add (i32.mul (local.get $t0) (i32.const 85)) (local.get $t1)) (i32.const 85)) (local.get $t2))
              (i32.const 85))
            (local.get $t3)))
        ;; x*85 + t4 > 0xFFFFFFFF exactly when x > 50529027, or x == 50529027 and t4 > 0.
        (br_if $done (i32.gt_u (local.get $x) (i32.const 50529027)))
        (br_if $done (i32.and (i32.eq (local.get $x) (i32.const 50529027)) (i32.ne (local.get $t4) (i32.const 0))))
        (i32.store (local.get $w) (i32.add (i32.mul (local.get $x) (i32.const 85)) (local.get $t4)))
        (if (i32.lt_s (local.get $first) (i32.const 0)) (then (local.set $first (local.get $w))))
        (local.set $w (i32.add (local.get $w) (i32.const 4)))
        (local.set $last (local.get $w))
        (local.set $i (i32.add (local.get $i) (i32.const 5)))
        (br $top)))
    (global.set $dwords (i32.shr_u (i32.sub (local.get $w) (local.get $out)) (i32.const 2)))
    (global.set $first (select (i32.sub (local.get $first) (local.get $out)) (i32.const -1) (i32.ge_s (local.get $first) (i32.const 0))))
    (global.set $last (i32.sub (local.get $last) (local.get $out)))
    (i32.sub (local.get $i) (local.get $in)))
  ;; scan(in, len, cap) -> bytes consumed: what decode() does, without the output: it counts the
  ;; groups (into $dwords) and stops where decode() would stop. The index scan of on-demand
  ;; decoding needs only the count (for its checkpoints) and the same stops (for its diagnostics).
  ;; A block of 4 groups whose first digits are all below 's' cannot overflow, so the sums are not
  ;; computed; any other block goes one group at a time, checked as decode() checks it.
  (func (export "scan") (param $in i32) (param $len i32) (param $cap i32) (result i32)
    (local $i i32) (local $end i32) (local $fast i32) (local $w i32) (local $c i32)
    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $t3 i32) (local $t4 i32) (local $x i32)
    (local $ta v128) (local $tb v128)
    (local.set $i (local.get $in))
    (local.set $end (i32.add (local.get $in) (local.get $len)))
    (local.set $fast (i32.sub (local.get $end) (i32.const 5)))
    (local.set $w (i32.const 0))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $w) (local.get $cap)))
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; A run of 'z': up to 16 at once (their count from a bitmask).
        (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 122))
          (then
            (if (i32.and
                  (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $end))
                  (i32.ge_u (i32.sub (local.get $cap) (local.get $w)) (i32.const 16)))
              (then
                (local.set $c (i32.ctz (i32.xor (i8x16.bitmask (i8x16.eq (v128.load (local.get $i)) (i8x16.splat (i32.const 122)))) (i32.const -1))))
                (local.set $w (i32.add (local.get $w) (local.get $c)))
                (local.set $i (i32.add (local.get $i) (local.get $c)))
                (br $top)))))
        ;; 16 groups (80 bytes) at once: every byte a digit and no group's first digit above 81, so
        ;; no group can overflow (81 * 85^4 + 85^4 - 1 < 2^32). One unsigned compare per 16 bytes
        ;; against a per-byte limit (81 at a group's first digit, 84 elsewhere; a byte below '!'
        ;; wraps above both). Anything else goes to the blocks and the loop below.
        (if (i32.and
              (i32.le_u (i32.add (local.get $i) (i32.const 80)) (local.get $end))
              (i32.ge_u (i32.sub (local.get $cap) (local.get $w)) (i32.const 16)))
          (then
            (if (i32.eqz (v128.any_true
                  (v128.or (v128.or (v128.or (v128.or (i8x16.gt_u (i8x16.sub (v128.load (local.get $i)) (i8x16.splat (i32.const 33))) (v128.const i8x16 81 84 84 84 84 81 84 84 84 84 81 84 84 84 84 81))
                    (i8x16.gt_u (i8x16.sub (v128.load offset=16 (local.get $i)) (i8x16.splat (i32.const 33))) (v128.const i8x16 84 84 84 84 81 84 84 84 84 81 84 84 84 84 81 84)))
                    (i8x16.gt_u (i8x16.sub (v128.load offset=32 (local.get $i)) (i8x16.splat (i32.const 33))) (v128.const i8x16 84 84 84 81 84 84 84 84 81 84 84 84 84 81 84 84)))
                    (i8x16.gt_u (i8x16.sub (v128.load offset=48 (local.get $i)) (i8x16.splat (i32.const 33))) (v128.const i8x16 84 84 81 84 84 84 84 81 84 84 84 84 81 84 84 84)))
                    (i8x16.gt_u (i8x16.sub (v128.load offset=64 (local.get $i)) (i8x16.splat (i32.const 33))) (v128.const i8x16 84 81 84 84 84 84 81 84 84 84 84 81 84 84 84 84)))))
              (then
                (local.set $w (i32.add (local.get $w) (i32.const 16)))
                (local.set $i (i32.add (local.get $i) (i32.const 80)))
                (br $top)))))
        (if (i32.and
              (i32.le_u (i32.add (local.get $i) (i32.const 20)) (local.get $end))
              (i32.ge_u (i32.sub (local.get $cap) (local.get $w)) (i32.const 4)))
          (then
            (local.set $ta (i8x16.sub (v128.load (local.get $i)) (i8x16.splat (i32.const 33))))
            (local.set $tb (i8x16.sub (v128.load offset=4 (local.get $i)) (i8x16.splat (i32.const 33))))
            ;; All 20 bytes digits, and no first digit (bytes 0, 5, 10, 15) above 81.
            (if (i32.and
                  (i32.and
                    (i8x16.all_true (i8x16.lt_u (local.get $ta) (i8x16.splat (i32.const 85))))
                    (i8x16.all_true (i8x16.lt_u (local.get $tb) (i8x16.splat (i32.const 85)))))
                  (i32.eqz (v128.any_true (v128.and
                    (i8x16.gt_u (local.get $ta) (i8x16.splat (i32.const 81)))
                    (v128.const i8x16 -1 0 0 0 0 -1 0 0 0 0 -1 0 0 0 0 -1)))))
              (then
                (local.set $w (i32.add (local.get $w) (i32.const 4)))
                (local.set $i (i32.add (local.get $i) (i32.const 20)))
                (br $top)))))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.eq (local.get $c) (i32.const 122))
          (then
            (local.set $w (i32.add (local.get $w) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $top)))
        (br_if $done (i32.gt_s (local.get $i) (local.get $fast)))
        (local.set $t0 (i32.sub (local.get $c) (i32.const 33)))
        (local.set $t1 (i32.sub (i32.load8_u offset=1 (local.get $i)) (i32.const 33)))
        (local.set $t2 (i32.sub (i32.load8_u offset=2 (local.get $i)) (i32.const 33)))
        (local.set $t3 (i32.sub (i32.load8_u offset=3 (local.get $i)) (i32.const 33)))
        (local.set $t4 (i32.sub (i32.load8_u offset=4 (local.get $i)) (i32.const 33)))
        (br_if $done
          (i32.or
            (i32.or
              (i32.or (i32.ge_u (local.get $t0) (i32.const 85)) (i32.ge_u (local.get $t1) (i32.const 85)))
              (i32.or (i32.ge_u (local.get $t2) (i32.const 85)) (i32.ge_u (local.get $t3) (i32.const 85))))
            (i32.ge_u (local.get $t4) (i32.const 85))))
        (if (i32.gt_u (local.get $t0) (i32.const 81))
          (then
            (local.set $x
              (i32.add
                (i32.mul
                  (i32.add (i32.mul (i32.add (i32.mul (local.get $t0) (i32.const 85)) (local.get $t1)) (i32.const 85)) (local.get $t2))
                  (i32.const 85))
                (local.get $t3)))
            (br_if $done (i32.gt_u (local.get $x) (i32.const 50529027)))
            (br_if $done (i32.and (i32.eq (local.get $x) (i32.const 50529027)) (i32.ne (local.get $t4) (i32.const 0))))))
        (local.set $w (i32.add (local.get $w) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 5)))
        (br $top)))
    (global.set $dwords (local.get $w))
    (i32.sub (local.get $i) (local.get $in)))
;; find(p, n, a0, x0, d0, a1, x1, d1, out, cap) -> candidates written: the memory search's filter
;; (search.ts). For each start s in [0, n) where (mem[p + s + d0] | x0) == a0 and
;; (mem[p + s + d1] | x1) == a1 (two bytes of the pattern; x = 0x20 folds an ASCII letter), s goes
;; into the i32s at out, in order, at most cap of them; 16 starts at a time. $stop is where it
;; stopped (every start below it was looked at). The caller checks each candidate's other bytes.
  (global $stop (export "stop") (mut i32) (i32.const 0))
  (func (export "find") (param $p i32) (param $n i32)
    (param $a0 i32) (param $x0 i32) (param $d0 i32) (param $a1 i32) (param $x1 i32) (param $d1 i32)
    (param $out i32) (param $cap i32) (result i32)
    (local $s i32) (local $k i32) (local $bits i32) (local $q0 i32) (local $q1 i32)
    (local $va v128) (local $vx v128) (local $vb v128) (local $vy v128)
    (local.set $va (i8x16.splat (local.get $a0)))
    (local.set $vx (i8x16.splat (local.get $x0)))
    (local.set $vb (i8x16.splat (local.get $a1)))
    (local.set $vy (i8x16.splat (local.get $x1)))
    (local.set $q0 (i32.add (local.get $p) (local.get $d0)))
    (local.set $q1 (i32.add (local.get $p) (local.get $d1)))
    (block $full
      (loop $blocks
        (br_if $full (i32.gt_u (i32.add (local.get $s) (i32.const 16)) (local.get $n)))
        (br_if $full (i32.lt_u (i32.sub (local.get $cap) (local.get $k)) (i32.const 16)))
        (local.set $bits (i8x16.bitmask (v128.and
          (i8x16.eq (v128.or (v128.load (i32.add (local.get $q0) (local.get $s))) (local.get $vx)) (local.get $va))
          (i8x16.eq (v128.or (v128.load (i32.add (local.get $q1) (local.get $s))) (local.get $vy)) (local.get $vb)))))
        (block $none
          (loop $bit
            (br_if $none (i32.eqz (local.get $bits)))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2)))
              (i32.add (local.get $s) (i32.ctz (local.get $bits))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (br $bit)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (br $blocks)))
    ;; The last starts (fewer than 16), one at a time; not when the output is what stopped the blocks.
    (if (i32.gt_u (i32.add (local.get $s) (i32.const 16)) (local.get $n))
      (then
        (block $end
          (loop $one
            (br_if $end (i32.ge_u (local.get $s) (local.get $n)))
            (br_if $end (i32.ge_u (local.get $k) (local.get $cap)))
            (if (i32.and
                  (i32.eq (i32.or (i32.load8_u (i32.add (local.get $q0) (local.get $s))) (local.get $x0)) (local.get $a0))
                  (i32.eq (i32.or (i32.load8_u (i32.add (local.get $q1) (local.get $s))) (local.get $x1)) (local.get $a1)))
              (then
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))) (local.get $s))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))))
            (local.set $s (i32.add (local.get $s) (i32.const 1)))
            (br $one)))))
    (global.set $stop (local.get $s))
    (local.get $k))
)
