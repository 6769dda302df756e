;; The ascii85 fast path in WebAssembly (see ascii85.ts): decodes the kernel's ascii85 from the
;; input window into little-endian u32s in the output window, and stops at the first thing it does
;; not handle (fewer than 5 bytes left, whitespace, a line break, a bad character, a group above
;; 0xFFFFFFFF, or a full output), leaving that to the careful JavaScript path.
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
)
