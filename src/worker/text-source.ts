// Where on-demand decoding reads the dump's text back from, in the worker: the File itself
// (FileReaderSync, synchronous in a dedicated worker), or, for a compressed dump, a temporary file
// in the Origin Private File System that the decompressed text is written to while it is parsed
// (a synchronous access handle). Each temporary file is guarded by a Web Lock held for the worker's
// life; files whose lock is free (their worker ended) are deleted when the next one is made.
import type { TextSource } from '../format/paged.ts';

interface FileReaderSyncLike {
  readAsArrayBuffer(blob: Blob): ArrayBuffer;
}

interface SyncHandle {
  read(buffer: Uint8Array, options: { at: number }): number;
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}

const TEMP_FOLDER = 'devcoredump-text';
/** Bytes a stream of the temporary file reads at once. */
const SPOOL_CHUNK = 4 << 20;

/** Reads of a File or Blob at any offset, or null where synchronous reads do not exist (the page, Node). */
export function blobTextSource(blob: Blob): TextSource | null {
  const Ctor = (globalThis as unknown as { FileReaderSync?: new () => FileReaderSyncLike }).FileReaderSync;
  if (!Ctor) return null;
  const reader = new Ctor();
  return { readAt: (offset, length) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, offset + length))) };
}

/** A temporary file the text is appended to and read back from. */
export interface TextSpool extends TextSource {
  append(chunk: Uint8Array): void;
  /** Close and delete the file. */
  discard(): Promise<void>;
}

/** A temporary text file in the OPFS, or null where there is none (no OPFS, not a worker, Node). */
export async function createTextSpool(): Promise<TextSpool | null> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.getDirectory || typeof (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle === 'undefined') return null;
  if (!('createSyncAccessHandle' in FileSystemFileHandle.prototype)) return null;
  try {
    const root = await storage.getDirectory();
    const dir = await root.getDirectoryHandle(TEMP_FOLDER, { create: true });
    await sweep(dir);
    const name = `text-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const file = await dir.getFileHandle(name, { create: true });
    const handle = await (file as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }).createSyncAccessHandle();
    holdLock(name);
    let size = 0;
    return {
      append(chunk) {
        for (let done = 0; done < chunk.length;) done += handle.write(chunk.subarray(done), { at: size + done });
        size += chunk.length;
      },
      async *chunksFrom(offset) {
        // Synchronous reads into one reused buffer (valid until the next chunk is asked for).
        const buf = new Uint8Array(SPOOL_CHUNK);
        for (let at = offset; at < size;) {
          const n = handle.read(buf.subarray(0, Math.min(buf.length, size - at)), { at });
          if (n <= 0) return;
          at += n;
          yield buf.subarray(0, n);
        }
      },
      readAt(offset, length) {
        const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        for (let got = 0; got < out.length;) {
          const n = handle.read(out.subarray(got), { at: offset + got });
          if (n <= 0) return out.subarray(0, got);
          got += n;
        }
        return out;
      },
      async discard() {
        try {
          handle.close();
          await dir.removeEntry(name);
        } catch {
          // swept by a later open
        }
      },
    };
  } catch {
    return null;
  }
}

const lockName = (file: string) => `${TEMP_FOLDER}/${file}`;

/** Hold a lock named after the file until this worker ends. */
function holdLock(file: string): void {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  locks?.request(lockName(file), () => new Promise<void>(() => {})).catch(() => {});
}

/** Delete the temporary files no live worker holds. */
async function sweep(dir: FileSystemDirectoryHandle): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return;
  const held = new Set(((await locks.query()).held ?? []).map((l) => l.name));
  const names: string[] = [];
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
  for (const name of names) {
    if (held.has(lockName(name))) continue;
    await dir.removeEntry(name).catch(() => {});
  }
}
