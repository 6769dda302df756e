// Pure helpers of memory search in the page: which hex cells a match covers (for the visible rows
// only, by binary search over sorted offsets), the text of a hit's context, and wrap-around
// navigation through the results.
import type { SearchHit, SearchWhere } from '../../protocol/worker-api.ts';

/** Sorted, distinct offsets of the hits in one range or blob (hits come sorted per target). */
export function targetOffsets(hits: readonly SearchHit[], where: SearchWhere): number[] {
  const out: number[] = [];
  for (const h of hits) {
    if (h.where.kind !== where.kind || h.where.index !== where.index) continue;
    if (out.length === 0 || h.offset > out[out.length - 1]) out.push(h.offset);
    else if (h.offset !== out[out.length - 1]) {
      // Not expected (the worker sends them in order), but keep the array sorted whatever comes.
      out.push(h.offset);
      out.sort((a, b) => a - b);
    }
  }
  return out;
}

/** Index of the first element of sorted `a` that is ≥ x. */
export function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Bit mask of the columns of one row (`n` bytes from `rowOffset`, n ≤ 32) that some match
 * [o, o + length) covers. Costs a binary search plus the matches that touch the row.
 */
export function rowHitMask(offsets: readonly number[], length: number, rowOffset: number, n: number): number {
  if (offsets.length === 0 || length <= 0 || n <= 0) return 0;
  const full = n >= 32 ? 0xffffffff : (2 ** n - 1);
  let mask = 0;
  const end = rowOffset + n;
  for (let i = lowerBound(offsets, rowOffset - length + 1); i < offsets.length && offsets[i] < end; i++) {
    mask = (mask | spanMask(offsets[i], length, rowOffset, n)) >>> 0;
    if (mask === full) break;
  }
  return mask;
}

/** Columns of a row that the one match [offset, offset + length) covers. */
export function spanMask(offset: number, length: number, rowOffset: number, n: number): number {
  const lo = Math.max(offset, rowOffset) - rowOffset;
  const hi = Math.min(offset + length, rowOffset + n) - rowOffset;
  if (hi <= lo) return 0;
  const width = hi - lo;
  const bits = width >= 32 ? 0xffffffff : 2 ** width - 1;
  return (bits * 2 ** lo) >>> 0;
}

/** Is column `col` set in `mask`? */
export const hasCol = (mask: number, col: number): boolean => ((mask >>> col) & 1) === 1;

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export interface ContextText {
  before: string;
  match: string;
  /** The match was longer than what the context holds. */
  more: boolean;
  after: string;
  /** The same bytes as ASCII (. for unprintable). */
  ascii: string;
}

/**
 * A hit's context as hex: up to `beforeMax` bytes before, up to `matchMax` bytes of the match,
 * up to `afterMax` bytes after (only when the whole match is shown).
 */
export function contextText(hit: Pick<SearchHit, 'context' | 'at'>, patternLength: number, beforeMax = 2, matchMax = 8, afterMax = 2): ContextText {
  const bytes = Array.from(hit.context, (c) => c.charCodeAt(0) & 0xff);
  const b0 = Math.max(0, hit.at - beforeMax);
  const shownMatch = Math.min(patternLength, matchMax, bytes.length - hit.at);
  const mEnd = hit.at + shownMatch;
  const more = shownMatch < patternLength;
  const aEnd = more ? mEnd : Math.min(bytes.length, mEnd + afterMax);
  const hex = (a: number, b: number) => bytes.slice(a, b).map((x) => HEX2[x]).join(' ');
  const ascii = bytes.slice(b0, aEnd).map((x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
  return { before: hex(b0, hit.at), match: hex(hit.at, mEnd), more, after: hex(mEnd, aEnd), ascii };
}

/** The result after (step 1) or before (step -1) `current`, wrapping; -1 when there is none. */
export function stepIndex(current: number, count: number, step: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
