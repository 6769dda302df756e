// A small bounded cache of 4 KiB pages of one range or blob, filled through the ByteSource.
// The view renders from it synchronously (a missing page shows as loading) and asks it to fetch
// what is near the viewport; nothing blocks. One cache belongs to one target: a new target gets
// a new cache, so a late answer about an old target can never land in the new one.
import type { ByteSource } from '../byte-source.ts';
import type { Space } from '../../protocol/worker-api.ts';

export const PAGE_SIZE = 4096;
export const PAGE_CAPACITY = 16;

export interface Page {
  index: number;
  /** Bytes of the page as read (shorter at the end of the range). */
  bytes: Uint8Array;
  /** Leading bytes of `bytes` that were decoded; the rest are unknown. */
  valid: number;
  /** Set when the read failed (all bytes then count as unknown). */
  error: string | null;
}

export interface PageCacheOptions {
  pageSize?: number;
  capacity?: number;
  /** Called when a page arrives (not when it is dropped as stale). */
  onLoad?: (page: Page) => void;
}

export class PageCache {
  readonly pageSize: number;
  readonly capacity: number;
  /** Insertion order is recency order (oldest first). */
  private readonly pages = new Map<number, Page & { seq: number }>();
  private readonly pending = new Map<number, number>();
  private seq = 0;
  private wantFirst = 0;
  private wantLast = -1;
  private disposed = false;
  onLoad: ((page: Page) => void) | null;

  constructor(
    private readonly source: ByteSource,
    private readonly space: Space,
    /** Address of the first byte (GPU VA, folded; 0 for a blob). */
    private readonly start: bigint,
    private readonly length: number,
    opts: PageCacheOptions = {},
  ) {
    this.pageSize = opts.pageSize ?? PAGE_SIZE;
    this.capacity = Math.max(1, opts.capacity ?? PAGE_CAPACITY);
    this.onLoad = opts.onLoad ?? null;
  }

  get pageCount(): number {
    return Math.ceil(this.length / this.pageSize);
  }

  /** Page holding a byte offset (from the start of the range). */
  pageOf(offset: number): number {
    return Math.floor(offset / this.pageSize);
  }

  get(index: number): Page | undefined {
    return this.pages.get(index);
  }

  isPending(index: number): boolean {
    return this.pending.has(index);
  }

  get size(): number {
    return this.pages.size;
  }

  /** Whether a page is among the ones last asked for by ensure(). */
  wanted(index: number): boolean {
    return index >= this.wantFirst && index <= this.wantLast;
  }

  /**
   * Make pages [first, last] (clipped to the range) present: marks them most recent, fetches the
   * missing ones that are not already on their way, and evicts the oldest pages beyond capacity.
   */
  ensure(first: number, last: number): void {
    if (this.disposed) return;
    const f = Math.max(0, first);
    const l = Math.min(this.pageCount - 1, last);
    this.wantFirst = f;
    this.wantLast = l;
    for (let i = f; i <= l; i++) {
      const p = this.pages.get(i);
      if (p) {
        this.pages.delete(i);
        this.pages.set(i, p);
      } else if (!this.pending.has(i)) {
        this.fetch(i);
      }
    }
    this.evict();
  }

  dispose(): void {
    this.disposed = true;
    this.pages.clear();
    this.pending.clear();
  }

  private fetch(index: number): void {
    const seq = ++this.seq;
    this.pending.set(index, seq);
    const offset = index * this.pageSize;
    const len = Math.min(this.pageSize, this.length - offset);
    const address = this.start + BigInt(offset);
    let p: Promise<{ bytes: Uint8Array; valid: number; error: string | null }>;
    try {
      p = this.source.read(this.space, address, len).then(
        (r) => {
          if (r.address === address) return { bytes: r.bytes, valid: Math.min(r.valid, r.bytes.length), error: null };
          // A read that starts elsewhere than asked (it should not): realign it into the page.
          const shift = Number(r.address - address);
          const bytes = new Uint8Array(len);
          const from = Math.max(0, shift);
          const to = Math.min(len, shift + r.bytes.length);
          if (to > from) bytes.set(r.bytes.subarray(from - shift, to - shift), from);
          const valid = shift <= 0 ? Math.max(0, Math.min(len, r.valid + shift, to)) : 0;
          return { bytes, valid, error: null };
        },
        (e: unknown) => ({ bytes: new Uint8Array(0), valid: 0, error: e instanceof Error ? e.message : String(e) }),
      );
    } catch (e) {
      p = Promise.resolve({ bytes: new Uint8Array(0), valid: 0, error: e instanceof Error ? e.message : String(e) });
    }
    void p.then((r) => this.settle(index, seq, r));
  }

  private settle(index: number, seq: number, r: { bytes: Uint8Array; valid: number; error: string | null }): void {
    if (this.disposed) return;
    if (this.pending.get(index) === seq) this.pending.delete(index);
    const have = this.pages.get(index);
    // Stale: a newer answer for this page is already here.
    if (have && have.seq > seq) return;
    const page = { index, bytes: r.bytes, valid: r.valid, error: r.error, seq };
    this.pages.delete(index);
    this.pages.set(index, page);
    this.evict();
    if (this.pages.get(index) === page) this.onLoad?.(page);
  }

  /** Drop the oldest pages beyond capacity, never one that ensure() last asked for. */
  private evict(): void {
    if (this.pages.size <= this.capacity) return;
    for (const i of this.pages.keys()) {
      if (this.pages.size <= this.capacity) break;
      if (!this.wanted(i)) this.pages.delete(i);
    }
  }
}
