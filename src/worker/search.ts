// Memory search in the worker: every range and blob of a parsed dump, one chunk at a time
// (src/format/search.ts SearchRun), yielding to the event loop between time slices so that byte
// reads (the hex view) and a cancel are answered while it runs. Hits go out in batches.
import { foldAddress } from '../format/addr.ts';
import type { ByteStore, DumpModel } from '../format/model.ts';
import { SequentialPass, type SequentialBytes } from '../format/paged.ts';
import { compilePatterns, DEFAULT_LIMIT, SearchRun, type SearchRange } from '../format/search.ts';
import type { SearchBatch, SearchDone, SearchHit, SearchQuery, SearchWhere } from '../protocol/worker-api.ts';

/** Bytes searched per step: ~1 ms of work on the fast path, a few ms with wildcards or folding. */
export const WORKER_CHUNK = 2 << 20;
/** Work this long, then let other messages (reads, cancel) in. */
export const SLICE_MS = 12;
/** Send found hits at most this often (and at the end). */
export const BATCH_MS = 60;
/** Context bytes kept before a match, and after it. */
export const CONTEXT_BEFORE = 4;
export const CONTEXT_AFTER = 4;
/** At most this many bytes of the match itself go into the context. */
export const CONTEXT_MATCH = 16;

export interface SearchDriver {
  /** True when this search should stop (cancelled or replaced). */
  cancelled(): boolean;
  /** Let the event loop run (a macrotask): other messages are handled meanwhile. */
  yieldNow(): Promise<void>;
  now?(): number;
  /** Yield after this much work (default SLICE_MS; 0 yields after every chunk). */
  sliceMs?: number;
}

/** A macrotask without setTimeout's 4 ms clamp for nested timers. */
export function yieldMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** What is searched, in order: the ranges (folded GPU addresses), then the blobs (offsets). */
export function searchSpaces(model: DumpModel, pass?: SequentialPass): { ranges: SearchRange[]; where: SearchWhere[] } {
  const ranges: SearchRange[] = [];
  const where: SearchWhere[] = [];
  // On-demand stores are read front to back, past the page cache (see SequentialBytes).
  const bytes = (p: { data?: Uint8Array | null; lazy?: ByteStore | null }) => p.data ?? p.lazy?.sequential?.(undefined, pass) ?? p.lazy ?? null;
  model.ranges.forEach((r, index) => {
    const data = bytes(r);
    if (!data) return;
    ranges.push({ address: foldAddress(r.address), data, length: Math.min(r.length, r.decodedLength) });
    where.push({ kind: 'range', index });
  });
  model.blobs.forEach((b, index) => {
    const data = bytes(b);
    if (!data) return;
    ranges.push({ address: 0n, data, length: Math.min(b.length, b.decodedLength) });
    where.push({ kind: 'blob', index });
  });
  return { ranges, where };
}

function contextOf(data: Uint8Array | ByteStore, end: number, offset: number, length: number): { context: string; at: number } {
  const lo = Math.max(0, offset - CONTEXT_BEFORE);
  const hi = Math.min(end, offset + Math.min(length, CONTEXT_MATCH) + CONTEXT_AFTER);
  const bytes = data instanceof Uint8Array ? data.subarray(lo, hi) : data.read(lo, hi - lo);
  return { context: String.fromCharCode(...bytes), at: offset - lo };
}

/**
 * Run one search over a dump's memory. Throws (one line) for an invalid query, before any work.
 * Resolves after the last batch was handed to `onBatch`.
 */
export async function searchDump(model: DumpModel, id: number, query: SearchQuery, onBatch: (b: SearchBatch) => void, driver: SearchDriver): Promise<SearchDone> {
  const now = driver.now ?? (() => performance.now());
  const sliceMs = driver.sliceMs ?? SLICE_MS;
  const patterns = compilePatterns(query.mode, query.text, { caseInsensitive: query.caseInsensitive });
  const patternLength = patterns[0].bytes.length;
  // One stream of the file for every payload, in file order (see SequentialPass).
  const pass = new SequentialPass();
  const { ranges, where } = searchSpaces(model, pass);
  const run = new SearchRun(ranges, patterns, { limit: query.limit ?? DEFAULT_LIMIT, chunkSize: WORKER_CHUNK });
  const t0 = now();
  let sent = 0;
  let lastBatch = t0;
  const flush = () => {
    const hits: SearchHit[] = [];
    for (; sent < run.matches.length; sent++) {
      const m = run.matches[sent];
      const r = ranges[m.rangeIndex];
      hits.push({ where: where[m.rangeIndex], offset: m.offset, address: m.address, ...contextOf(r.data!, r.length, m.offset, patternLength) });
    }
    onBatch({ id, hits, scannedBytes: run.scannedBytes, totalBytes: run.total });
    lastBatch = now();
  };
  let sliceStart = now();
  // A store read front to back fetches its text ahead, asynchronously (see SequentialBytes), and
  // lets go of its file stream once the search has moved past it.
  let reading: Partial<Pick<SequentialBytes, 'prepare' | 'close'>> | null = null;
  try {
    for (;;) {
      if (driver.cancelled()) run.stop();
      const next = run.nextRead();
      const store = next ? (ranges[next.rangeIndex].data as Partial<Pick<SequentialBytes, 'prepare' | 'close'>>) : null;
      if (store !== reading) {
        reading?.close?.();
        reading = store;
      }
      if (next && store?.prepare) await store.prepare(next.offset, next.length);
      if (!run.step()) break;
      const t = now();
      if (t - lastBatch >= BATCH_MS) flush();
      if (t - sliceStart >= sliceMs) {
        await driver.yieldNow();
        sliceStart = now();
      }
    }
  } finally {
    reading?.close?.();
    pass.close();
  }
  flush();
  return {
    id,
    count: run.matches.length,
    capped: run.capped,
    stopped: run.stopped,
    scannedBytes: run.scannedBytes,
    totalBytes: run.total,
    patternLength,
    elapsedMs: now() - t0,
  };
}
