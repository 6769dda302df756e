// The instruction listing of one range or blob, for the Commands view. The walk over the dwords
// runs once and keeps only a checkpoint every STEP instructions (a 64 MiB batch of 4M instructions
// keeps 128K numbers), so a window of rows anywhere is found by one binary search and at most STEP
// steps, then decoded. Known instruction starts inside the range (the batch start) are anchors: an
// instruction that would run over one is cut there and the walk goes on from the anchor, so what
// the engine was given always lines up, whatever garbage precedes it. The dwords come through a
// DwordReader (src/format/dwords.ts): all in memory, or read window by window from a range decoded
// on demand, so a listing never holds a whole large range. Pure (worker and Node).
import type { CommandField, CommandRow } from '../protocol/commands.ts';
import { ROW_DWORDS } from '../protocol/commands.ts';
import { hexAddress } from '../format/text.ts';
import { DwordReader, dwordsView } from '../format/dwords.ts';
import { upperBound } from '../format/sorted.ts';

export { dwordsView };

/** What the listing needs from an instruction decoder (src/format/gpu/, one per platform). */
export interface ListingDecoder {
  /** Dwords of the instruction whose header is words[i]: at least 1 (it may run past the end). */
  length(words: Uint32Array, i: number): number;
  /** Its name from the header alone (cheap: the filter calls it for every instruction). */
  name(words: Uint32Array, i: number): string;
  /** A small number that is the same for instructions of the same known name, or -1 (the filter caches by it). */
  nameKey?(words: Uint32Array, i: number): number;
  /** Full decode of the instruction at words[i]; `words` ends where the instruction must end. */
  decode(words: Uint32Array, i: number, address: bigint): { name: string; fields: CommandField[]; unknown: boolean };
}

/** Instructions between two checkpoints. */
export const STEP = 32;

export interface ListingOptions {
  /** Address of dword 0 (GPU address of a range, 0 for a blob). */
  base: bigint;
  /** Byte offsets (in the range) where an instruction is known to start. */
  anchors?: readonly number[];
  /** Byte offset of ACTHD in the range, if it is in it. */
  acthd?: number | null;
}

export class CommandListing {
  /** Instructions walked so far (all of them once `complete`). */
  count = 0;
  /** Dword index of instruction k * STEP (the first `ceil(count / STEP)` entries are set). */
  private checkpoints: Float64Array;
  /** Dword indices of the anchors, ascending. */
  private readonly anchors: number[];
  /** Instruction holding ACTHD, or -1 (known once the walk has passed ACTHD). */
  acthdIndex = -1;
  private readonly acthdWord: number;
  /** Where the walk stands: the dword after the last instruction walked, and the next anchor. */
  private scanAt = 0;
  private nextAi = 0;

  /** The dwords listed. */
  readonly words: DwordReader;

  /**
   * Walks the first `scanDwords` dwords at once (all by default); the rest is walked on demand:
   * scanTo(), or any call that needs an instruction past the walked part (a window, a position,
   * a filter). A range decoded on demand is walked in steps so its first rows come at once.
   */
  constructor(
    source: Uint32Array | DwordReader,
    readonly decoder: ListingDecoder,
    readonly options: ListingOptions,
    scanDwords = Infinity,
  ) {
    const words = (this.words = source instanceof DwordReader ? source : new DwordReader(source));
    const n = words.length;
    this.anchors = [...new Set((options.anchors ?? []).filter((a) => a > 0 && a < n * 4).map((a) => Math.floor(a / 4)))].sort((a, b) => a - b);
    this.acthdWord = options.acthd != null && options.acthd >= 0 && options.acthd < n * 4 ? Math.floor(options.acthd / 4) : -1;
    this.checkpoints = new Float64Array(Math.max(16, Math.ceil(Math.min(n, scanDwords) / STEP / 4) + 1));
    this.scanTo(scanDwords);
  }

  /** True once every dword is walked. */
  get complete(): boolean {
    return this.scanAt >= this.words.length;
  }

  /** Dwords walked so far. */
  get scanned(): number {
    return this.scanAt;
  }

  /** Walk on until dword `limit` is inside a walked instruction (or the end). */
  scanTo(limit: number): void {
    const words = this.words;
    const n = words.length;
    if (this.scanAt >= Math.min(n, limit)) return;
    const decoder = this.decoder;
    const anchors = this.anchors;
    const acthdWord = this.acthdWord;
    let cps = this.checkpoints;
    let count = this.count;
    let i = this.scanAt;
    let ai = this.nextAi;
    // The walk goes window by window (one window: all of it when the dwords are in memory).
    let w = words.window(i);
    let wEnd = w.start + w.words.length;
    while (i < n && i < limit) {
      if (i >= wEnd || i < w.start) {
        w = words.window(i);
        wEnd = w.start + w.words.length;
      }
      if (count % STEP === 0) {
        const k = count / STEP;
        if (k >= cps.length) {
          const bigger = new Float64Array(cps.length * 2);
          bigger.set(cps);
          cps = bigger;
        }
        cps[k] = i;
      }
      while (ai < anchors.length && anchors[ai] <= i) ai++;
      let end = i + Math.max(1, decoder.length(w.words, i - w.start));
      if (ai < anchors.length && anchors[ai] < end) end = anchors[ai];
      if (end > n) end = n;
      if (acthdWord >= i && acthdWord < end) this.acthdIndex = count;
      i = end;
      count++;
    }
    this.count = count;
    this.scanAt = i;
    this.nextAi = ai;
    // Done: keep only the checkpoints in use.
    this.checkpoints = i >= n ? cps.slice(0, Math.ceil(count / STEP)) : cps;
  }

  /** Walk on until instruction `index` is walked (or the end). */
  private scanToIndex(index: number): void {
    while (this.count <= index && !this.complete) this.scanTo(this.scanAt + Math.max(1 << 16, (index - this.count + 1) * 4));
  }

  /** End (dword index, exclusive) of the instruction starting at dword i. */
  private endOf(i: number): { end: number; note: string | null } {
    const n = this.words.length;
    const w = this.words.window(i);
    const want = i + Math.max(1, this.decoder.length(w.words, i - w.start));
    let end = want;
    let note: string | null = null;
    const a = this.nextAnchor(i);
    if (a >= 0 && a < end) {
      end = a;
      note = `cut at the batch start ${hexAddress(this.options.base + BigInt(a * 4))}`;
    }
    if (end > n) {
      end = n;
      note = `cut at the end of the ${this.options.base === 0n ? 'buffer' : 'range'} (${want - i} dwords by its header)`;
    }
    return { end, note };
  }

  /** First anchor after dword i, or -1. */
  private nextAnchor(i: number): number {
    const a = this.anchors;
    const k = upperBound(a, i);
    return k < a.length ? a[k] : -1;
  }

  /** Dword index where instruction `index` starts (walked). */
  startOf(index: number): number {
    const k = Math.floor(index / STEP);
    let i = this.checkpoints[k];
    for (let c = k * STEP; c < index; c++) i = this.endOf(i).end;
    return i;
  }

  /** Instruction holding dword index `w` (the last one when past the end), or -1 when empty. */
  indexAtWord(w: number): number {
    this.scanTo(w + 1);
    if (this.count === 0) return -1;
    const cps = this.checkpoints;
    let lo = 0;
    let hi = Math.ceil(this.count / STEP) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cps[mid] <= w) lo = mid;
      else hi = mid - 1;
    }
    let index = lo * STEP;
    let i = cps[lo];
    for (;;) {
      if (index + 1 >= this.count) return index;
      const { end } = this.endOf(i);
      if (end > w) return index;
      i = end;
      index++;
    }
  }

  /** Instruction holding byte offset `offset` (-1 when outside). */
  indexAt(offset: number): number {
    if (offset < 0 || offset >= this.words.length * 4) return -1;
    return this.indexAtWord(Math.floor(offset / 4));
  }

  /** Decoded rows for instruction numbers `indices` (ascending), each given its list position. */
  rows(indices: ArrayLike<number>, firstPos: number): CommandRow[] {
    const out: CommandRow[] = [];
    let at = -1;
    let i = 0;
    if (indices.length > 0) this.scanToIndex(indices[indices.length - 1]);
    for (let p = 0; p < indices.length; p++) {
      const index = indices[p];
      if (index < 0 || index >= this.count) continue;
      // Walk on from the last row when the next is close; else start from its checkpoint.
      if (at < 0 || index < at || index - at > STEP) {
        i = this.startOf(index);
      } else {
        for (; at < index; at++) i = this.endOf(i).end;
      }
      at = index;
      out.push(this.row(index, i, firstPos + p));
    }
    return out;
  }

  /** Rows of instructions [first, first + count). */
  window(first: number, count: number): CommandRow[] {
    if (count > 0) this.scanToIndex(first + count - 1);
    const n = Math.max(0, Math.min(count, this.count - first));
    const idx = new Float64Array(n);
    for (let k = 0; k < n; k++) idx[k] = first + k;
    return this.rows(idx, first);
  }

  private row(index: number, i: number, pos: number): CommandRow {
    const { end, note } = this.endOf(i);
    const w = this.words.window(i, end - i);
    const view = w.words.subarray(0, end - w.start);
    const address = this.options.base + BigInt(i * 4);
    let decoded: { name: string; fields: CommandField[]; unknown: boolean };
    try {
      decoded = this.decoder.decode(view, i - w.start, address);
    } catch (e) {
      // A decoder bug must not take the view down: show the dwords, say what went wrong.
      decoded = { name: `undecodable 0x${hex32(view[i - w.start])}`, fields: [{ name: 'error', value: (e as Error).message }], unknown: true };
    }
    const dwords: number[] = [];
    for (let k = i; k < end && k - i < ROW_DWORDS; k++) dwords.push(view[k - w.start]);
    return {
      pos,
      index,
      address,
      length: end - i,
      dwords,
      name: decoded.name,
      fields: decoded.fields,
      acthd: index === this.acthdIndex,
      unknown: decoded.unknown,
      note,
    };
  }

  /**
   * Instruction numbers whose name contains `text` (case-insensitive), in order. One walk over the
   * whole listing; names come from headers alone.
   */
  filter(text: string): Float64Array {
    this.scanTo(Infinity);
    const needle = text.trim().toLowerCase();
    let out = new Float64Array(1024);
    let n = 0;
    let i = 0;
    // Known names are tested once each (by their key); unknown ones each time (they carry the header).
    const keyHits = new Map<number, boolean>();
    const dec = this.decoder;
    let w = this.words.window(0);
    for (let index = 0; index < this.count; index++) {
      if (i >= w.start + w.words.length) w = this.words.window(i);
      const k = dec.nameKey ? dec.nameKey(w.words, i - w.start) : -1;
      let hit = k >= 0 ? keyHits.get(k) : undefined;
      if (hit === undefined) {
        hit = dec.name(w.words, i - w.start).toLowerCase().includes(needle);
        if (k >= 0) keyHits.set(k, hit);
      }
      if (hit) {
        if (n === out.length) {
          const bigger = new Float64Array(out.length * 2);
          bigger.set(out);
          out = bigger;
        }
        out[n++] = index;
      }
      i = this.endOf(i).end;
    }
    return out.slice(0, n);
  }
}

/** Position in a sorted list of instruction numbers of the last one ≤ index (0 when none is). */
export function positionIn(list: ArrayLike<number>, index: number): number {
  let lo = 0;
  let hi = list.length - 1;
  if (hi < 0) return -1;
  if (list[0] > index) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (list[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const hex32 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');
