// Reading a dump from a file or standard input into the streaming parser, in chunks: the file is
// never held whole, and its text never becomes a JS string. Gzip input is inflated on the way.
import { closeSync, openSync, read, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { DumpParser, NotADumpError, type DumpModel } from '../format/index.ts';
import { expandsTooMuch, MAX_DECOMPRESSED } from '../format/limits.ts';

export const CHUNK = 4 << 20;

export class InputError extends Error {}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function readAsync(fd: number, into: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, into, 0, into.length, null, (err, n) => (err ? reject(err) : resolve(n)));
  });
}

/** Feed an async stream of chunks to the parser, inflating it first when it is gzip. */
async function parseStream(source: AsyncIterable<Uint8Array>, parser: DumpParser, maxBytes: number): Promise<void> {
  const it = source[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) return;
  const first = head.value;
  async function* all(): AsyncGenerator<Uint8Array> {
    yield first;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  }
  const stream: AsyncIterable<Uint8Array> = isGzip(first)
    ? Readable.from(all()).pipe(createGunzip({ chunkSize: 1 << 20 }))
    : all();
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) throw new InputError(expandsTooMuch('gzip', maxBytes));
    parser.push(chunk);
  }
}

/** Parse the dump at `path` ('-' for standard input). Throws NotADumpError or InputError. */
export async function parseFile(path: string, maxBytes = MAX_DECOMPRESSED): Promise<DumpModel> {
  const parser = new DumpParser();
  if (path === '-') {
    await parseStream(process.stdin, parser, maxBytes);
    return parser.finish();
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError(`cannot open ${path}: ${(e as Error).message}`);
  }
  try {
    const buf = new Uint8Array(CHUNK);
    let n = readSync(fd, buf, 0, CHUNK, null);
    if (n > 0 && isGzip(buf.subarray(0, n))) {
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
      await parseStream(chunks(), parser, maxBytes);
      return parser.finish();
    }
    // Double buffering: the next read runs on libuv's thread pool (the other core) while this
    // thread parses the chunk before it. The parser copies what it keeps, so two buffers serve all.
    let cur = buf;
    let next = new Uint8Array(CHUNK);
    while (n > 0) {
      const reading = readAsync(fd, next);
      try {
        parser.push(cur.subarray(0, n));
      } catch (e) {
        await reading.catch(() => 0); // let the read finish before the descriptor is closed
        throw e;
      }
      n = await reading;
      [cur, next] = [next, cur];
    }
    return parser.finish();
  } catch (e) {
    if (e instanceof NotADumpError) throw e;
    if ((e as NodeJS.ErrnoException).code) throw new InputError(`cannot read ${path}: ${(e as Error).message}`);
    throw e;
  } finally {
    closeSync(fd);
  }
}
