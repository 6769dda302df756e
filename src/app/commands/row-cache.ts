// Decoded rows of one listing (or one filter of it), fetched from the worker in blocks around what
// the Commands list shows. Bounded: the least recently wanted blocks go. One cache belongs to one
// listing and filter: a new one gets a new cache, so a late answer can never land in the wrong list.
import type { CommandRow } from '../../protocol/commands.ts';

export const BLOCK_ROWS = 64;
export const BLOCK_CAPACITY = 24;

export type RowFetch = (first: number, count: number) => Promise<CommandRow[]>;

export class RowCache {
  /** Insertion order is recency order (oldest first). */
  private readonly blocks = new Map<number, CommandRow[]>();
  private readonly pending = new Set<number>();
  private disposed = false;
  /** Called when a block arrives. */
  onLoad: (() => void) | null = null;
  /** The last fetch error, if any. */
  error: string | null = null;

  constructor(
    private readonly fetch: RowFetch,
    /** Rows in the list (grows while the worker walks a listing on: setCount). */
    public count: number,
    readonly blockRows = BLOCK_ROWS,
    readonly capacity = BLOCK_CAPACITY,
  ) {}

  get(pos: number): CommandRow | undefined {
    if (pos < 0 || pos >= this.count) return undefined;
    const b = this.blocks.get(Math.floor(pos / this.blockRows));
    return b?.[pos % this.blockRows];
  }

  /** Make rows [first, last] present (clipped): the blocks holding them are fetched if missing. */
  ensure(first: number, last: number): void {
    if (this.disposed || this.count === 0) return;
    const lo = Math.floor(Math.max(0, first) / this.blockRows);
    const hi = Math.floor(Math.min(this.count - 1, last) / this.blockRows);
    for (let b = lo; b <= hi; b++) {
      const have = this.blocks.get(b);
      if (have) {
        this.blocks.delete(b);
        this.blocks.set(b, have);
        continue;
      }
      if (this.pending.has(b)) continue;
      this.pending.add(b);
      const start = b * this.blockRows;
      this.fetch(start, Math.min(this.blockRows, this.count - start)).then(
        (rows) => {
          this.pending.delete(b);
          if (this.disposed) return;
          this.blocks.set(b, rows);
          while (this.blocks.size > Math.max(this.capacity, hi - lo + 1)) {
            const oldest = this.blocks.keys().next().value as number;
            this.blocks.delete(oldest);
          }
          this.onLoad?.();
        },
        (e: unknown) => {
          this.pending.delete(b);
          if (this.disposed) return;
          this.error = e instanceof Error ? e.message : String(e);
          this.onLoad?.();
        },
      );
    }
  }

  /** Resolves with the row once it is here (fetching it). */
  async row(pos: number): Promise<CommandRow | undefined> {
    const have = this.get(pos);
    if (have || pos < 0 || pos >= this.count) return have;
    const rows = await this.fetch(pos, 1);
    return rows[0];
  }

  /** The list grew (the worker walked on): the last block, fetched short, is fetched again. */
  setCount(count: number): void {
    if (count <= this.count) return;
    if (this.count > 0 && this.count % this.blockRows !== 0) this.blocks.delete(Math.floor((this.count - 1) / this.blockRows));
    this.count = count;
  }

  dispose(): void {
    this.disposed = true;
    this.onLoad = null;
    this.blocks.clear();
  }
}
