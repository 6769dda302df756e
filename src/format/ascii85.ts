// The kernel's ascii85 (include/linux/ascii85.h), decoded from bytes straight into a buffer.
// One group encodes one u32 read in CPU (little-endian) order: 'z' is a zero dword, anything else is
// exactly five digits '!'..'u', most significant first. No delimiters, no 'y', no partial final group.
//
// The decoder is streaming: call decode() with any slices of the text (a group may be split between
// calls); it stops when the expected number of dwords is reached or at the end of the slice.

import { ASCII85_WASM_BASE64 } from './ascii85-wasm.ts';

const INVALID = 0x80;
/** Digit value (0..84) of each byte, INVALID for anything else ('z' included: it is handled first). */
const DIGIT = new Uint8Array(256).fill(INVALID);
for (let c = 33; c <= 117; c++) DIGIT[c] = c - 33;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

// The WebAssembly fast path (ascii85.wat): about 1.5x the JavaScript loop. Its memory holds an input
// window of IN_CAP bytes at 0 and an output window of 4 * IN_CAP bytes after it, enough for a window
// of 'z' only. Compiled synchronously: the module is a few hundred bytes.
const IN_CAP = 1 << 20;
const OUT_BASE = IN_CAP;
const OUT_CAP_DWORDS = IN_CAP;
/** Bytes of a window searched for the line's end before it is copied (see decodeWasm). */
const LF_PROBE = 4096;
/** Smallest output a growing decoder moves up to (dwords): 64 KiB. */
const GROW_MIN = 1 << 14;

interface WasmDecoder {
  decode: (inPtr: number, len: number, outPtr: number, capDwords: number) => number;
  scan: (inPtr: number, len: number, capDwords: number) => number;
  find: WasmFinder['find'];
  stop: WebAssembly.Global;
  dwords: WebAssembly.Global;
  first: WebAssembly.Global;
  last: WebAssembly.Global;
  mem: Uint8Array;
}

// Buffers that live in the module's memory (after its two windows), handed out by wasmBuffer():
// text read straight into them and pages decoded straight into them are never copied in or out.
const WASM_PAGE = 65536;
/**
 * Bytes of the memory kept for wasmBuffer(): the CLI's two 4 MiB read buffers, a text window and
 * pages (14 MiB); the memory search's window and a sequential reader's text and output (30 MiB).
 */
const SPARE_BYTES = 44 << 20;
let spareAt = 0;

let wasm: WasmDecoder | null | undefined;
let wasmEnabled = true;

function base64Bytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function getWasm(): WasmDecoder | null {
  if (!wasmEnabled) return null;
  if (wasm === undefined) {
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(base64Bytes(ASCII85_WASM_BASE64)), {});
      const e = instance.exports as Record<string, unknown>;
      const memory = e.memory as WebAssembly.Memory;
      // Grown once, before any view of it exists (growing detaches the views): untouched pages of
      // the spare area cost no memory.
      spareAt = memory.buffer.byteLength;
      memory.grow(SPARE_BYTES / WASM_PAGE);
      wasm = {
        decode: e.decode as WasmDecoder['decode'],
        scan: e.scan as WasmDecoder['scan'],
        find: e.find as WasmDecoder['find'],
        stop: e.stop as WebAssembly.Global,
        dwords: e.dwords as WebAssembly.Global,
        first: e.first as WebAssembly.Global,
        last: e.last as WebAssembly.Global,
        mem: new Uint8Array((e.memory as WebAssembly.Memory).buffer),
      };
    } catch {
      wasm = null; // no WebAssembly here: the JavaScript loop does it all
    }
  }
  return wasm;
}

/**
 * A buffer of `bytes` (a multiple of 16) inside the decoder's WebAssembly memory, or null when there
 * is no WebAssembly or the spare area is used up: text decoded from it is not copied into the
 * module, and a decoder whose output is in it writes there directly. Never freed (callers keep
 * theirs for the life of the thread).
 */
export function wasmBuffer(bytes: number): Uint8Array | null {
  const wm = getWasm();
  if (!wm || bytes % 16 !== 0 || bytes > wm.mem.length - spareAt) return null;
  const b = wm.mem.subarray(spareAt, spareAt + bytes);
  spareAt += bytes;
  return b;
}

/**
 * The module's search filter (ascii85.wat `find`, used by search.ts), or null without WebAssembly.
 * Between two calls of the decoder its windows are free: `window` bytes at `windowAt` take text
 * to search that is not in the memory already, and `cap` candidates go to `out`.
 */
export interface WasmFinder {
  find: (p: number, n: number, a0: number, x0: number, d0: number, a1: number, x1: number, d1: number, out: number, cap: number) => number;
  stop: WebAssembly.Global;
  mem: Uint8Array;
  windowAt: number;
  window: number;
  out: number;
  cap: number;
}

let finder: WasmFinder | null | undefined;

export function wasmFinder(): WasmFinder | null {
  const wm = getWasm();
  if (!wm) return null;
  finder ??= { find: wm.find, stop: wm.stop, mem: wm.mem, windowAt: 0, window: IN_CAP, out: OUT_BASE, cap: OUT_CAP_DWORDS };
  return finder;
}

/** Turn the WebAssembly fast path off or on (tests and benchmarks compare both). */
export function setAscii85Wasm(enabled: boolean): void {
  wasmEnabled = enabled;
}

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
  out: Uint8Array;
  private u32: Int32Array;
  /** The Int32Array view covers the output (little-endian machine, aligned): the fast loop may run. */
  private fast: boolean;
  /** Dwords the output holds now (reset() may lower where decoding stops). */
  capacity: number;
  /**
   * Dwords wanted in all; decoding stops there. The output grows toward it (doubling) as groups
   * arrive, so memory follows the text actually present, never what a `.length` line claims.
   */
  limit: number;
  /** Called with the new output buffer after it grew (the old one is no longer written). */
  onGrow: ((out: Uint8Array) => void) | null = null;
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
  /**
   * Only count (the index scan): the WebAssembly path counts the groups and stops where decoding
   * would (same counts, same diagnostics) without writing them; `out` then holds no meaning, and
   * reset() does not zero it.
   */
  countOnly = false;

  /** `out` is where decoding starts; `limit` (default: all of `out`) is how many dwords are wanted. */
  constructor(out: Uint8Array, limit = Math.floor(out.byteLength / 4)) {
    if (out.byteLength % 4 !== 0) throw new Error('ascii85 output must be a whole number of dwords');
    if (!Number.isSafeInteger(limit) || limit < out.byteLength / 4) throw new Error('ascii85 limit must be an integer at least the output size');
    this.out = out;
    // Division, not `>>> 2`: an output of 4 GiB or more must not wrap to 0 dwords.
    this.capacity = Math.floor(out.byteLength / 4);
    this.limit = limit;
    this.fast = LITTLE_ENDIAN && out.byteOffset % 4 === 0;
    this.u32 = this.fast ? new Int32Array(out.buffer, out.byteOffset, this.capacity) : new Int32Array(0);
  }

  /** Double the output (at least GROW_MIN dwords, at most `limit`), keeping what was decoded. */
  private grow(): void {
    const cap = Math.min(this.limit, Math.max(this.capacity * 2, GROW_MIN));
    const out = new Uint8Array(cap * 4);
    out.set(this.out.subarray(0, this.dwords * 4));
    this.out = out;
    this.capacity = cap;
    this.fast = LITTLE_ENDIAN;
    this.u32 = this.fast ? new Int32Array(out.buffer, 0, cap) : new Int32Array(0);
    this.onGrow?.(out);
  }

  /**
   * Start again on the same output (a reused page): zero what was written, forget the group state
   * and the counters, and stop at `capacity` dwords this time.
   */
  reset(capacity: number): void {
    if (capacity > Math.floor(this.out.byteLength / 4)) throw new Error('ascii85 reset past the output');
    if (!this.countOnly) this.out.fill(0, 0, this.dwords * 4);
    this.capacity = capacity;
    this.limit = capacity;
    this.dwords = 0;
    this.pendingDigits = 0;
    this.pendingValue = 0;
    this.overflowGroups = 0;
    this.firstOverflowDword = -1;
    this.invalidChars = 0;
    this.firstInvalidChar = -1;
    this.misplacedZ = 0;
  }

  get full(): boolean {
    return this.dwords >= this.limit;
  }

  /** Digits of an unfinished group (0 when every group seen so far is complete). */
  get pending(): number {
    return this.pendingDigits;
  }

  /**
   * Decode src[i, end), stopping at a line break (LF). Returns the index of the first byte not
   * consumed: `end`, the index of the LF, or earlier when `limit` dwords were decoded.
   */
  decode(src: Uint8Array, i: number, end: number): number {
    for (;;) {
      i = this.decodeSome(src, i, end);
      if (this.dwords < this.capacity || this.capacity >= this.limit || i >= end || src[i] === LF) return i;
      this.grow();
    }
  }

  /** decode() into the output as it is now: stops early when it is full. */
  private decodeSome(src: Uint8Array, i: number, end: number): number {
    const wm = getWasm();
    if (wm) return this.decodeWasm(wm, src, i, end);
    if (this.pendingDigits > 0 || !this.fast) {
      i = this.slow(src, i, end, true);
      if (i < end && src[i] === LF) return i;
      if (!this.fast) return this.slow(src, i, end, false);
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
   * The WebAssembly fast path. The text is read where it is when it lives in the module's memory
   * (wasmBuffer()), else copied into the module's input window; the output is written where it goes
   * when it lives there, else decoded into the module's output window and copied out; a counting
   * decoder (countOnly) only scans. The module stops at a line break by itself.
   */
  private decodeWasm(wm: WasmDecoder, src: Uint8Array, i: number, end: number): number {
    const mem = wm.mem;
    const srcIn = src.buffer === mem.buffer;
    const outIn = this.out.buffer === mem.buffer;
    const count = this.countOnly;
    let winStart = 0;
    let winEnd = 0; // (text not in place) src[winStart, winEnd) is in the input window
    let winLimit = end; // where the window could reach: the line's end once a LF is in it
    while (i < end && this.dwords < this.capacity) {
      if (this.pendingDigits > 0) {
        i = this.slow(src, i, end, true);
        if (i < end && src[i] === LF) return i;
        continue;
      }
      let inPtr: number;
      let inLen: number;
      if (srcIn) {
        inPtr = src.byteOffset + i;
        inLen = end - i;
      } else {
        if (i < winStart || i >= winEnd || (winEnd - i < 5 && winEnd < winLimit)) {
          winStart = i;
          // No more text than the dwords still wanted can take (a page of 64 KiB is ~80 KiB of text):
          // copying a whole window per call would copy the input many times over.
          winEnd = Math.min(end, i + IN_CAP, i + (this.capacity - this.dwords) * 5 + 64);
          // Nor past the line's end: a short data line copies its own bytes, not what follows it. Only
          // the first LF_PROBE bytes are looked at: past them the line is long, and a window that
          // runs over its end is harmless (WebAssembly stops at the LF), while looking for the LF in
          // every window of a long line costs as much as decoding it.
          const lf = src.subarray(i, Math.min(winEnd, i + LF_PROBE)).indexOf(LF);
          if (lf >= 0) winEnd = i + lf + 1;
          winLimit = lf >= 0 ? winEnd : end;
          mem.set(src.subarray(winStart, winEnd), 0);
        }
        inPtr = i - winStart;
        inLen = winEnd - i;
      }
      const cap = this.capacity - this.dwords;
      const consumed = count
        ? wm.scan(inPtr, inLen, cap)
        : outIn
          ? wm.decode(inPtr, inLen, this.out.byteOffset + this.dwords * 4, cap)
          : wm.decode(inPtr, inLen, OUT_BASE, Math.min(OUT_CAP_DWORDS, cap));
      const k = wm.dwords.value as number;
      if (k > 0 && !outIn && !count) {
        // Only the span between the first and last non-zero dword is copied: the output is
        // zero-filled already, and pages of zeros are never touched.
        const first = wm.first.value as number;
        if (first >= 0) this.out.set(mem.subarray(OUT_BASE + first, OUT_BASE + (wm.last.value as number)), this.dwords * 4 + first);
      }
      this.dwords += k;
      i += consumed;
      if (i >= end || this.dwords >= this.capacity) break;
      if (!srcIn && winEnd - i < 5 && winEnd < winLimit) continue; // a group runs past the window: move it
      if (!outIn && !count && consumed > 0 && k === OUT_CAP_DWORDS) continue; // the output window was full
      if (src[i] === LF) return i;
      i = this.slow(src, i, end, true); // whitespace, a bad byte, an overflow, or the last bytes
      if (i < end && src[i] === LF) return i;
    }
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
