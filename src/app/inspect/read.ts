// Reading a span of a space through the ByteSource in chunks (≤ READ_CHUNK a read): into one
// array (for a copy, capped by the caller) or into a Blob (for a download of up to a whole range).
import type { ByteSource } from '../byte-source.ts';
import type { Space } from '../../protocol/worker-api.ts';
import { READ_CHUNK } from './copy.ts';

export interface ReadOptions {
  chunk?: number;
  signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Read [start, end) chunk by chunk and hand each chunk to `sink`, in order. Bytes the dump does
 * not decode (a truncated range) come as the zeros the source gives. Stops early, returning the
 * count read, when the source has no more (the span ran past its range).
 */
export async function readChunks(
  source: ByteSource,
  space: Space,
  start: bigint,
  end: bigint,
  sink: (bytes: Uint8Array) => void,
  { chunk = READ_CHUNK, signal, onProgress }: ReadOptions = {},
): Promise<number> {
  const total = end > start ? Number(end - start) : 0;
  let done = 0;
  while (done < total) {
    signal?.throwIfAborted();
    const want = Math.min(chunk, total - done);
    const address = start + BigInt(done);
    const r = await source.read(space, address, want);
    if (r.address !== address || r.bytes.length === 0) break;
    const bytes = r.bytes.length > want ? r.bytes.subarray(0, want) : r.bytes;
    sink(bytes);
    done += bytes.length;
    onProgress?.(done, total);
    if (bytes.length < want) break;
  }
  return done;
}

/** [start, end) as one array (the caller caps the length). */
export async function readAll(source: ByteSource, space: Space, start: bigint, end: bigint, opts?: ReadOptions): Promise<Uint8Array> {
  const total = end > start ? Number(end - start) : 0;
  const out = new Uint8Array(total);
  let at = 0;
  const n = await readChunks(source, space, start, end, (b) => {
    out.set(b, at);
    at += b.length;
  }, opts);
  return n === total ? out : out.subarray(0, n);
}

/** How many chunk bytes are gathered before they are folded into the Blob (and let go). */
const BLOB_BATCH = 64 * 1024 * 1024;

/**
 * [start, end) as a Blob. Chunks are folded into the Blob every BLOB_BATCH bytes, so JS holds at
 * most that much besides the Blob (which the browser may keep on disk) whatever the span's size.
 */
export async function readBlob(source: ByteSource, space: Space, start: bigint, end: bigint, opts?: ReadOptions): Promise<Blob> {
  let blob = new Blob([]);
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let pendingBytes = 0;
  const flush = () => {
    blob = new Blob([blob, ...pending], { type: 'application/octet-stream' });
    pending = [];
    pendingBytes = 0;
  };
  await readChunks(
    source,
    space,
    start,
    end,
    (b) => {
      // A view of a bigger buffer would keep all of it: keep just the bytes.
      const own = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? (b as Uint8Array<ArrayBuffer>) : new Uint8Array(b);
      pending.push(own);
      pendingBytes += own.length;
      if (pendingBytes >= BLOB_BATCH) flush();
    },
    opts,
  );
  flush();
  return blob;
}
