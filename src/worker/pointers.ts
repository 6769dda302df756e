// Pointer scan: every 64-bit little-endian word of a range's bytes whose value, read as a GPU
// address, falls inside a captured range. The value is tried canonical-folded (foldAddress), then
// masked to 48 bits like Mesa does. Pure; fast path in doubles, exact for addresses below 2^53.
import { foldAddress } from '../format/addr.ts';
import { memoryStore, type ByteStore } from '../format/model.ts';
import type { PointerHit, PointerScanResult } from '../protocol/worker-api.ts';

/** Bytes read at once (a multiple of 8). */
const SCAN_WINDOW = 4 << 20;

export interface ScanRange {
  /** Range index in the dump (reported as `target`). */
  index: number;
  /** GPU address of the first byte (folded). */
  start: bigint;
  length: number;
}

export type { PointerHit, PointerScanResult };

export const DEFAULT_POINTER_LIMIT = 10_000;
const TWO32 = 2 ** 32;
const EXACT = 2 ** 53;
const MASK48 = (1n << 48n) - 1n;

/** Ranges sorted by start, with number copies of their bounds for the fast path. */
export class RangeIndex {
  readonly sorted: ScanRange[];
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  /** Every bound below 2^53: number comparisons are exact. */
  private readonly exact: boolean;
  /** Lowest start and highest end (fast rejection). */
  private readonly min: number;
  private readonly max: number;

  constructor(ranges: readonly ScanRange[]) {
    this.sorted = ranges.filter((r) => r.length > 0).slice().sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    this.starts = Float64Array.from(this.sorted, (r) => Number(r.start));
    this.ends = Float64Array.from(this.sorted, (r) => Number(r.start + BigInt(r.length)));
    this.exact = this.sorted.every((r) => r.start + BigInt(r.length) < BigInt(EXACT));
    this.min = this.starts.length ? this.starts[0] : 0;
    this.max = this.ends.reduce((m, e) => Math.max(m, e), 0);
  }

  /** Position in `sorted` of the range holding address `a` (a number), or -1. */
  private findNum(a: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= a) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return k >= 0 && a < this.ends[k] ? k : -1;
  }

  /** Position in `sorted` of the range holding `a`, or -1 (exact for any 64-bit address). */
  find(a: bigint): number {
    const r = this.sorted;
    let lo = 0;
    let hi = r.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (r[mid].start <= a) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return k >= 0 && a < r[k].start + BigInt(r[k].length) ? k : -1;
  }

  /** As find(), for a word given as its two halves; the fast path when the value is small. */
  findWord(lo: number, hi: number): number {
    if (this.sorted.length === 0) return -1;
    // Canonical fold: bits 47..63 all ones keep the low 48 bits; bits 56..63 all ones, the low 57.
    let h = hi;
    if (hi >>> 15 === 0x1ffff) h = hi & 0xffff;
    else if (hi >>> 24 === 0xff) h = hi & 0x1ffffff;
    const v = h * TWO32 + lo;
    if (this.exact) {
      // Every bound is below 2^53: a larger value is in no range (and a double of it is exact).
      if (v < this.min || v >= this.max) return -1;
      return this.findNum(v);
    }
    return this.find(foldAddress((BigInt(hi) << 32n) | BigInt(lo)));
  }
}

/**
 * Scan `data` (the bytes of one range) for pointers into `ranges`. Words are read at every
 * `align`-byte boundary (8 by default; 4 finds 64-bit operands of GPU commands, which are only
 * dword-aligned). Zero words are skipped. Stops after `limit` hits.
 */
export function scanPointers(
  data: Uint8Array | ByteStore,
  ranges: readonly ScanRange[] | RangeIndex,
  limit = DEFAULT_POINTER_LIMIT,
  align: 4 | 8 = 8,
): PointerScanResult {
  const index = ranges instanceof RangeIndex ? ranges : new RangeIndex(ranges);
  const store = data instanceof Uint8Array ? memoryStore(data) : data;
  const hits: PointerHit[] = [];
  const n = store.length - 7;
  let words = 0;
  let capped = false;
  const max = Math.max(0, Math.floor(limit));
  // Window by window (bytes decoded on demand are read a piece at a time), 7 bytes of overlap.
  scan: for (let w = 0; w < n; w += SCAN_WINDOW) {
    const bytes = store.read(w, Math.min(store.length - w, SCAN_WINDOW + 7));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const wEnd = Math.min(n, w + SCAN_WINDOW);
    for (let off = w; off < wEnd; off += align) {
      words++;
      const lo = view.getUint32(off - w, true);
      const hi = view.getUint32(off - w + 4, true);
      if (lo === 0 && hi === 0) continue;
      let k = index.findWord(lo, hi);
      let address: bigint | null = null;
      if (k < 0) {
        // Mesa's way: drop the bits above 47 (a non-canonical upper half, tag bits).
        if ((hi & 0xffff0000) === 0) continue; // masking changes nothing
        const h48 = hi & 0xffff;
        if (h48 === 0 && lo === 0) continue;
        k = index.findWord(lo, h48);
        if (k < 0) continue;
        address = ((BigInt(hi) << 32n) | BigInt(lo)) & MASK48;
      }
      if (hits.length >= max) {
        capped = true;
        break scan;
      }
      const value = (BigInt(hi) << 32n) | BigInt(lo);
      hits.push({ offset: off, value, address: address ?? foldAddress(value), target: index.sorted[k].index });
    }
  }
  return { hits, capped, words, align };
}
