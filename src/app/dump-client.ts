// The page's handle on one parse worker (one dump). Terminating the worker is how a parse is
// cancelled and how a dump's memory is given back.
import { openSettings } from './open-settings.ts';
import * as Comlink from 'comlink';
import type { ByteSource } from './byte-source.ts';
import { applyDelta, finalSummary } from './progress-merge.ts';
import type { CommandRows, CommandsApi, CommandsFilter, CommandsGrowth, CommandsInfo, CommandsTarget, ContextImage, InstructionAt } from '../protocol/commands.ts';
import type { CacheStats, DumpSummary, OpenFailure, OpenSource, ParseWorkerApi, PointerScanResult, Progress, ProgressReport, ReadResult, SearchBatch, SearchDone, SearchQuery, SnapshotOptions, SourceLine, Space } from '../protocol/worker-api.ts';

function startWorker(): Worker {
  return new Worker(new URL('../worker/parse-worker.ts', import.meta.url), { type: 'module', name: 'parse' });
}

/** A parse worker started ahead for the next open, or null. */
let spare: Worker | null = null;

/**
 * Start the next open's parse worker now (the app calls it once, when idle on the welcome screen):
 * its start-up (a thread, the script fetched, compiled and run: 40-220 ms on a loaded machine) is
 * then off the path from dropping a file to its first hex row. Only one waits at a time, and none
 * is started again after an open (an idle worker would hold memory beside the open dump).
 */
export function prestartWorker(): void {
  if (spare || typeof Worker === 'undefined') return;
  const w = startWorker();
  // A spare that fails before it is used is dropped (the open then starts its own).
  w.addEventListener('error', () => {
    if (spare !== w) return;
    spare = null;
    w.terminate();
  });
  spare = w;
}

function takeWorker(): Worker {
  const w = spare ?? startWorker();
  spare = null;
  return w;
}

export class DumpClient implements ByteSource, CommandsApi {
  private readonly worker: Worker;
  private readonly api: Comlink.Remote<ParseWorkerApi>;
  private disposed = false;
  /** Set when the worker died (an uncaught error or out of memory). */
  crashed: string | null = null;
  onCrash: ((message: string) => void) | null = null;

  /** Rejects once the worker died: every call in flight and every later one fails with it. */
  private readonly died: Promise<never>;
  private dieWith: (e: Error) => void = () => {};

  /** `worker`: the parse worker (made here; a test gives its own). */
  constructor(worker?: Worker) {
    this.worker = worker ?? takeWorker();
    this.died = new Promise<never>((_, reject) => { this.dieWith = reject; });
    this.died.catch(() => {}); // observed by the calls that race it
    this.worker.addEventListener('error', (e) => this.crash((e as ErrorEvent).message || 'the parse worker stopped'));
    this.api = Comlink.wrap<ParseWorkerApi>(this.worker);
  }

  private crash(message: string): void {
    if (this.disposed || this.crashed) return;
    this.crashed = message;
    this.dieWith(new Error(`the parse worker crashed (${message}): reopen the dump`));
    this.onCrash?.(message);
  }

  /** A worker call that settles even if the worker dies meanwhile (or died before). */
  private guard<T>(call: () => Promise<T>): Promise<T> {
    if (this.crashed) return this.died;
    return Promise.race([call(), this.died]);
  }

  /** Parse a dump in the worker. Rejects with an OpenFailure. */
  async open(source: OpenSource, onProgress: (p: Progress) => void): Promise<DumpSummary> {
    const crashed = new Promise<never>((_, reject) => {
      const prev = this.onCrash;
      this.onCrash = (message) => {
        prev?.(message);
        reject({ kind: 'internal', message: `the parse worker crashed: ${message}` } satisfies OpenFailure);
      };
    });
    // Progress comes as deltas: the summary so far is built up here.
    let sofar: DumpSummary | null = null;
    let applied = 0;
    let caughtUp: (() => void) | null = null;
    const report = (p: ProgressReport) => {
      sofar = applyDelta(sofar, p.delta);
      applied++;
      caughtUp?.();
      onProgress({ bytesRead: p.bytesRead, totalBytes: p.totalBytes, elapsedMs: p.elapsedMs, summary: sofar });
    };
    try {
      const reply = await Promise.race([this.api.open(source, Comlink.proxy(report), openSettings()), crashed, this.died]);
      // The reports come on the callback's own port: the answer may overtake the last of them.
      while (applied < reply.reports) {
        await Promise.race([new Promise<void>((resolve) => { caughtUp = resolve; }), crashed, this.died]);
      }
      return finalSummary(sofar, reply);
    } catch (e) {
      throw toFailure(e);
    }
  }

  read(space: Space, address: bigint, length: number): Promise<ReadResult> {
    if (this.disposed) return Promise.resolve({ address, bytes: new Uint8Array(0), valid: 0 });
    return this.guard(() => this.api.read(space, address, length));
  }

  sourceLines(line: number, before: number, after: number): Promise<SourceLine[]> {
    return this.guard(() => this.api.sourceLines(line, before, after));
  }

  /** Pointers in one range into any captured range (worker side: src/worker/pointers.ts). */
  scanPointers(rangeIndex: number, limit?: number, align?: 4 | 8): Promise<PointerScanResult> {
    if (this.disposed) return Promise.resolve({ hits: [], capped: false, words: 0, align: align ?? 8 });
    return this.guard(() => this.api.scanPointers(rangeIndex, limit, align));
  }

  /** A snapshot file of the dump: only the chosen memory (worker side: src/format/write.ts). */
  exportSnapshot(options: SnapshotOptions): Promise<Uint8Array[]> {
    if (this.disposed) return Promise.resolve([]);
    return this.guard(() => this.api.exportSnapshot(options));
  }

  /**
   * Search all captured memory in the worker; hits stream to `onBatch`. A new search stops the one
   * running. Rejects with an Error (one-line message) for an invalid query.
   */
  async search(id: number, query: SearchQuery, onBatch: (b: SearchBatch) => void): Promise<SearchDone> {
    if (this.disposed) throw new Error('the dump was closed');
    return this.guard(() => this.api.search(id, query, Comlink.proxy(onBatch)));
  }

  /** The worker's decoded-page cache (tests and the browser bench check it stays in its budget). */
  cacheStats(): Promise<CacheStats> {
    return this.guard(() => this.api.cacheStats());
  }

  cancelSearch(): void {
    if (!this.disposed) void this.api.cancelSearch();
  }

  // The Commands view (worker side: src/worker/commands.ts).
  async commandsOpen(target: CommandsTarget, platform: string | null, at: bigint | null = null): Promise<CommandsInfo> {
    return await this.live().commandsOpen(target, platform, at);
  }

  async commandsGrow(key: string): Promise<CommandsGrowth> {
    return await this.live().commandsGrow(key);
  }

  async commandsRows(key: string, filter: string | null, first: number, count: number): Promise<CommandRows> {
    return await this.live().commandsRows(key, filter, first, count);
  }

  async commandsFilter(key: string, text: string): Promise<CommandsFilter> {
    return await this.live().commandsFilter(key, text);
  }

  async commandsPosOf(key: string, filter: string | null, address: bigint): Promise<number> {
    return await this.live().commandsPosOf(key, filter, address);
  }

  async instructionAt(address: bigint, platform: string | null): Promise<InstructionAt | null> {
    return await this.live().instructionAt(address, platform);
  }

  async contextImage(blob: number, platform: string | null): Promise<ContextImage | null> {
    return await this.live().contextImage(blob, platform);
  }

  /** The worker's API, or a rejection once the dump was closed or the worker died. */
  private live(): Comlink.Remote<ParseWorkerApi> {
    if (this.disposed) throw new Error('the dump was closed');
    if (this.crashed) throw new Error(`the parse worker crashed: ${this.crashed}`);
    return this.api;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.api[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}

export function toFailure(e: unknown): OpenFailure {
  if (e && typeof e === 'object' && 'kind' in e && 'message' in e) return e as OpenFailure;
  const message = e instanceof Error ? e.message : String(e);
  try {
    const parsed = JSON.parse(message) as OpenFailure;
    if (parsed && typeof parsed.kind === 'string') return parsed;
  } catch {
    // not one of ours
  }
  return { kind: 'internal', message };
}
