// The Linux kernel's ascii85 encoder (include/linux/ascii85.h), as used by the xe devcoredump.
//
// Unit = one u32 VALUE read from memory in CPU order (little-endian on every platform xe runs on).
// 0 → 'z'; any other value → exactly five chars, base-85 digits most significant first, each + 33.
// No delimiters, no 'y' shortcut, no partial final group: the byte length must be a multiple of 4.
//
// Pure module (no Node APIs). The hot loops work on Uint32Array / Uint8Array only.

const HOST_LE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** 'z' */
export const ASCII85_ZERO = 0x7a;

/** A little-endian u32 view of `bytes` (a view when possible, else a copy). Length must be a multiple of 4. */
export function wordsOf(bytes: Uint8Array): Uint32Array {
  if (bytes.length % 4 !== 0) throw new RangeError(`ascii85: size not word aligned: ${bytes.length}`);
  const n = bytes.length >>> 2;
  if (HOST_LE && bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, n);
  const w = new Uint32Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    w[i] = (bytes[j] | (bytes[j + 1] << 8) | (bytes[j + 2] << 16) | (bytes[j + 3] << 24)) >>> 0;
  }
  return w;
}

/** Exact encoded length of u32 words: 1 char per zero word, 5 per other word. */
export function ascii85WordsLength(words: Uint32Array, start = 0, end = words.length): number {
  let zeros = 0;
  for (let i = start; i < end; i++) if (words[i] === 0) zeros++;
  return (end - start) * 5 - zeros * 4;
}

/** Exact encoded length of `bytes` (multiple of 4). */
export function ascii85Length(bytes: Uint8Array): number {
  return ascii85WordsLength(wordsOf(bytes));
}

/**
 * Encode words[start, end) into `out` at `offset`; returns the offset after the last char.
 * `out` must have room for (end - start) * 5 chars in the worst case.
 */
export function encodeAscii85WordsInto(
  words: Uint32Array,
  out: Uint8Array,
  offset = 0,
  start = 0,
  end = words.length,
): number {
  let o = offset;
  for (let i = start; i < end; i++) {
    const v = words[i];
    if (v === 0) {
      out[o++] = 0x7a;
      continue;
    }
    // v < 2^32, so v / 85 < 2^32 and >>> 0 truncates exactly.
    const q1 = (v / 85) >>> 0;
    const q2 = (q1 / 85) | 0;
    const q3 = (q2 / 85) | 0;
    const q4 = (q3 / 85) | 0;
    out[o] = q4 + 33;
    out[o + 1] = q3 - q4 * 85 + 33;
    out[o + 2] = q2 - q3 * 85 + 33;
    out[o + 3] = q1 - q2 * 85 + 33;
    out[o + 4] = v - q1 * 85 + 33;
    o += 5;
  }
  return o;
}

/** Encode `bytes` (length multiple of 4, u32 read little-endian) into `out` at `offset`; returns the end offset. */
export function encodeAscii85Into(bytes: Uint8Array, out: Uint8Array, offset = 0): number {
  return encodeAscii85WordsInto(wordsOf(bytes), out, offset);
}

/** Encode `bytes` into a new, exactly sized buffer of ASCII chars. */
export function encodeAscii85(bytes: Uint8Array): Uint8Array {
  const words = wordsOf(bytes);
  const out = new Uint8Array(ascii85WordsLength(words));
  encodeAscii85WordsInto(words, out, 0);
  return out;
}

/** Convenience for small inputs (tests): the encoded text as a string. */
export function encodeAscii85String(bytes: Uint8Array): string {
  const enc = encodeAscii85(bytes);
  let s = '';
  for (let i = 0; i < enc.length; i += 8192) {
    s += String.fromCharCode.apply(null, Array.from(enc.subarray(i, i + 8192)));
  }
  return s;
}

/** One u32 value as the kernel prints it ('z' or five chars). */
export function encodeAscii85Word(value: number): string {
  const v = value >>> 0;
  if (v === 0) return 'z';
  const out = new Uint8Array(5);
  encodeAscii85WordsInto(new Uint32Array([v]), out, 0);
  return String.fromCharCode(...out);
}
