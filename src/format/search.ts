// Memory search over captured ranges: compile a user's query into byte patterns, then find every
// occurrence in each range's decoded bytes. Pure TypeScript: no DOM, no Node APIs.
import { foldAddress, parseAddress } from './addr.ts';
import { wasmFinder, type WasmFinder } from './ascii85.ts';
import type { ByteStore } from './model.ts';
import { borrowBuffer, returnBuffer } from './paged.ts';

export type SearchMode = 'hex' | 'ascii' | 'utf16le' | 'u32' | 'u64' | 'address';

export interface Pattern {
  bytes: Uint8Array;
  /** Per byte: 0xff = must match, 0 = wildcard. Null when every byte must match. */
  mask: Uint8Array | null;
  /** Compare ASCII letters without regard to case (set by 'ascii'/'utf16le' with caseInsensitive). */
  caseInsensitive?: boolean;
}

export interface CompileOptions {
  caseInsensitive?: boolean;
}

export interface SearchRange {
  address: bigint;
  /** Null (no data captured) ranges are skipped. Bytes decoded on demand are read a chunk at a time. */
  data: Uint8Array | ByteStore | null;
  length: number;
}

export interface SearchOptions {
  /** Most matches returned (default 10,000); more sets `capped`. */
  limit?: number;
  /** Fold ASCII letters for every pattern (in addition to each pattern's own flag). */
  caseInsensitive?: boolean;
  onProgress?(done: number, total: number): void;
  /** Polled between chunks; true stops the search with what was found so far (`stopped`). */
  shouldStop?(): boolean;
  /** Bytes searched per step (default 16 MiB); matches across chunk edges are found all the same. */
  chunkSize?: number;
}

export interface SearchMatch {
  rangeIndex: number;
  offset: number;
  address: bigint;
  patternIndex: number;
}

export interface SearchResult {
  matches: SearchMatch[];
  capped: boolean;
  /** Bytes of range data searched (all of it unless capped or stopped). */
  scannedBytes: number;
  stopped: boolean;
}

export const DEFAULT_LIMIT = 10_000;
const MASK64 = (1n << 64n) - 1n;
const MAX_PATTERN = 4096;

// ---------------------------------------------------------------------------------------------
// Compiling

function fail(msg: string): never {
  throw new Error(msg);
}

function parseHex(text: string): Pattern {
  const t = text.trim();
  if (t === '') fail('hex pattern is empty');
  const bytes: number[] = [];
  const mask: number[] = [];
  for (let tok of t.split(/[\s,]+/)) {
    if (/^0x/i.test(tok)) tok = tok.slice(2);
    if (tok.length % 2 !== 0) fail(`hex pattern "${tok}" has an odd number of digits`);
    for (let i = 0; i < tok.length; i += 2) {
      const pair = tok.slice(i, i + 2);
      if (pair === '??') {
        bytes.push(0);
        mask.push(0);
      } else if (/^[0-9a-fA-F]{2}$/.test(pair)) {
        bytes.push(parseInt(pair, 16));
        mask.push(0xff);
      } else fail(`hex pattern has a bad byte "${pair}" (use two hex digits or ??)`);
    }
  }
  if (bytes.length === 0) fail('hex pattern is empty');
  if (!mask.includes(0xff)) fail('hex pattern needs at least one byte that is not ??');
  return { bytes: Uint8Array.from(bytes), mask: mask.includes(0) ? Uint8Array.from(mask) : null };
}

function parseInteger(text: string, bits: 32 | 64): bigint {
  const t = text.trim().replace(/_/g, '');
  let v: bigint;
  if (/^-?\d+$/.test(t)) v = BigInt(t);
  else if (/^-?0x[0-9a-fA-F]+$/i.test(t)) v = t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t);
  else fail(`u${bits} value "${text.trim()}" is not a decimal or 0x hex integer`);
  const max = (1n << BigInt(bits)) - 1n;
  const min = -(1n << BigInt(bits - 1));
  if (v > max || v < min) fail(`u${bits} value ${text.trim()} is out of range (${min} .. ${max})`);
  return v < 0n ? v + (1n << BigInt(bits)) : v;
}

function leBytes(v: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
}

function checkLength(p: Pattern, mode: string): Pattern {
  if (p.bytes.length === 0) fail(`${mode} pattern is empty`);
  if (p.bytes.length > MAX_PATTERN) fail(`${mode} pattern is longer than ${MAX_PATTERN} bytes`);
  return p;
}

/**
 * Compile a query into the byte patterns to look for. 'address' gives the plain (folded) form and,
 * when it differs, the canonical sign-extended form, each as an 8-byte little-endian pointer; every
 * other mode gives one pattern. Throws a one-line Error for bad input.
 */
export function compilePatterns(mode: SearchMode, text: string, opts: CompileOptions = {}): Pattern[] {
  const ci = !!opts.caseInsensitive;
  switch (mode) {
    case 'hex':
      return [checkLength(parseHex(text), 'hex')];
    case 'ascii': {
      // UTF-8, so plain ASCII text is byte for byte; case folding touches A-Z/a-z only.
      const bytes = new TextEncoder().encode(text);
      return [checkLength({ bytes, mask: null, ...(ci ? { caseInsensitive: true } : {}) }, 'ascii')];
    }
    case 'utf16le': {
      const bytes = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        bytes[2 * i] = c & 0xff;
        bytes[2 * i + 1] = c >> 8;
      }
      return [checkLength({ bytes, mask: null, ...(ci ? { caseInsensitive: true } : {}) }, 'utf16le')];
    }
    case 'u32':
      return [{ bytes: leBytes(parseInteger(text, 32), 4), mask: null }];
    case 'u64':
      return [{ bytes: leBytes(parseInteger(text, 64), 8), mask: null }];
    case 'address': {
      const t = text.trim();
      const a = parseAddress(t);
      if (a === null) fail(`"${t}" is not an address (hex like 0x1a0000, or #decimal)`);
      if (a > MASK64) fail(`address ${t} does not fit in 64 bits`);
      const plain = foldAddress(a);
      const forms = [plain];
      if (plain < 1n << 48n && (plain >> 47n) & 1n) forms.push(plain | (MASK64 ^ ((1n << 48n) - 1n)));
      else if (plain >= 1n << 48n && plain < 1n << 57n && (plain >> 56n) & 1n) forms.push(plain | (MASK64 ^ ((1n << 57n) - 1n)));
      return forms.map((v) => ({ bytes: leBytes(v, 8), mask: null }));
    }
    default:
      fail(`unknown search mode "${String(mode)}"`);
  }
}

/** One pattern (for 'address', the plain folded form; use compilePatterns for all forms). */
export function compilePattern(mode: SearchMode, text: string, opts: CompileOptions = {}): Pattern {
  return compilePatterns(mode, text, opts)[0];
}

// ---------------------------------------------------------------------------------------------
// Searching

/** ASCII case fold: A-Z → a-z, every other byte unchanged. */
export const FOLD = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) t[i] = i >= 0x41 && i <= 0x5a ? i + 0x20 : i;
  return t;
})();

const CHUNK = 16 * 2 ** 20;

interface Compiled {
  bytes: Uint8Array; // folded when ci
  mask: Uint8Array | null;
  ci: boolean;
  fast: boolean; // no wildcard, case-sensitive (or no letters)
}

function prepare(p: Pattern, ciAll: boolean): Compiled {
  const m = p.bytes.length;
  if (m === 0) throw new Error('search pattern is empty');
  if (p.mask && p.mask.length !== m) throw new Error('search pattern mask length differs from its bytes');
  let mask = p.mask;
  if (mask && mask.every((x) => x === 0xff)) mask = null;
  const ci = !!(ciAll || p.caseInsensitive);
  const bytes = new Uint8Array(m);
  let letters = false;
  for (let i = 0; i < m; i++) {
    const mk = mask ? mask[i] : 0xff;
    const b = (ci ? FOLD[p.bytes[i]] : p.bytes[i]) & mk;
    bytes[i] = b;
    if (ci && mk === 0xff && b >= 0x61 && b <= 0x7a) letters = true;
  }
  if (mask) for (let i = 0; i < m; i++) if (mask[i] !== 0 && mask[i] !== 0xff) throw new Error('search pattern mask bytes must be 0 or 0xff');
  return { bytes, mask, ci: ci && letters, fast: !mask && !(ci && letters) };
}

/** Byte frequencies from a sparse sample of `data`, to anchor each pattern on its rarest byte. */
function sampleHistogram(data: Uint8Array): Uint32Array {
  const h = new Uint32Array(256);
  const step = Math.max(1, Math.floor(data.length / 65536)) | 1; // odd stride: every alignment
  for (let i = 0; i < data.length; i += step) h[data[i]]++;
  return h;
}

/** A byte's count in the sample; a folded letter matches two byte values. */
function byteCount(c: Compiled, i: number, hist: Uint32Array): number {
  const b = c.bytes[i];
  return c.ci && b >= 0x61 && b <= 0x7a ? hist[b] + hist[b - 0x20] : hist[b];
}

/** The pattern's rarest exact byte (-1: every byte a wildcard), then its second rarest (the first again when it has one). */
function pickAnchors(c: Compiled, hist: Uint32Array): [number, number] {
  let best = -1;
  let second = -1;
  for (let i = 0; i < c.bytes.length; i++) {
    if (c.mask && c.mask[i] === 0) continue;
    const n = byteCount(c, i, hist);
    if (best < 0 || n < byteCount(c, best, hist)) {
      second = best;
      best = i;
    } else if (second < 0 || n < byteCount(c, second, hist)) second = i;
  }
  return [best, second < 0 ? best : second];
}

/** Does the pattern match view[s, s + m)? */
function matchesAt(view: Uint8Array, s: number, c: Compiled): boolean {
  const p = c.bytes;
  const m = p.length;
  if (c.fast) {
    for (let j = 0; j < m; j++) if (view[s + j] !== p[j]) return false;
    return true;
  }
  const mask = c.mask;
  for (let j = 0; j < m; j++) {
    let d = view[s + j];
    if (c.ci) d = FOLD[d];
    if (mask) d &= mask[j];
    if (d !== p[j]) return false;
  }
  return true;
}

/**
 * searchView() through the WebAssembly filter (ascii85.wat `find`): the starts where the pattern's
 * two rarest bytes are in place come out 16 bytes at a time, and only those are checked in full.
 * `view` is searched where it is when it lives in the module's memory, else copied in a window at
 * a time.
 */
function searchWasm(w: WasmFinder, view: Uint8Array, last: number, c: Compiled, anchors: readonly [number, number], max: number, out: number[]): void {
  const m = c.bytes.length;
  const [d0, d1] = anchors;
  const a0 = c.bytes[d0];
  const a1 = c.bytes[d1];
  // A folded letter: (byte | 0x20) is its lower case for both cases, and for no other byte.
  const x0 = c.ci && a0 >= 0x61 && a0 <= 0x7a ? 0x20 : 0;
  const x1 = c.ci && a1 >= 0x61 && a1 <= 0x7a ? 0x20 : 0;
  const mem = w.mem;
  const inPlace = view.buffer === mem.buffer;
  candidates ??= new Int32Array(mem.buffer, w.out, w.cap);
  for (let s0 = 0; s0 < last;) {
    let ptr: number;
    let n: number;
    if (inPlace) {
      ptr = view.byteOffset + s0;
      n = last - s0;
    } else {
      n = Math.min(last - s0, w.window - m + 1);
      mem.set(view.subarray(s0, s0 + n + m - 1), w.windowAt);
      ptr = w.windowAt;
    }
    const k = w.find(ptr, n, a0, x0, d0, a1, x1, d1, w.out, w.cap);
    for (let j = 0; j < k; j++) {
      const s = s0 + candidates[j];
      if (matchesAt(view, s, c)) {
        out.push(s);
        if (--max === 0) return;
      }
    }
    s0 += w.stop.value as number;
  }
}

/** The filter's candidates, a view of the module's memory (which never grows after it starts). */
let candidates: Int32Array | null = null;

/**
 * Push the offsets (relative to `view`) of matches starting before `starts` into `out`, stopping
 * after `max` of them. `view` extends up to pattern length - 1 bytes past `starts`.
 */
function searchView(view: Uint8Array, starts: number, c: Compiled, anchors: readonly [number, number], max: number, out: number[]): void {
  const p = c.bytes;
  const m = p.length;
  const last = Math.min(starts, view.length - m + 1); // exclusive bound on start offsets
  if (last <= 0 || max <= 0) return;
  const anchor = anchors[0];
  const w = anchor >= 0 ? wasmFinder() : null;
  if (w) return searchWasm(w, view, last, c, anchors, max, out);
  // Without WebAssembly: candidates from indexOf on the anchor byte (a folded letter merges the
  // two cases' streams), each checked in full.
  if (anchor < 0) {
    // Every byte a wildcard: every start matches.
    for (let s = 0; s < last && max > 0; s++, max--) out.push(s);
    return;
  }
  const a = p[anchor];
  const end = last + anchor; // exclusive bound on anchor positions
  const other = c.ci && a >= 0x61 && a <= 0x7a ? a - 0x20 : -1;
  let i1 = view.indexOf(a, anchor);
  let i2 = other >= 0 ? view.indexOf(other, anchor) : -1;
  for (;;) {
    let i: number;
    if (i1 === -1 && i2 === -1) return;
    if (i2 === -1 || (i1 !== -1 && i1 < i2)) {
      i = i1;
      i1 = view.indexOf(a, i1 + 1);
    } else {
      i = i2;
      i2 = view.indexOf(other, i2 + 1);
    }
    if (i >= end) return;
    if (matchesAt(view, i - anchor, c)) {
      out.push(i - anchor);
      if (--max === 0) return;
    }
  }
}

/**
 * A search in progress, one chunk at a time: `step()` searches at most `chunkSize` bytes of one
 * range and returns false once the search is over (everything searched, capped, or stopped). A
 * caller that must stay responsive (the worker) yields between steps; `searchRanges` runs it
 * through. Matches are ordered by range, then offset, then pattern index; a match never spans two
 * ranges, and overlapping matches all count.
 */
export class SearchRun {
  readonly matches: SearchMatch[] = [];
  /** Bytes of range data to search in all. */
  readonly total: number;
  capped = false;
  stopped = false;
  /** Bytes of range data searched so far. */
  scannedBytes = 0;
  private readonly ranges: readonly SearchRange[];
  private readonly compiled: Compiled[];
  private readonly limit: number;
  private readonly chunk: number;
  /** The reused window of on-demand reads (ByteStore.readInto). */
  private scratch: Uint8Array | null = null;
  private readonly maxPattern: number;
  private readonly opts: SearchOptions;
  private ri = 0;
  private cs = 0;
  private anchors: [number, number][] | null = null;
  private readonly perPattern: number[][];
  private finished = false;

  constructor(ranges: readonly SearchRange[], patterns: readonly Pattern[], opts: SearchOptions = {}) {
    const limit = opts.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`search limit ${limit} is not a non-negative integer`);
    const chunk = opts.chunkSize ?? CHUNK;
    if (!Number.isInteger(chunk) || chunk < 1) throw new Error(`search chunk size ${chunk} is not a positive integer`);
    this.ranges = ranges;
    this.compiled = patterns.map((p) => prepare(p, !!opts.caseInsensitive));
    this.maxPattern = Math.max(1, ...this.compiled.map((c) => c.bytes.length));
    this.perPattern = this.compiled.map(() => []);
    this.limit = limit;
    this.chunk = chunk;
    this.opts = opts;
    this.total = ranges.reduce((s, r) => s + searchedLength(r), 0);
    if (this.compiled.length === 0) this.finished = true;
  }

  /** True once nothing is left to do. */
  get done(): boolean {
    return this.finished;
  }

  /** Stop before the next chunk (what was found so far stays; `stopped` is set). */
  stop(): void {
    if (this.finished) return;
    this.stopped = true;
    this.finished = true;
  }

  result(): SearchResult {
    return { matches: this.matches, capped: this.capped, scannedBytes: this.scannedBytes, stopped: this.stopped };
  }

  /**
   * The store window the next step() reads (its range, offset and length), so that a caller can
   * fetch its text ahead (asynchronously); null when the next step reads none (bytes in memory, or
   * the search is over).
   */
  nextRead(): { rangeIndex: number; offset: number; length: number } | null {
    if (this.finished) return null;
    let ri = this.ri;
    while (ri < this.ranges.length && searchedLength(this.ranges[ri]) === 0) ri++;
    const r = this.ranges[ri];
    if (!r || r.data instanceof Uint8Array) return null;
    const cs = ri === this.ri ? this.cs : 0;
    const n = searchedLength(r);
    return { rangeIndex: ri, offset: cs, length: Math.min(n, cs + this.chunk + this.maxPattern - 1) - cs };
  }

  /** Search the next chunk; false when the search is over (before or after this call). */
  step(): boolean {
    if (this.finished) return false;
    // Skip ranges without data (or with nothing decoded).
    while (this.ri < this.ranges.length && searchedLength(this.ranges[this.ri]) === 0) this.ri++;
    if (this.ri >= this.ranges.length) {
      this.finished = true;
      return false;
    }
    if (this.opts.shouldStop?.()) {
      this.stop();
      return false;
    }
    const ri = this.ri;
    const r = this.ranges[ri];
    const n = searchedLength(r);
    const cs = this.cs;
    const ce = Math.min(n, cs + this.chunk);
    let data: Uint8Array;
    let lent: Uint8Array | null = null;
    let at = 0; // offset of data[0] in the range
    if (r.data instanceof Uint8Array) data = r.data.length === n ? r.data : r.data.subarray(0, n);
    else {
      // On demand: this chunk and the longest pattern's overlap into the next.
      const end = Math.min(n, ce + this.maxPattern - 1);
      const store = r.data!;
      if (store.readInto) {
        // Decoded straight into the WebAssembly module's memory, where the filter reads it; else
        // one buffer for the whole run: a fresh one per chunk costs a page fault per 4 KiB.
        lent = borrowBuffer(end - cs);
        if (!lent && (!this.scratch || this.scratch.length < end - cs)) this.scratch = new Uint8Array(end - cs);
        data = (lent ?? this.scratch!).subarray(0, end - cs);
        store.readInto(cs, data);
      } else data = store.read(cs, end - cs);
      at = cs;
    }
    if (this.anchors === null) {
      // A store's histogram comes from its first chunk (sampling all of it would decode it all).
      const hist = sampleHistogram(data);
      this.anchors = this.compiled.map((c) => pickAnchors(c, hist));
    }
    const remaining = this.limit - this.matches.length;
    let found = 0;
    for (let pi = 0; pi < this.compiled.length; pi++) {
      const c = this.compiled[pi];
      const view = data.subarray(cs - at, Math.min(n, ce + c.bytes.length - 1) - at);
      const out = this.perPattern[pi];
      out.length = 0;
      // remaining + 1: one more than fits tells us the result is capped.
      searchView(view, ce - cs, c, this.anchors[pi], remaining + 1, out);
      found += out.length;
    }
    if (lent) returnBuffer(lent);
    let chunkMatches: SearchMatch[] = [];
    for (let pi = 0; pi < this.compiled.length; pi++)
      for (const off of this.perPattern[pi]) chunkMatches.push({ rangeIndex: ri, offset: cs + off, address: 0n, patternIndex: pi });
    if (this.compiled.length > 1) chunkMatches.sort((x, y) => x.offset - y.offset || x.patternIndex - y.patternIndex);
    if (found > remaining) {
      chunkMatches = chunkMatches.slice(0, remaining);
      this.capped = true;
    }
    for (const m of chunkMatches) {
      m.address = r.address + BigInt(m.offset);
      this.matches.push(m);
    }
    if (this.capped) {
      // Scanned up to the last match kept (everything before it was searched).
      this.scannedBytes += chunkMatches.length ? chunkMatches[chunkMatches.length - 1].offset - cs + 1 : 0;
      this.opts.onProgress?.(this.scannedBytes, this.total);
      this.finished = true;
      return false;
    }
    this.scannedBytes += ce - cs;
    this.opts.onProgress?.(this.scannedBytes, this.total);
    if (ce >= n) {
      this.ri++;
      this.cs = 0;
      this.anchors = null;
    } else this.cs = ce;
    return true;
  }
}

function searchedLength(r: SearchRange): number {
  return r.data ? Math.max(0, Math.min(r.length, r.data.length)) : 0;
}

/**
 * Find every occurrence of every pattern in each range on its own (a match never spans two
 * ranges), ordered by range, then offset, then pattern index. Overlapping matches all count.
 */
export function searchRanges(ranges: readonly SearchRange[], patterns: readonly Pattern[], opts: SearchOptions = {}): SearchResult {
  const run = new SearchRun(ranges, patterns, opts);
  while (run.step());
  return run.result();
}
