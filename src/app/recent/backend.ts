// Where recent dumps are kept: the bytes of each dump as it was given (a compressed file stays
// compressed) and a small record about it, both under the dump's content fingerprint. The page
// uses the Origin Private File System (opfs.ts); unit tests use memoryBackend().

export interface RecentDump {
  /** The dump's content fingerprint (DumpSummary.fingerprint): one entry per dump. */
  id: string;
  /** File name as opened. */
  name: string;
  /** Bytes kept (the file as given: compressed size for a compressed file). */
  size: number;
  compression: string | null;
  kernel: string | null;
  /** When it was last opened (ms since the epoch). */
  openedAt: number;
  /** When its bytes were stored. */
  keptAt: number;
}

export interface StorageFigures {
  /** Bytes this site uses (all its storage: kept dumps, the app's own offline copy, settings). */
  usage: number;
  /** Bytes the browser lets it use. */
  quota: number;
}

export interface RecentBackend {
  /** The records of the kept dumps, in no order. */
  list(): Promise<RecentDump[]>;
  /** Ids whose bytes are stored with no record (a forgotten dump still open, an interrupted save). */
  orphans(): Promise<string[]>;
  /** Store a dump's bytes, then its record. Rejects (and leaves no record) when it cannot. */
  save(entry: RecentDump, bytes: Blob): Promise<void>;
  /** Write (or rewrite) the record of a dump whose bytes are stored. */
  update(entry: RecentDump): Promise<void>;
  /** The stored bytes, or null when they are gone. */
  file(id: string): Promise<Blob | null>;
  /** Delete the record only (the bytes stay until removeBytes). */
  removeRecord(id: string): Promise<void>;
  removeBytes(id: string): Promise<void>;
  /** What navigator.storage.estimate() says, or null where it cannot tell. */
  estimate(): Promise<StorageFigures | null>;
}

/** A backend in memory (unit tests; `quota` limits what save() accepts). */
export function memoryBackend(quota = Number.MAX_SAFE_INTEGER) {
  const records = new Map<string, RecentDump>();
  const bytes = new Map<string, Blob>();
  const used = () => [...bytes.values()].reduce((n, b) => n + b.size, 0);
  const backend: RecentBackend & { records: typeof records; bytes: typeof bytes } = {
    records,
    bytes,
    async list() {
      return [...records.values()].map((r) => ({ ...r }));
    },
    async orphans() {
      return [...bytes.keys()].filter((id) => !records.has(id));
    },
    async save(entry, blob) {
      if (used() + blob.size > quota) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      bytes.set(entry.id, blob);
      records.set(entry.id, { ...entry });
    },
    async update(entry) {
      if (!bytes.has(entry.id)) throw new DOMException('no bytes stored', 'NotFoundError');
      records.set(entry.id, { ...entry });
    },
    async file(id) {
      return bytes.get(id) ?? null;
    },
    async removeRecord(id) {
      records.delete(id);
    },
    async removeBytes(id) {
      bytes.delete(id);
    },
    async estimate() {
      return { usage: used(), quota };
    },
  };
  return backend;
}
