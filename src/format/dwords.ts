// Little-endian dwords of a range or blob read by window, wherever its bytes are: a view of the
// decoded memory (a small dump), or windows read through the ByteStore of a range decoded on demand
// (paged.ts), so a walk over a range of any size holds one window, never the whole range. The
// command listing, the batch walk and the context image read their dwords through this.
import type { ByteStore } from './model.ts';
import { bytesOf } from './model.ts';

/** Dwords read at once from a ByteStore (a multiple of the decoded-page size, 64 KiB). */
export const WINDOW_DWORDS = 256 << 10; // 1 MiB

/** Little-endian dwords of bytes (a copy only when the bytes are not 4-aligned in their buffer). */
export function dwordsView(bytes: Uint8Array): Uint32Array {
  const n = bytes.length >>> 2;
  if (bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, n);
  const copy = new Uint8Array(n * 4);
  copy.set(bytes.subarray(0, n * 4));
  return new Uint32Array(copy.buffer);
}

/** A window of dwords: `words[0]` is dword `start` of the source. */
export interface DwordWindow {
  words: Uint32Array;
  start: number;
}

export class DwordReader {
  /** Dwords (whole ones: a trailing partial dword is left out). */
  readonly length: number;
  private win: DwordWindow;
  /** Windows read from the store (tests check that a walk streams). */
  reads = 0;

  /**
   * `source`: the dwords in memory, or a ByteStore with `decoded` valid bytes. `windowDwords`:
   * dwords read at once from a store (tests use small windows to cross many window edges).
   */
  constructor(source: Uint32Array | ByteStore, decoded = Infinity, private readonly windowDwords = WINDOW_DWORDS) {
    if (source instanceof Uint32Array) {
      this.store = null;
      this.length = Math.min(source.length, Math.floor(decoded / 4));
      this.win = { words: source.length === this.length ? source : source.subarray(0, this.length), start: 0 };
    } else {
      this.store = source;
      this.length = Math.floor(Math.min(source.length, decoded) / 4);
      this.win = { words: new Uint32Array(0), start: 0 };
    }
  }

  private readonly store: ByteStore | null;

  /** True when every dword is in memory (window() always gives all of them). */
  get inMemory(): boolean {
    return this.store === null;
  }

  /**
   * A window holding dwords [i, min(length, i + want)) (want ≥ 1). In memory: all dwords. From a
   * store: the window already read when it holds them, else a fresh one from i on.
   */
  window(i: number, want = 1): DwordWindow {
    const w = this.win;
    const need = Math.min(this.length, i + Math.max(1, want));
    if (i >= w.start && need <= w.start + w.words.length) return w;
    if (!this.store) return w; // asked past the end: the caller sees i ≥ length
    const start = Math.max(0, Math.min(i, this.length));
    const end = Math.min(this.length, Math.max(need, start + this.windowDwords));
    const bytes = this.store.read(start * 4, (end - start) * 4);
    this.reads++;
    this.win = { words: dwordsView(bytes), start };
    return this.win;
  }

  /** Dword i (0 past the end). */
  at(i: number): number {
    if (i < 0 || i >= this.length) return 0;
    const w = this.window(i);
    return w.words[i - w.start];
  }

  /** Dwords [from, to) as a new array (clamped to the end). */
  slice(from: number, to: number): Uint32Array {
    to = Math.min(to, this.length);
    if (to <= from) return new Uint32Array(0);
    const w = this.window(from, to - from);
    return w.words.slice(from - w.start, to - w.start);
  }
}

const readers = new WeakMap<object, DwordReader>();

/**
 * The dwords of a range or blob (its decoded bytes only), or null when it has none. One reader per
 * payload is kept (one window each), so walks over the same range reuse what was read.
 */
export function dwordsOf(o: { data: Uint8Array | null; decodedLength: number; lazy?: ByteStore | null }): DwordReader | null {
  const key: object | null = o.data ?? o.lazy ?? null;
  if (!key) return null;
  let r = readers.get(key);
  if (!r || r.length !== Math.floor(Math.min(o.decodedLength, o.data ? o.data.length : (o.lazy as ByteStore).length) / 4)) {
    r = o.data ? new DwordReader(dwordsView(o.data), o.decodedLength) : new DwordReader(bytesOf(o)!, o.decodedLength);
    readers.set(key, r);
  }
  return r;
}
