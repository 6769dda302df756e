// The kernel's ascii85 (include/linux/ascii85.h), decoded from bytes straight into a buffer.
// One group encodes one u32 read in CPU (little-endian) order: 'z' is a zero dword, anything else is
// exactly five digits '!'..'u', most significant first. No delimiters, no 'y', no partial final group.
//
// The decoder is streaming: call decode() with any slices of the text (a group may be split between
// calls); it stops when the expected number of dwords is reached or at the end of the slice.

const INVALID = 0x80;
/** Digit value (0..84) of each byte, INVALID for anything else ('z' included: it is handled first). */
const DIGIT = new Uint8Array(256).fill(INVALID);
for (let c = 33; c <= 117; c++) DIGIT[c] = c - 33;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export const Z = 0x7a;
const LF = 0x0a;

export function isAscii85Byte(c: number): boolean {
  return (c >= 33 && c <= 117) || c === Z;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}

export class Ascii85Decoder {
  /** Output bytes (a multiple of 4 long). Zero-filled on creation: 'z' groups are skipped, not written. */
  readonly out: Uint8Array;
  private readonly u32: Int32Array;
  /** Dwords the output holds; decoding stops there. */
  readonly capacity: number;
  /** Dwords decoded so far. */
  dwords = 0;
  /** Digits of a group still open (0..4) and their value so far. */
  private pendingDigits = 0;
  private pendingValue = 0;
  /** Groups whose value was above 0xFFFFFFFF (stored wrapped), and the first one's dword index. */
  overflowGroups = 0;
  firstOverflowDword = -1;
  /** Characters outside the alphabet (whitespace aside), skipped; the first one. */
  invalidChars = 0;
  firstInvalidChar = -1;
  /** 'z' met inside a group. */
  misplacedZ = 0;

  constructor(out: Uint8Array) {
    if (out.byteLength % 4 !== 0) throw new Error('ascii85 output must be a whole number of dwords');
    this.out = out;
    this.capacity = out.byteLength >>> 2;
    this.u32 = LITTLE_ENDIAN && out.byteOffset % 4 === 0
      ? new Int32Array(out.buffer, out.byteOffset, this.capacity)
      : new Int32Array(0);
  }

  get full(): boolean {
    return this.dwords >= this.capacity;
  }

  /** Digits of an unfinished group (0 when every group seen so far is complete). */
  get pending(): number {
    return this.pendingDigits;
  }

  /**
   * Decode src[i, end), stopping at a line break (LF). Returns the index of the first byte not
   * consumed: `end`, the index of the LF, or earlier when the output became full.
   */
  decode(src: Uint8Array, i: number, end: number): number {
    if (this.pendingDigits > 0 || !LITTLE_ENDIAN || this.u32.length !== this.capacity) {
      i = this.slow(src, i, end, true);
      if (i < end && src[i] === LF) return i;
      if (!LITTLE_ENDIAN || this.u32.length !== this.capacity) return this.slow(src, i, end, false);
    }
    const u32 = this.u32;
    const cap = this.capacity;
    let w = this.dwords;
    const fastEnd = end - 5;
    while (w < cap && i <= fastEnd) {
      const c = src[i];
      if (c === Z) {
        w++;
        i++;
        continue;
      }
      // Digits as unsigned offsets from '!': a byte outside '!'..'u' gives a value >= 85.
      const t0 = c - 33, t1 = src[i + 1] - 33, t2 = src[i + 2] - 33, t3 = src[i + 3] - 33, t4 = src[i + 4] - 33;
      if ((t0 >>> 0) < 85 && (t1 >>> 0) < 85 && (t2 >>> 0) < 85 && (t3 >>> 0) < 85 && (t4 >>> 0) < 85) {
        // Int32 arithmetic: x < 85^4, and x*85 + t4 fits in 32 bits unless x is past 0xFFFFFFFF/85.
        const x = ((t0 * 85 + t1) * 85 + t2) * 85 + t3;
        if (x < 50529027 || (x === 50529027 && t4 === 0)) {
          u32[w++] = (Math.imul(x, 85) + t4) | 0;
          i += 5;
          continue;
        }
      }
      // A line break, whitespace, a bad character or an overflow: one group the careful way.
      this.dwords = w;
      i = this.slow(src, i, end, true);
      if (i < end && src[i] === LF) return i;
      w = this.dwords;
    }
    this.dwords = w;
    if (w < cap && i < end) i = this.slow(src, i, end, false);
    return i;
  }

  /**
   * Byte-by-byte decoding. With `oneGroup`, returns as soon as a group completes (or a 'z' is
   * read) so the caller can go back to the fast loop. Stops at a line break (returns its index).
   */
  private slow(src: Uint8Array, i: number, end: number, oneGroup: boolean): number {
    const out = this.out;
    while (i < end && this.dwords < this.capacity) {
      const c = src[i];
      if (c === LF) return i;
      i++;
      if (c === Z) {
        if (this.pendingDigits !== 0) {
          this.misplacedZ++;
          this.pendingDigits = 0;
          this.pendingValue = 0;
        }
        this.dwords++;
        if (oneGroup) return i;
        continue;
      }
      const d = DIGIT[c];
      if (d === INVALID) {
        if (!isSpace(c)) {
          if (this.invalidChars === 0) this.firstInvalidChar = c;
          this.invalidChars++;
        }
        continue;
      }
      this.pendingValue = this.pendingValue * 85 + d;
      if (++this.pendingDigits === 5) {
        let v = this.pendingValue;
        if (v > 0xffffffff) {
          if (this.overflowGroups === 0) this.firstOverflowDword = this.dwords;
          this.overflowGroups++;
          v = v % 0x100000000;
        }
        const o = this.dwords * 4;
        out[o] = v & 0xff;
        out[o + 1] = (v >>> 8) & 0xff;
        out[o + 2] = (v >>> 16) & 0xff;
        out[o + 3] = (v >>> 24) & 0xff;
        this.dwords++;
        this.pendingDigits = 0;
        this.pendingValue = 0;
        if (oneGroup) return i;
      }
    }
    return i;
  }
}

/** Decode a whole ascii85 text of a known byte length (a convenience over the streaming decoder). */
export function decodeAscii85(text: Uint8Array, byteLength: number): { bytes: Uint8Array; decoder: Ascii85Decoder; consumed: number } {
  const out = new Uint8Array(Math.ceil(byteLength / 4) * 4);
  const decoder = new Ascii85Decoder(out);
  const consumed = decoder.decode(text, 0, text.length);
  return { bytes: out.subarray(0, byteLength), decoder, consumed };
}
