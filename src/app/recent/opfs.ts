// Recent dumps in the Origin Private File System: a folder `recent-dumps/` with, per dump,
// `<fingerprint>.dump` (the file's bytes as given) and `<fingerprint>.json` (its record). The bytes
// are streamed from the File into a writable (no copy of the whole file in memory); Chromium writes
// to a swap file and only puts it in place when the stream closes, so an interrupted save leaves no
// half-written dump under that name.
import type { RecentBackend, RecentDump, StorageFigures } from './backend.ts';
import { parseRecord } from './records.ts';

const FOLDER = 'recent-dumps';

/** The OPFS backend, or null where the browser has no OPFS with writable streams. */
export function opfsBackend(): RecentBackend | null {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
  if (typeof FileSystemFileHandle === 'undefined' || !('createWritable' in FileSystemFileHandle.prototype)) return null;

  const folder = async () => (await navigator.storage.getDirectory()).getDirectoryHandle(FOLDER, { create: true });
  const names = async (dir: FileSystemDirectoryHandle): Promise<string[]> => {
    const out: string[] = [];
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) out.push(name);
    return out;
  };
  const removeFile = async (name: string) => {
    try {
      await (await folder()).removeEntry(name);
    } catch (e) {
      if ((e as DOMException)?.name !== 'NotFoundError') throw e;
    }
  };
  const writeRecord = async (entry: RecentDump) => {
    const handle = await (await folder()).getFileHandle(`${entry.id}.json`, { create: true });
    const w = await handle.createWritable();
    await w.write(JSON.stringify(entry));
    await w.close();
  };

  return {
    async list() {
      const dir = await folder();
      const out: RecentDump[] = [];
      for (const name of await names(dir)) {
        if (!name.endsWith('.json')) continue;
        try {
          const text = await (await (await dir.getFileHandle(name)).getFile()).text();
          const r = parseRecord(text);
          if (r && `${r.id}.json` === name) out.push(r);
        } catch {
          // unreadable record: left out
        }
      }
      return out;
    },

    async orphans() {
      const all = await names(await folder());
      const records = new Set(all.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)));
      return all.filter((n) => n.endsWith('.dump')).map((n) => n.slice(0, -5)).filter((id) => !records.has(id));
    },

    async save(entry, bytes) {
      const handle = await (await folder()).getFileHandle(`${entry.id}.dump`, { create: true });
      try {
        const w = await handle.createWritable();
        await bytes.stream().pipeTo(w); // closes the writable when done, aborts it on an error
        await writeRecord(entry);
      } catch (e) {
        await removeFile(`${entry.id}.json`).catch(() => {});
        await removeFile(`${entry.id}.dump`).catch(() => {});
        throw e;
      }
    },

    update: writeRecord,

    async file(id) {
      try {
        return await (await (await folder()).getFileHandle(`${id}.dump`)).getFile();
      } catch {
        return null;
      }
    },

    removeRecord: (id) => removeFile(`${id}.json`),
    removeBytes: (id) => removeFile(`${id}.dump`),

    async estimate(): Promise<StorageFigures | null> {
      try {
        const e = await navigator.storage.estimate();
        return typeof e.usage === 'number' && typeof e.quota === 'number' ? { usage: e.usage, quota: e.quota } : null;
      } catch {
        return null;
      }
    },
  };
}
