// One parse session: the dump being (or already) parsed in this worker, its decoded memory, and
// the source it came from. Pure logic over web platform APIs (Blob, streams), testable in Node.
import { findRangeAt, foldAddress } from '../format/addr.ts';
import { DumpParser } from '../format/parser.ts';
import { dumpFingerprint, FINGERPRINT_HEAD } from '../format/fingerprint.ts';
import { NotADumpError, type DumpModel } from '../format/model.ts';
import { writeDumpText } from '../format/write.ts';
import type { DumpSummary, OpenFailure, OpenReply, OpenSettings, OpenSource, PointerScanResult, ProgressReport, ReadResult, SearchBatch, SearchDone, SearchQuery, SnapshotOptions, SourceLine, Space } from '../protocol/worker-api.ts';
import { searchDump, yieldMacrotask, type SearchDriver } from './search.ts';
import { DEFAULT_POINTER_LIMIT, RangeIndex, scanPointers } from './pointers.ts';
import { DecompressError, decompress, decompressFailure, sniffCompression, type Compression, type DecompressLimits } from './decompress.ts';
import { blobInfos, DeltaTracker, rangeInfos } from './progress-delta.ts';
import { sectionTable } from '../format/entries.ts';
import { DecodedPageCache, DEFAULT_EAGER_BYTES, eagerBudget, memoryTextSource, type TextSource } from '../format/paged.ts';
import { bytesOf, hasBytes } from '../format/model.ts';
import { blobTextSource, createTextSpool, type TextSpool } from './text-source.ts';
import { CommandService } from './commands.ts';
import { blobChunks, streamChunks } from './file-reader.ts';

const SLICE = 8 << 20;
/** The page cache's default budget in the browser worker. */
export const BROWSER_CACHE_BYTES = 64 << 20;
const PROGRESS_EVERY_MS = 100;
const MAX_LINE_TEXT = 400;

export class OpenError extends Error {
  constructor(readonly failure: OpenFailure) {
    super(JSON.stringify(failure));
  }
}

/** What the page is told of the file beside the model. */
type SummaryMeta = { fileName: string; fileSize: number; compression: string | null };

export function summarize(model: DumpModel, meta: SummaryMeta, done: boolean): DumpSummary {
  return {
    ...meta,
    format: model.format,
    header: model.header,
    sections: sectionTable(model.sections),
    entries: model.entries,
    ranges: rangeInfos(model),
    blobs: blobInfos(model),
    engines: model.engines,
    batchAddresses: model.batchAddresses,
    vm: model.vm,
    diagnostics: model.diagnostics,
    lineCount: model.lineCount,
    byteCount: model.byteCount,
    ...(model.addressBits !== undefined ? { addressBits: model.addressBits } : {}),
    ...(model.fault !== undefined ? { fault: model.fault } : {}),
    done,
  };
}

/** `first` (a result of rest.next()) and then the rest; `rest` is ended however this one ends. */
async function* withFirst(first: IteratorResult<Uint8Array>, rest: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    if (first.done) return;
    yield first.value;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}

function countBytes(stream: ReadableStream<Uint8Array>, count: (n: number) => void): ReadableStream<Uint8Array> {
  return stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      count(chunk.length);
      controller.enqueue(chunk);
    },
  }));
}

export class ParseSession {
  /** `limits`: caps on decompression (defaults in decompress.ts; tests set small ones). */
  /** The caps of the dump being opened: the defaults, with the open's settings over them. */
  private limits: DecompressLimits;

  constructor(private readonly defaults: DecompressLimits = {}) {
    this.limits = defaults;
  }

  private model: DumpModel | null = null;
  private parser: DumpParser | null = null;
  private source: OpenSource | null = null;
  private compression: Compression | null = null;
  private spool: TextSpool | null = null;
  /**
   * The decoded-page cache of on-demand payloads: 64 MiB in the browser unless set (the renderer
   * holds the page and the worker in one process: peak RSS <= 400 MiB whatever the dump's size).
   * Views read a few pages at a time; whole-payload passes (search, pointer scan) go past it.
   */
  readonly cache = new DecodedPageCache(BROWSER_CACHE_BYTES);
  /** Instruction listings for the Commands view, over the parsed dump. */
  readonly commands = new CommandService(() => this.model);

  get current(): DumpModel | null {
    return this.model ?? this.parser?.model ?? null;
  }

  /** Text chunks of the dump from text offset `offset` on. */
  private async *textChunks(offset: number): AsyncGenerator<Uint8Array> {
    const src = this.source!;
    if (src.kind === 'bytes') {
      yield src.bytes.subarray(offset);
      return;
    }
    if (!this.compression) {
      yield* blobChunks(src.file, offset);
      return;
    }
    if (this.spool) {
      // The decompressed text is in the temporary file already.
      for (let at = offset; ; at += SLICE) {
        const c = this.spool.readAt(at, SLICE);
        if (c.length === 0) return;
        yield c;
      }
    }
    let skip = offset;
    for await (const c of streamChunks(decompress(src.file.stream(), this.compression, this.limits))) {
      if (skip >= c.length) {
        skip -= c.length;
        continue;
      }
      yield skip > 0 ? c.subarray(skip) : c;
      skip = 0;
    }
  }

  /**
   * The page's open (parse-worker.ts): the summary as the last delta over the progress reports
   * sent, so that no list crosses to the page twice or all in one message.
   */
  async openForPage(source: OpenSource, onProgress: (p: ProgressReport) => void, settings: OpenSettings = {}): Promise<OpenReply> {
    let reports = 0;
    const tracker = new DeltaTracker();
    const { meta, final } = await this.parse(source, (p) => {
      reports++;
      onProgress(p);
    }, settings, tracker);
    return { reports, delta: tracker.delta(this.model!, meta), final };
  }

  /** Parse a dump; resolves with its whole summary (tests, benches; the page gets openForPage's answer). */
  async open(source: OpenSource, onProgress: (p: ProgressReport) => void, settings: OpenSettings = {}): Promise<DumpSummary> {
    const { meta, final } = await this.parse(source, onProgress, settings, new DeltaTracker());
    return { ...summarize(this.model!, meta, true), ...final };
  }

  private async parse(source: OpenSource, onProgress: (p: ProgressReport) => void, settings: OpenSettings, tracker: DeltaTracker): Promise<{ meta: SummaryMeta; final: OpenReply['final'] }> {
    this.source = source;
    const total = source.kind === 'file' ? source.file.size : source.bytes.length;
    const meta = { fileName: source.name, fileSize: total, compression: null as string | null };
    const threshold = settings.eagerBytes ?? DEFAULT_EAGER_BYTES;
    if (settings.cacheBytes !== undefined) this.cache.setBudget(settings.cacheBytes);
    this.limits = settings.maxDecompressedBytes !== undefined ? { ...this.defaults, maxBytes: settings.maxDecompressedBytes } : this.defaults;
    const t0 = performance.now();
    let lastReport = t0;
    let read = 0;
    let fileRead = 0;
    const head = new Uint8Array(FINGERPRINT_HEAD);
    let headLen = 0;
    try {
      let chunks: AsyncGenerator<Uint8Array>;
      if (source.kind === 'bytes') {
        this.compression = sniffCompression(source.bytes.subarray(0, 8));
        chunks = this.compression
          ? streamChunks(decompress(new Blob([source.bytes as Uint8Array<ArrayBuffer>]).stream(), this.compression, this.limits))
          : (async function* () { yield source.bytes; })();
      } else {
        // The first chunk of the file's stream tells a compressed file: no read of its own before
        // it (a round trip to the browser process, 5-130 ms on a loaded machine).
        const plain = blobChunks(source.file);
        const first = await plain.next();
        let head = first.done ? new Uint8Array(0) : first.value;
        if (head.length < 8 && source.file.size > head.length) head = new Uint8Array(await source.file.slice(0, 8).arrayBuffer());
        this.compression = sniffCompression(head);
        if (this.compression) {
          await plain.return(undefined);
          chunks = streamChunks(decompress(countBytes(source.file.stream(), (n) => { fileRead += n; }), this.compression, this.limits));
        } else chunks = withFirst(first, plain);
      }
      meta.compression = this.compression;
      // On-demand decoding reads the text back: from the File, from the bytes given, or (compressed)
      // from a temporary file the decompressed text is written to on the way.
      let text: TextSource | null = null;
      let textSize: number | null = null;
      if (this.compression) {
        this.spool = await createTextSpool();
        text = this.spool;
      } else if (source.kind === 'bytes') {
        text = memoryTextSource(source.bytes);
        textSize = source.bytes.length;
      } else {
        const file = source.file;
        const sync = blobTextSource(file);
        // A long pass (a search) streams the file instead: the browser reads it meanwhile.
        text = sync && { readAt: sync.readAt, chunksFrom: (offset) => blobChunks(file, offset) };
        textSize = file.size;
      }
      const eagerBytes = eagerBudget(textSize, threshold);
      const parser = new DumpParser(text ? { onDemand: { text, cache: this.cache, eagerBytes } } : {});
      this.parser = parser;
      const spool = this.spool;
      const note = spool ? 'decompressing into a temporary file and indexing' : undefined;
      const decoding = (): DumpSummary['decoding'] => ({
        mode: parser.model.ranges.some((r) => r.lazy) || parser.model.blobs.some((b) => b.lazy) ? 'on-demand' : 'memory',
        spooled: spool !== null,
      });
      let parseMs = 0;
      let waitMs = 0;
      let shown = false;
      let tw = performance.now();
      for await (const chunk of chunks) {
        const tp = performance.now();
        waitMs += tp - tw;
        if (headLen < FINGERPRINT_HEAD) {
          const n = Math.min(chunk.length, FINGERPRINT_HEAD - headLen);
          head.set(chunk.subarray(0, n), headLen);
          headLen += n;
        }
        spool?.append(chunk);
        parser.push(chunk);
        tw = performance.now();
        parseMs += tw - tp;
        read += chunk.length;
        const now = performance.now();
        // The first range the view can show goes out at once (the page opens it while the rest is
        // indexed); after that, a report every PROGRESS_EVERY_MS.
        const first = !shown && parser.model.ranges.some((r) => r.complete && hasBytes(r));
        if (first) shown = true;
        if (first || now - lastReport >= PROGRESS_EVERY_MS) {
          lastReport = now;
          // Progress in file bytes (compressed bytes for a compressed file).
          const bytesRead = this.compression && source.kind === 'file' ? fileRead : Math.min(read, total);
          onProgress({ bytesRead, totalBytes: total, elapsedMs: now - t0, delta: tracker.delta(parser.model, meta), ...(note ? { note } : {}) });
        }
      }
      this.model = parser.finish();
      const fingerprint = await dumpFingerprint(this.model, head.subarray(0, headLen));
      const final: OpenReply['final'] = { fingerprint, timing: { parseMs, readWaitMs: waitMs }, decoding: decoding() };
      if (this.model.addressBits !== undefined) final.addressBits = this.model.addressBits;
      if (this.model.fault !== undefined) final.fault = this.model.fault;
      return { meta, final };
    } catch (raw) {
      if (raw instanceof NotADumpError) throw new OpenError({ kind: 'not-a-dump', message: raw.message });
      const e = this.compression ? decompressFailure(raw, this.compression) : raw;
      if (e instanceof DecompressError) throw new OpenError({ kind: 'read-error', message: `cannot open ${source.name}: ${e.message}` });
      const err = e as Error;
      if (err && (err.name === 'NotReadableError' || err.name === 'NotFoundError' || err.name === 'SecurityError')) {
        throw new OpenError({ kind: 'read-error', message: `cannot read ${source.name}: ${err.message}` });
      }
      if (this.compression && err && (err.name === 'TypeError' || /corrupt|invalid|incorrect|unexpected/i.test(err.message ?? ''))) {
        throw new OpenError({ kind: 'read-error', message: `cannot decompress ${source.name} (${this.compression}): ${err.message}` });
      }
      throw new OpenError({ kind: 'internal', message: `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}` });
    }
  }

  read(space: Space, address: bigint, length: number): ReadResult {
    const m = this.current;
    const empty: ReadResult = { address, bytes: new Uint8Array(0), valid: 0 };
    if (!m || length <= 0) return empty;
    const owner = space.kind === 'blob' ? m.blobs[space.index] : findRangeAt(m.ranges, address);
    const store = owner ? bytesOf(owner) : null;
    if (!owner || !store) return empty;
    const start = space.kind === 'blob' ? 0n : foldAddress((owner as { address: bigint }).address);
    if (space.kind !== 'blob') address = foldAddress(address);
    if (address < start) address = start;
    const off = Number(address - start);
    // A range cut short keeps only its decoded bytes (memory follows the text): the rest of its
    // length reads as zeros, not valid.
    const size = Math.max(store.length, owner.length);
    if (off >= size) return { ...empty, address };
    const end = Math.min(size, off + length);
    const have = Math.min(end, store.length);
    // A view into decoded memory is copied (the reply transfers its buffer); a store's read is fresh.
    const got = off >= have ? new Uint8Array(0) : owner.data ? owner.data.slice(off, have) : store.read(off, have - off);
    let bytes = got;
    if (end > have) {
      bytes = new Uint8Array(end - off);
      bytes.set(got);
    }
    return { address, bytes, valid: Math.max(0, Math.min(end, owner.decodedLength) - off) };
  }

  /** Pointers in range `rangeIndex` into any captured range (see pointers.ts). */
  scanPointers(rangeIndex: number, limit = DEFAULT_POINTER_LIMIT, align: 4 | 8 = 8): PointerScanResult {
    const m = this.current;
    const empty: PointerScanResult = { hits: [], capped: false, words: 0, align };
    const r = m?.ranges[rangeIndex];
    const store = r ? bytesOf(r) : null;
    if (!m || !r || !store) return empty;
    // Every listed range is a target (as for the cross-references), captured bytes or not.
    const ranges = m.ranges.map((x, index) => ({ index, start: foldAddress(x.address), length: x.length }));
    // On demand, the scan reads front to back past the page cache (see SequentialBytes).
    const pass = store.sequential?.() ?? null;
    const from = pass ?? store;
    const decoded = { length: Math.min(store.length, r.decodedLength), read: (o: number, l: number) => from.read(o, l) };
    try {
      return scanPointers(decoded, new RangeIndex(ranges), limit, align === 4 ? 4 : 8);
    } finally {
      pass?.close?.();
    }
  }

  /** The dump as text with only the chosen memory (empty until a dump has parsed). */
  exportSnapshot(options: SnapshotOptions): Uint8Array[] {
    return this.model ? writeDumpText(this.model, options) : [];
  }

  /** Counts searches: a search whose number is no longer the latest stops. */
  private searchSeq = 0;

  /**
   * Search every range and blob of the parsed dump (see search.ts). Starting one stops the one
   * running; so does cancelSearch(). Between time slices it yields, so reads are answered.
   */
  async search(id: number, query: SearchQuery, onBatch: (b: SearchBatch) => void, driver: Omit<SearchDriver, 'cancelled'> = { yieldNow: yieldMacrotask }): Promise<SearchDone> {
    const seq = ++this.searchSeq;
    if (!this.model) throw new Error('the dump is still opening: search once it has parsed');
    return searchDump(this.model, id, query, onBatch, { ...driver, cancelled: () => seq !== this.searchSeq });
  }

  cancelSearch(): void {
    this.searchSeq++;
  }

  async sourceLines(line: number, before: number, after: number): Promise<SourceLine[]> {
    if (!this.parser || !this.source) return [];
    const first = Math.max(1, line - before);
    const last = line + after;
    const start = this.parser.lineStartBefore(first);
    const out: SourceLine[] = [];
    let n = start.line;
    let cur: number[] = [];
    let curLen = 0;
    const dec = new TextDecoder('utf-8');
    const flush = () => {
      if (n >= first) {
        const text = dec.decode(Uint8Array.from(cur)).replace(/\r$/, '');
        out.push({ line: n, text: curLen > MAX_LINE_TEXT ? `${text}… (${curLen} bytes)` : text });
      }
      cur = [];
      curLen = 0;
      n++;
    };
    for await (const c of this.textChunks(start.offset)) {
      let i = 0;
      while (i < c.length) {
        const nl = c.indexOf(10, i);
        const end = nl < 0 ? c.length : nl;
        if (n >= first) for (let k = i; k < end && cur.length < MAX_LINE_TEXT; k++) cur.push(c[k]);
        curLen += end - i;
        if (nl < 0) break;
        flush();
        if (n > last) return out;
        i = nl + 1;
      }
    }
    if (curLen > 0 || cur.length > 0) flush();
    return out.filter((l) => l.line <= last);
  }
}
