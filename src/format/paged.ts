// On-demand decoding: the index scan decodes each `[NAME].data` payload page by page into one
// reused buffer (nothing decoded is kept) and records a checkpoint table, the text offset where
// every PAGE_BYTES-th decoded byte starts (after 'z' groups and line breaks of split blobs alike).
// A window of the decoded bytes is later served by reading the text between two checkpoints and
// decoding only that, through an LRU cache of decoded pages with a fixed byte budget.
import { Ascii85Decoder, wasmBuffer } from './ascii85.ts';
import type { ByteStore } from './model.ts';

/** Decoded bytes per page (and between two checkpoints). */
export const PAGE_BYTES = 64 << 10;
/** Default budget of the decoded-page cache. */
export const DEFAULT_CACHE_BYTES = 256 << 20;
/** Text read at once when consecutive pages are missing (a sequential scan). */
const READ_AHEAD_TEXT = 4 << 20;
/** A read at least this long is a scan: its whole pages are decoded into it, not through the cache. */
const STREAM_READ = 1 << 20;
const LF = 10;

/** The dump's text, read synchronously at any offset (a file descriptor, a File in a worker, bytes). */
export interface TextSource {
  readAt(offset: number, length: number): Uint8Array;
  /**
   * The text from `offset` on as a stream of chunks, where the source has one (a File in the
   * browser: read meanwhile by the browser, into one reused buffer). A chunk is valid until the
   * next is asked for.
   */
  chunksFrom?(offset: number): AsyncIterator<Uint8Array>;
  /** Read into `into` from `offset` (as many bytes as fit, fewer at the end); the count read. Optional: saves a copy. */
  readInto?(offset: number, into: Uint8Array): number;
}

export function memoryTextSource(bytes: Uint8Array): TextSource {
  return { readAt: (offset, length) => bytes.subarray(offset, offset + length) };
}

/** Something that takes the decoded bytes in order (a hash). */
export interface PageSink {
  update(bytes: Uint8Array): void;
}

/** LRU cache of decoded pages shared by every store of a dump; never holds more than `budget` bytes. */
export class DecodedPageCache {
  private readonly pages = new Map<number, Uint8Array>();
  private held = 0;
  /** The most bytes held at once (after each put). */
  peak = 0;
  hits = 0;
  misses = 0;

  constructor(public budget = DEFAULT_CACHE_BYTES) {}

  get bytes(): number {
    return this.held;
  }

  has(key: number): boolean {
    return this.pages.has(key);
  }

  get(key: number): Uint8Array | undefined {
    const p = this.pages.get(key);
    if (p) {
      this.pages.delete(key);
      this.pages.set(key, p);
      this.hits++;
    } else this.misses++;
    return p;
  }

  put(key: number, page: Uint8Array): void {
    if (page.length > this.budget) return;
    const old = this.pages.get(key);
    if (old) {
      this.held -= old.length;
      this.pages.delete(key);
    }
    this.pages.set(key, page);
    this.held += page.length;
    this.trim();
    this.peak = Math.max(this.peak, this.held);
  }

  /** Change the budget (dropping the least recently used pages beyond it). */
  setBudget(budget: number): void {
    this.budget = Math.max(0, budget);
    this.trim();
  }

  private trim(): void {
    for (const [k, p] of this.pages) {
      if (this.held <= this.budget) break;
      this.pages.delete(k);
      this.held -= p.length;
    }
  }
}

let nextStoreId = 1;

/**
 * The streaming decoder of the index scan: the same interface as Ascii85Decoder for the parser, but
 * the output is one reused page; full pages go to `sink` (a hash) and are forgotten. `base` is the
 * text offset of src[0] in the calls to decode() (the parser sets it).
 */
export class PagedDecoder {
  base = 0;
  /** Text offset where page k's first group starts. */
  readonly checkpoints: number[] = [];
  /** Text offset just after the last byte consumed. */
  endText = 0;
  /** The payload ended (finish() was called): no page grows any more. */
  done = false;
  readonly capacity: number;
  /**
   * The page being decoded; null once the payload ended (its buffer goes back to FREE_PAGES: a
   * dump of many payloads holds one page, not one per payload).
   */
  private dec: Ascii85Decoder | null;
  private pageStart = 0;
  private overflowBefore = 0;
  private firstOverflowBefore = -1;
  private invalidBefore = 0;
  private firstInvalidBefore = -1;
  private zBefore = 0;
  private pendingAtEnd = 0;

  /** Dwords per page. */
  readonly pageDwords: number;

  /** `pageBytes`: a multiple of 4 (tests use small pages to cross many page boundaries). */
  constructor(readonly length: number, private readonly sink: PageSink | null, readonly pageBytes = PAGE_BYTES) {
    if (pageBytes < 4 || pageBytes % 4 !== 0) throw new Error(`bad page size ${pageBytes}`);
    this.pageDwords = pageBytes / 4;
    this.capacity = Math.ceil(length / 4);
    this.dec = new Ascii85Decoder(takePage(pageBytes));
    this.dec.reset(Math.min(this.pageDwords, this.capacity));
    // Nothing takes the bytes (no hash): the scan only counts groups for its checkpoints.
    this.dec.countOnly = sink === null;
  }

  get dwords(): number {
    return this.pageStart + (this.dec?.dwords ?? 0);
  }

  /** Text offset where page k's text ends (the next checkpoint, or the end of the text read so far). */
  textEnd(k: number): number {
    return k + 1 < this.checkpoints.length ? this.checkpoints[k + 1] : this.endText;
  }

  get full(): boolean {
    return this.dwords >= this.capacity;
  }

  get pending(): number {
    return this.dec ? this.dec.pending : this.pendingAtEnd;
  }

  get overflowGroups(): number {
    return this.overflowBefore + (this.dec?.overflowGroups ?? 0);
  }

  get firstOverflowDword(): number {
    if (this.firstOverflowBefore >= 0) return this.firstOverflowBefore;
    return this.dec && this.dec.firstOverflowDword >= 0 ? this.pageStart + this.dec.firstOverflowDword : -1;
  }

  get invalidChars(): number {
    return this.invalidBefore + (this.dec?.invalidChars ?? 0);
  }

  get firstInvalidChar(): number {
    return this.firstInvalidBefore >= 0 ? this.firstInvalidBefore : (this.dec?.firstInvalidChar ?? -1);
  }

  get misplacedZ(): number {
    return this.zBefore + (this.dec?.misplacedZ ?? 0);
  }

  decode(src: Uint8Array, i: number, end: number): number {
    if (this.checkpoints.length === 0) this.checkpoints.push(this.base + i);
    const d = this.dec;
    if (!d) return i;
    while (i < end && !this.full) {
      i = d.decode(src, i, end);
      if (!d.full) break;
      this.nextPage(d);
      if (!this.full) this.checkpoints.push(this.base + i);
    }
    this.endText = this.base + i;
    return i;
  }

  /** The data ended (complete or not): hand over the last, partial page, and let the page go. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    const d = this.dec;
    if (!d) return;
    if (d.dwords > 0 && this.pageStart < this.capacity) {
      const bytes = Math.min(d.dwords * 4, this.length - this.pageStart * 4);
      this.sink?.update(d.out.subarray(0, bytes));
    }
    this.pendingAtEnd = d.pending;
    this.fold(d);
    this.pageStart += d.dwords;
    this.dec = null;
    release(d);
  }

  /**
   * Become the finished decoder `s` describes (from a persisted index) without reading the text;
   * the page is given back, nothing goes to the sink.
   */
  restore(s: PagedState): void {
    this.checkpoints.length = 0;
    for (let k = 0; k < s.checkpoints.length; k++) this.checkpoints.push(s.checkpoints[k]);
    this.endText = s.endText;
    this.pageStart = s.dwords;
    this.pendingAtEnd = s.pending;
    this.overflowBefore = s.overflowGroups;
    this.firstOverflowBefore = s.firstOverflowDword;
    this.invalidBefore = s.invalidChars;
    this.firstInvalidBefore = s.firstInvalidChar;
    this.zBefore = s.misplacedZ;
    this.done = true;
    const d = this.dec;
    this.dec = null;
    if (d) release(d);
  }

  /** Count a page's problems into the totals before the page is reused. */
  private fold(d: Ascii85Decoder): void {
    if (this.firstOverflowBefore < 0 && d.firstOverflowDword >= 0) this.firstOverflowBefore = this.pageStart + d.firstOverflowDword;
    if (this.firstInvalidBefore < 0 && d.firstInvalidChar >= 0) this.firstInvalidBefore = d.firstInvalidChar;
    this.overflowBefore += d.overflowGroups;
    this.invalidBefore += d.invalidChars;
    this.zBefore += d.misplacedZ;
  }

  private nextPage(d: Ascii85Decoder): void {
    this.sink?.update(d.out.subarray(0, Math.min(d.dwords * 4, this.length - this.pageStart * 4)));
    this.fold(d);
    this.pageStart += d.dwords;
    d.reset(Math.min(this.pageDwords, this.capacity - this.pageStart));
  }
}

/** What a finished PagedDecoder knows: enough to serve its bytes again without a scan (a persisted index). */
export interface PagedState {
  checkpoints: ArrayLike<number>;
  endText: number;
  dwords: number;
  pending: number;
  overflowGroups: number;
  firstOverflowDword: number;
  invalidChars: number;
  firstInvalidChar: number;
  misplacedZ: number;
}

/** The state of a finished decoder, to be persisted. */
export function pagedState(d: PagedDecoder): PagedState {
  return {
    checkpoints: d.checkpoints, endText: d.endText, dwords: d.dwords, pending: d.pending,
    overflowGroups: d.overflowGroups, firstOverflowDword: d.firstOverflowDword,
    invalidChars: d.invalidChars, firstInvalidChar: d.firstInvalidChar, misplacedZ: d.misplacedZ,
  };
}

/** Zeroed page buffers given back by finished decoders (reset() zeroes what was written). */
const FREE_PAGES: Uint8Array[] = [];

/** Pages made in the decoder's WebAssembly memory (decoded there without a copy out). */
let wasmPages = 0;

function takePage(bytes: number): Uint8Array {
  const i = FREE_PAGES.findIndex((p) => p.length === bytes);
  if (i >= 0) return FREE_PAGES.splice(i, 1)[0];
  const w = wasmPages < 4 && bytes % 16 === 0 ? wasmBuffer(bytes) : null;
  if (w) wasmPages++;
  return w ?? new Uint8Array(bytes);
}

/** Where the text of pages is read for decoding (in the decoder's memory: not copied into it). */
let textWindow: Uint8Array | null | undefined;

function readText(text: TextSource, offset: number, length: number): Uint8Array {
  if (text.readInto) {
    textWindow ??= wasmBuffer(READ_AHEAD_TEXT + PAGE_BYTES * 2);
    if (textWindow && length <= textWindow.length) return textWindow.subarray(0, text.readInto(offset, textWindow.subarray(0, length)));
  }
  return text.readAt(offset, length);
}

/**
 * Buffers in the decoder's WebAssembly memory lent to whole-range passes (a sequential reader's text
 * and output, a search's window): text read into one and decoded into another is not copied into or
 * out of the module, and the search's filter reads the decoded bytes where they are. Past
 * LENDABLE_BYTES lent at once (or without WebAssembly) the caller uses an ordinary array.
 */
const idleBuffers: Uint8Array[] = [];
const lent = new Set<Uint8Array>();
let lendable = 30 << 20;

/** A buffer of at least `bytes` in the decoder's memory (not zeroed), or null; give it back with returnBuffer(). */
export function borrowBuffer(bytes: number): Uint8Array | null {
  let i = -1;
  for (let j = 0; j < idleBuffers.length; j++) if (idleBuffers[j].length >= bytes && (i < 0 || idleBuffers[j].length < idleBuffers[i].length)) i = j;
  let b: Uint8Array | null = i >= 0 ? idleBuffers.splice(i, 1)[0] : null;
  if (!b) {
    const size = Math.ceil(bytes / PAGE_BYTES) * PAGE_BYTES;
    if (size > lendable) return null;
    b = wasmBuffer(size);
    if (!b) return null;
    lendable -= size;
  }
  lent.add(b);
  return b;
}

/** Give back a buffer from borrowBuffer() (anything else is left to the garbage collector). */
export function returnBuffer(b: Uint8Array): void {
  if (lent.delete(b)) idleBuffers.push(b);
}

/** Give a finished decoder's page back, zeroed (a counting decoder left anything in it). */
function release(d: Ascii85Decoder): void {
  if (d.countOnly) d.out.fill(0);
  else d.reset(0);
  givePage(d.out);
}

function givePage(page: Uint8Array): void {
  if (FREE_PAGES.length < 4) FREE_PAGES.push(page);
}

/**
 * The decoded bytes of one payload, served on demand from the text and the checkpoints of its
 * PagedDecoder. Reads during the scan see what is decoded so far.
 */
export class LazyBytes implements ByteStore {
  private readonly id = nextStoreId++;

  constructor(
    readonly length: number,
    private readonly decoder: PagedDecoder,
    private readonly text: TextSource,
    private readonly cache: DecodedPageCache,
  ) {}

  /** Bytes decodable so far (the scan may still be going). */
  get decodedLength(): number {
    return Math.min(this.length, this.decoder.dwords * 4);
  }

  /** A fresh array of `length` bytes from `offset` (zeros past what was decoded). */
  read(offset: number, length: number): Uint8Array {
    offset = Math.max(0, offset);
    const end = Math.min(this.length, offset + Math.max(0, length));
    const out = new Uint8Array(Math.max(0, end - offset));
    this.fill(out, offset, end);
    return out;
  }

  /** read() into a reused buffer: `into.length` bytes from `offset` (zeros past the data). */
  readInto(offset: number, into: Uint8Array): void {
    offset = Math.max(0, offset);
    into.fill(0);
    const end = Math.min(this.length, offset + into.length);
    if (end > offset) this.fill(into.subarray(0, end - offset), offset, end);
  }

  /** Decode [offset, end) into `out` (zeroed, end - offset long). */
  private fill(out: Uint8Array, offset: number, end: number): void {
    const valid = Math.min(end, this.decodedLength);
    if (valid <= offset) return;
    const pb = this.decoder.pageBytes;
    const kEnd = Math.floor((valid - 1) / pb);
    for (let k = Math.floor(offset / this.decoder.pageBytes); k <= kEnd;) {
      const hit = this.cache.get(this.key(k));
      if (hit) {
        copyPage(out, offset, valid, hit, k, pb);
        k++;
        continue;
      }
      // The pages missing from here on in this window are decoded from one read of their text.
      let last = k;
      while (last < kEnd && !this.cache.has(this.key(last + 1)) && this.decoder.textEnd(last + 1) - this.decoder.checkpoints[k] <= READ_AHEAD_TEXT) last++;
      // A long window (a sequential scan: search, export, hashing) takes its whole pages straight
      // into `out`, bypassing the cache: a scan would only churn it, and each page is copied once.
      const direct = end - offset >= STREAM_READ ? (j: number) => {
        const ps = j * pb;
        const len = Math.min(this.decoder.pageDwords, Math.ceil(this.decodedLength / 4) - j * this.decoder.pageDwords) * 4;
        return ps >= offset && ps + len <= valid ? out.subarray(ps - offset, ps - offset + len) : null;
      } : null;
      this.decodePages(k, last, (page, j) => copyPage(out, offset, valid, page, j, pb), direct);
      k = last + 1;
    }
  }

  /**
   * A reader for one pass front to back (a search): see SequentialBytes. The page cache is left
   * alone, so a long scan neither churns it nor grows the memory past its budget.
   */
  sequential(textChunk = SEQUENTIAL_TEXT, pass: SequentialPass | null = null): SequentialBytes {
    return new SequentialBytes(this, this.decoder, this.text, textChunk, pass);
  }

  private key(k: number): number {
    return this.id * 2 ** 32 + k;
  }

  /** Decode pages first..last from one read of their text; `direct(j)` is where page j goes instead of the cache, if anywhere. */
  private decodePages(first: number, last: number, use: (page: Uint8Array, k: number) => void, direct: ((k: number) => Uint8Array | null) | null = null): void {
    const cps = this.decoder.checkpoints;
    const textStart = cps[first];
    const text = readText(this.text, textStart, this.decoder.textEnd(last) - textStart);
    const decodedDwords = Math.ceil(this.decodedLength / 4);
    for (let j = first; j <= last; j++) {
      const dwords = Math.min(this.decoder.pageDwords, decodedDwords - j * this.decoder.pageDwords);
      const into = direct?.(j);
      if (into) {
        decodeSpan(into, text, cps[j] - textStart, this.decoder.textEnd(j) - textStart, dwords);
        continue;
      }
      const page = new Uint8Array(dwords * 4);
      decodeSpan(page, text, cps[j] - textStart, this.decoder.textEnd(j) - textStart, dwords);
      // The page the scan is still in may grow: only finished pages are kept.
      if (j + 1 < cps.length || this.decoder.done) this.cache.put(this.key(j), page);
      use(page, j);
    }
  }
}

/** Text read at once by a sequential reader: few, large reads of the File. */
export const SEQUENTIAL_TEXT = 8 << 20;
/** The least a sequential reader's output buffer holds (a worker search's window is 2 MiB and a little). */
const SEQUENTIAL_OUT = 4 << 20;

/** Text a stream skips (reads and drops) to reach a reader a little ahead of it, rather than opening another. */
const STREAM_SKIP = 1 << 20;

/**
 * The source's stream of text chunks (TextSource.chunksFrom), read front to back by sequential
 * readers one after the other: the reader of the next payload (a few lines further in the file)
 * continues the stream the last one read, instead of opening another (an opening costs the
 * browser a few ms, and a search opens one per payload). The next chunk is asked for as soon as
 * the last one was taken, so the source reads it while the text held is decoded. Shared by the
 * readers of one SequentialPass, or one reader's own.
 */
export class TextStream {
  private chunks: AsyncIterator<Uint8Array> | null = null;
  /** Text offset of the next byte the stream gives. */
  private at = 0;
  /** What is left of the last chunk (valid until the next is asked for). */
  private rest: Uint8Array | null = null;
  private ahead: Promise<IteratorResult<Uint8Array>> | null = null;

  constructor(private readonly source: TextSource) {}

  /** Copy the text from `offset` into `into`; the bytes copied (fewer only at the end of the text). */
  async readInto(offset: number, into: Uint8Array): Promise<number> {
    if (!this.chunks || offset < this.at || offset - this.at > STREAM_SKIP) {
      this.end();
      this.chunks = this.source.chunksFrom!(offset);
      this.at = offset;
    }
    const chunks = this.chunks;
    let n = 0;
    while (n < into.length) {
      let c = this.rest;
      this.rest = null;
      if (!c) {
        const r = await (this.ahead ?? chunks.next());
        this.ahead = null;
        if (r.done) break;
        c = r.value;
      }
      if (this.at < offset) {
        const skip = Math.min(c.length, offset - this.at);
        this.at += skip;
        c = c.subarray(skip);
      }
      const k = Math.min(c.length, into.length - n);
      into.set(c.subarray(0, k), n);
      n += k;
      this.at += k;
      if (k < c.length) this.rest = c.subarray(k);
    }
    if (!this.rest && this.chunks === chunks) this.ahead = chunks.next();
    return n;
  }

  /** Let go of the source's stream (a later read opens another). */
  end(): void {
    const c = this.chunks;
    this.chunks = null;
    this.rest = null;
    this.ahead?.catch(() => {});
    this.ahead = null;
    if (c) void c.return?.();
  }
}

/** One pass over many payloads in file order (a search): their readers share one stream per text source. */
export class SequentialPass {
  private readonly streams = new Map<TextSource, TextStream>();

  stream(source: TextSource): TextStream {
    let s = this.streams.get(source);
    if (!s) this.streams.set(source, (s = new TextStream(source)));
    return s;
  }

  /** The pass is over: let go of the streams. */
  close(): void {
    for (const s of this.streams.values()) s.end();
    this.streams.clear();
  }
}

/**
 * The decoded bytes of one LazyBytes for a pass front to back: the text is held in one reused
 * buffer, filled in large pieces (from the source's stream of chunks when it has one, awaited in
 * prepare(); else by readAt), and each window is decoded straight into one reused output buffer,
 * bypassing the page cache: a scan allocates nothing per window and leaves no garbage. read()
 * returns a view of that buffer, valid until the next call. A window before the current one (a
 * match's context, looked up later) is served by the LazyBytes itself.
 */
export class SequentialBytes implements ByteStore {
  readonly length: number;
  private out: Uint8Array = new Uint8Array(0);
  /** Decoded offset of out[0], and the bytes of `out` that hold decoded data. */
  private outStart = 0;
  private outLen = 0;
  /** text[0, textLen) is the dump's text from textStart on. */
  private text: Uint8Array = new Uint8Array(0);
  private textStart = 0;
  private textLen = 0;
  /** The source's stream of text, shared with the readers of the other payloads (see TextStream); held from the first prepare() to close(). */
  private stream: TextStream | null = null;
  private closed = false;

  constructor(
    private readonly lazy: LazyBytes,
    private readonly decoder: PagedDecoder,
    private readonly source: TextSource,
    private readonly textChunk: number,
    private readonly pass: SequentialPass | null = null,
  ) {
    this.length = lazy.length;
  }

  /** The text span of the pages holding [offset, end). */
  private span(offset: number, end: number): { first: number; last: number; from: number; to: number } {
    const pb = this.decoder.pageBytes;
    const cps = this.decoder.checkpoints;
    const first = Math.floor(offset / pb);
    const last = Math.floor((end - 1) / pb);
    return { first, last, from: cps[first], to: this.decoder.textEnd(last) };
  }

  private holds(from: number, to: number): boolean {
    return from >= this.textStart && to <= this.textStart + this.textLen;
  }

  /** Make room for `want` bytes of text from `from` on, keeping what is held from there. */
  private refill(from: number, want: number): void {
    if (from >= this.textStart && from <= this.textStart + this.textLen) {
      this.text.copyWithin(0, from - this.textStart, this.textLen);
      this.textLen -= from - this.textStart;
    } else this.textLen = 0;
    this.textStart = from;
    if (this.text.length < want) {
      const t = borrowBuffer(Math.max(want, this.textChunk)) ?? new Uint8Array(want);
      t.set(this.text.subarray(0, this.textLen));
      returnBuffer(this.text);
      this.text = t;
    }
  }

  /** How much text to hold from `from` to cover up to `to`. */
  private want(from: number, to: number): number {
    return Math.min(this.decoder.endText, Math.max(to, from + this.textChunk)) - from;
  }

  /**
   * Fetch the text of [offset, offset + length) ahead of read(), from the source's stream of
   * chunks (the browser reads the file meanwhile). Without a stream, read() reads synchronously.
   */
  async prepare(offset: number, length: number): Promise<void> {
    const open = this.source.chunksFrom;
    const end = Math.min(this.lazy.decodedLength, offset + length);
    if (!open || this.closed || end <= offset || offset < this.outStart) return;
    const { from, to } = this.span(offset, end);
    if (this.holds(from, to)) return;
    const want = this.want(from, to);
    this.refill(from, want);
    this.stream ??= this.pass?.stream(this.source) ?? new TextStream(this.source);
    while (this.textLen < want) {
      const n = await this.stream.readInto(this.textStart + this.textLen, this.text.subarray(this.textLen, want));
      if (n === 0) break;
      this.textLen += n;
    }
  }

  /**
   * The pass is over or has moved on: let go of the source's stream and of the buffers (a search
   * holds one reader per range). Later reads (a match's context) go through the LazyBytes.
   */
  close(): void {
    this.closed = true;
    this.dropStream();
    returnBuffer(this.text);
    returnBuffer(this.out);
    this.text = new Uint8Array(0);
    this.textLen = 0;
    this.out = new Uint8Array(0);
    this.outLen = 0;
  }

  private dropStream(): void {
    // A pass's stream goes on to the next payload; the reader's own ends here.
    if (!this.pass) this.stream?.end();
    this.stream = null;
  }

  read(offset: number, length: number): Uint8Array {
    offset = Math.max(0, offset);
    const end = Math.min(this.lazy.decodedLength, offset + Math.max(0, length));
    if (this.closed || end <= offset || offset < this.outStart) return this.lazy.read(offset, length);
    if (end > this.outStart + this.outLen) this.decodeWindow(offset, end);
    return this.out.subarray(offset - this.outStart, end - this.outStart);
  }

  /** Decode the pages holding [offset, end) into `out`. */
  private decodeWindow(offset: number, end: number): void {
    const pb = this.decoder.pageBytes;
    const { first, last, from, to } = this.span(offset, end);
    if (!this.holds(from, to)) {
      const want = this.want(from, to);
      this.refill(from, want);
      const at = this.textStart + this.textLen;
      const into = this.text.subarray(this.textLen, want);
      if (this.source.readInto) this.textLen += this.source.readInto(at, into);
      else {
        const got = this.source.readAt(at, want - this.textLen);
        into.set(got);
        this.textLen += got.length;
      }
    }
    const start = first * pb;
    const bytes = Math.min(this.lazy.decodedLength, (last + 1) * pb) - start;
    const need = Math.ceil(bytes / 4) * 4;
    if (this.out.length < need) {
      returnBuffer(this.out);
      this.out = borrowBuffer(Math.max(need, SEQUENTIAL_OUT)) ?? new Uint8Array(need);
    }
    this.out.fill(0, 0, need); // 'z' groups are skipped, not written
    this.outStart = start;
    this.outLen = bytes;
    decodeSpan(this.out.subarray(0, need), this.text, from - this.textStart, Math.min(this.textLen, to - this.textStart), need / 4);
  }
}

function copyPage(out: Uint8Array, offset: number, valid: number, page: Uint8Array, k: number, pageBytes: number): void {
  const ps = k * pageBytes;
  const from = Math.max(offset, ps);
  const to = Math.min(valid, ps + page.length);
  if (to > from) out.set(page.subarray(from - ps, to - ps), from - offset);
}

/**
 * Decode `dwords` dwords from text[i, end) into `out`, going on over the line breaks (and the
 * indent) of a split payload as the parser did.
 */
export function decodeSpan(out: Uint8Array, text: Uint8Array, i: number, end: number, dwords: number): void {
  const dec = new Ascii85Decoder(out);
  dec.reset(dwords);
  while (!dec.full && i < end) {
    i = dec.decode(text, i, end);
    if (dec.full || i >= end || text[i] !== LF) break;
    i++;
    while (i < end && (text[i] === 32 || text[i] === 9)) i++;
  }
}

/**
 * Policy: a dump whose text is at most this long has its payloads decoded whole into memory (as
 * fast as it gets for reads); past it, every payload is decoded on demand.
 */
export const DEFAULT_EAGER_BYTES = 256 << 20;

/**
 * The eager budget for a text of `size` bytes (null: not known, a stream): a text within the
 * threshold is decoded whole; a larger one all on demand; a stream decodes whole until its payloads
 * reach the threshold, and the rest on demand.
 */
export function eagerBudget(size: number | null, threshold: number): number {
  if (size === null) return threshold;
  return size <= threshold ? threshold : 0;
}
