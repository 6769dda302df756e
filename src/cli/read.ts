// Reading a dump from a file or standard input into the streaming parser, in chunks: the file is
// never held whole, and its text never becomes a JS string. Gzip input is inflated on the way.
// Payloads past the eager budget are decoded on demand (src/format/paged.ts) from the file, or from
// a temporary file the text of standard input or of a gzip file is written to while it is parsed.
import { closeSync, fstatSync, mkdtempSync, openSync, read, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DumpParser, NotADumpError, type DumpModel } from '../format/index.ts';
import { DecodedPageCache, DEFAULT_EAGER_BYTES, eagerBudget, type TextSource } from '../format/paged.ts';
import { wasmBuffer } from '../format/ascii85.ts';
import type { Hasher } from '../format/xe.ts';
import { expandsTooMuch, MAX_DECOMPRESSED } from '../format/limits.ts';
import { openIndexCache } from './index-cache.ts';

export const CHUNK = 4 << 20;

export class InputError extends Error {}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function readAsync(fd: number, into: Uint8Array, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, into, 0, into.length, position, (err, n) => (err ? reject(err) : resolve(n)));
  });
}

/** Feed an async stream of chunks to the parser, inflating it first when it is gzip. */
async function parseStream(source: AsyncIterable<Uint8Array>, push: (chunk: Uint8Array) => void, maxBytes: number): Promise<void> {
  const it = source[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) return;
  const first = head.value;
  async function* all(): AsyncGenerator<Uint8Array> {
    yield first;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  }
  // node:zlib and node:stream are loaded only for gzip input (a plain file starts faster without them).
  const gunzip = async () => {
    const [{ createGunzip }, { Readable }] = await Promise.all([import('node:zlib'), import('node:stream')]);
    return Readable.from(all()).pipe(createGunzip({ chunkSize: 1 << 20 }));
  };
  const stream: AsyncIterable<Uint8Array> = isGzip(first) ? await gunzip() : all();
  // A gzip bomb stops here, before its text fills the spool: one cap for the CLI and the viewer.
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) throw new InputError(expandsTooMuch('gzip', maxBytes));
    push(chunk);
  }
}

/** Synchronous reads of a file at any offset. */
export function fdTextSource(fd: number): TextSource {
  const readInto = (offset: number, out: Uint8Array): number => {
    let got = 0;
    while (got < out.length) {
      const n = readSync(fd, out, got, out.length - got, offset + got);
      if (n <= 0) break;
      got += n;
    }
    return got;
  };
  return {
    readAt(offset, length) {
      const out = new Uint8Array(length);
      const got = readInto(offset, out);
      return got === length ? out : out.subarray(0, got);
    },
    readInto,
  };
}

/**
 * Read buffers of CHUNK bytes, in the decoder's WebAssembly memory while there is room (the text is
 * decoded where it was read, never copied into the module), given back after each parse.
 */
const freeChunks: Uint8Array[] = [];

function takeChunk(): Uint8Array {
  return freeChunks.pop() ?? wasmBuffer(CHUNK) ?? new Uint8Array(CHUNK);
}

/** The text as the parser got it, written to a temporary file that on-demand reads come from. */
class Spool {
  readonly dir = mkdtempSync(join(tmpdir(), 'devcoredump-'));
  readonly fd = openSync(join(this.dir, 'text'), 'w+');
  private at = 0;

  write(chunk: Uint8Array): void {
    for (let done = 0; done < chunk.length;) done += writeSync(this.fd, chunk, done, chunk.length - done, this.at + done);
    this.at += chunk.length;
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ReadOptions {
  /** Payloads are decoded into memory while their total stays within this many bytes (default DEFAULT_EAGER_BYTES). */
  eagerBytes?: number;
  /** Payloads up to this many bytes are held in memory whatever the budget (xe.ts SMALL_PAYLOAD). */
  smallBytes?: number;
  /** Budget of the decoded-page cache. */
  cacheBytes?: number;
  /** Hash every payload while it is decoded. */
  hash?: () => Hasher;
  /** Most bytes a compressed input may expand to (MAX_DECOMPRESSED). */
  maxBytes?: number;
  /**
   * Use and keep the persisted index of a plain file (index-cache.ts): payloads decoded on demand
   * are not scanned again while the file is unchanged. Ignored with `hash`.
   */
  indexCache?: boolean;
  /** One-line notes for the user (an unusable index cache). */
  note?: (s: string) => void;
}

export interface OpenedDump {
  model: DumpModel;
  /** Let go of the file (and delete the temporary one): on-demand reads stop working. */
  close(): void;
  /** With the index cache: payloads decoded on demand, and how many of them came from the cache. */
  index?: { payloads: number; cached: number };
}

/** Parse the dump at `path` ('-' for standard input). Throws NotADumpError or InputError. */
export async function parseFile(path: string, options: ReadOptions = {}): Promise<OpenedDump> {
  const cache = new DecodedPageCache(options.cacheBytes);
  const eagerBytes = options.eagerBytes ?? DEFAULT_EAGER_BYTES;
  const spooled = (): { parser: DumpParser; spool: Spool; push: (c: Uint8Array) => void } => {
    const spool = new Spool();
    const parser = new DumpParser({ hash: options.hash, onDemand: { text: fdTextSource(spool.fd), cache, eagerBytes, smallBytes: options.smallBytes } });
    return { parser, spool, push: (c) => { spool.write(c); parser.push(c); } };
  };
  if (path === '-') {
    const { parser, spool, push } = spooled();
    try {
      await parseStream(process.stdin, push, options.maxBytes ?? MAX_DECOMPRESSED);
      return { model: parser.finish(), close: () => spool.close() };
    } catch (e) {
      spool.close();
      throw e;
    }
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError(`cannot open ${path}: ${(e as Error).message}`);
  }
  let keepOpen = false;
  const chunks: Uint8Array[] = [];
  try {
    const buf = takeChunk();
    chunks.push(buf);
    let n = readSync(fd, buf, 0, CHUNK, null);
    if (n > 0 && isGzip(buf.subarray(0, n))) {
      const { parser, spool, push } = spooled();
      const first = buf.slice(0, n);
      async function* chunks(): AsyncGenerator<Uint8Array> {
        yield first;
        for (;;) {
          const b = new Uint8Array(CHUNK);
          const k = readSync(fd, b, 0, CHUNK, null);
          if (k <= 0) return;
          yield b.subarray(0, k);
        }
      }
      try {
        await parseStream(chunks(), push, options.maxBytes ?? MAX_DECOMPRESSED);
        return { model: parser.finish(), close: () => spool.close() };
      } catch (e) {
        spool.close();
        throw e;
      }
    }
    const size = fstatSync(fd).size;
    const onDemand = { text: fdTextSource(fd), cache, eagerBytes: eagerBudget(size, eagerBytes), smallBytes: options.smallBytes };
    const cached = options.indexCache && !options.hash && onDemand.eagerBytes < size ? openIndexCache(path, fd, options.note ?? (() => {})) : null;
    const parser = new DumpParser({ hash: options.hash, onDemand, index: cached?.index });
    // Double buffering: the next read runs on libuv's thread pool (the other core) while this
    // thread parses the chunk before it. The parser copies what it keeps, so two buffers serve all.
    // After a payload known from the index the parser wants a later offset: the read goes there.
    let cur = buf;
    let next = takeChunk();
    chunks.push(next);
    let at = 0;
    while (n > 0) {
      const after = at + n;
      const reading = readAsync(fd, next, after);
      try {
        parser.push(cur.subarray(0, n), at);
      } catch (e) {
        await reading.catch(() => 0); // let the read finish before the descriptor is closed
        throw e;
      }
      n = await reading;
      at = after;
      if (parser.resumeOffset > at) {
        at = parser.resumeOffset;
        n = at < size ? await readAsync(fd, next, at) : 0;
      }
      [cur, next] = [next, cur];
    }
    const model = parser.finish();
    cached?.save();
    keepOpen = true;
    return { model, close: () => closeSync(fd), ...(cached ? { index: { payloads: cached.index.recorded.length, cached: cached.index.hits } } : {}) };
  } catch (e) {
    if (e instanceof NotADumpError) throw e;
    if ((e as NodeJS.ErrnoException).code) throw new InputError(`cannot read ${path}: ${(e as Error).message}`);
    throw e;
  } finally {
    if (!keepOpen) closeSync(fd);
    freeChunks.push(...chunks);
  }
}
