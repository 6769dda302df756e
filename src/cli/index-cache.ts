// The persisted index of the CLI: after a parse that decoded payloads on demand, the checkpoints of
// each payload (paged.ts) are written to a sidecar file in $XDG_CACHE_HOME/devcoredump/ (or
// ~/.cache/devcoredump/), so that the next run on the same file skips the payloads' text and reads
// only what it needs (extract of 1 MiB at the end of a 4 GiB range reads a few hundred KiB).
// The cache is keyed by the file's real path, size, mtime, inode and a hash of its first and last
// 64 KiB; any change to the file makes it stale (rewritten by the next run). A cache file that
// cannot be read back exactly (bad magic, checksum, record) is ignored with a note: never a crash.
//
// Layout: "DCDIDX1\n", u32 LE length of a JSON header, the header ({ key, records }), zero padding to
// a multiple of 8, every record's checkpoints as float64 LE, then the sha256 of all that.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PAGE_BYTES } from '../format/paged.ts';
import type { PayloadIndex, PayloadRecord } from '../format/xe.ts';

/** Bump when the parser's records change meaning. */
const VERSION = 1;
const MAGIC = 'DCDIDX1\n';
const EDGE = 64 << 10;
/** Cache files kept (the least recently written go first). */
const MAX_FILES = 32;

export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME && process.env.XDG_CACHE_HOME.startsWith('/') ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'devcoredump');
}

interface CacheKey {
  v: number;
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
  edges: string;
  page: number;
}

function readAt(fd: number, offset: number, length: number): Uint8Array {
  const b = new Uint8Array(Math.max(0, length));
  let got = 0;
  while (got < b.length) {
    const n = readSync(fd, b, got, b.length - got, offset + got);
    if (n <= 0) break;
    got += n;
  }
  return b.subarray(0, got);
}

function keyOf(path: string, fd: number): CacheKey {
  const st = statSync(path);
  const h = createHash('sha256');
  h.update(readAt(fd, 0, Math.min(EDGE, st.size)));
  h.update(readAt(fd, Math.max(0, st.size - EDGE), Math.min(EDGE, st.size)));
  return { v: VERSION, path: realpathSync(path), size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, edges: h.digest('hex'), page: PAGE_BYTES };
}

const int = (x: unknown, min = 0): x is number => Number.isSafeInteger(x) && (x as number) >= min;

/** Serialize records (exported for tests). */
export function encodeIndex(key: object, records: PayloadRecord[]): Uint8Array {
  const head = {
    key,
    records: records.map((r) => ({ ...r, state: { ...r.state, checkpoints: r.state.checkpoints.length } })),
  };
  const json = new TextEncoder().encode(JSON.stringify(head));
  const cpAt = Math.ceil((12 + json.length) / 8) * 8;
  const cps = records.reduce((s, r) => s + r.state.checkpoints.length, 0);
  const out = new Uint8Array(cpAt + cps * 8 + 32);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  const f = new Float64Array(out.buffer, cpAt, cps);
  let k = 0;
  for (const r of records) for (let j = 0; j < r.state.checkpoints.length; j++) f[k++] = r.state.checkpoints[j];
  out.set(createHash('sha256').update(out.subarray(0, out.length - 32)).digest(), out.length - 32);
  return out;
}

/** Read records back; throws an Error saying what is wrong with the bytes. */
export function decodeIndex(bytes: Uint8Array): { key: unknown; records: PayloadRecord[] } {
  if (bytes.length < 12 + 32 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error('not an index cache file');
  const sum = createHash('sha256').update(bytes.subarray(0, bytes.length - 32)).digest();
  if (!sum.equals(bytes.subarray(bytes.length - 32))) throw new Error('checksum mismatch (damaged or cut short)');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const jsonLen = dv.getUint32(8, true);
  if (12 + jsonLen > bytes.length - 32) throw new Error('header longer than the file');
  const head = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLen))) as { key: unknown; records: unknown };
  if (!Array.isArray(head.records)) throw new Error('no records');
  let at = Math.ceil((12 + jsonLen) / 8) * 8;
  const records: PayloadRecord[] = [];
  for (const raw of head.records as PayloadRecord[]) {
    const s = raw.state as unknown as Record<string, unknown>;
    const n = s?.checkpoints;
    if (!int(n) || at + (n as number) * 8 > bytes.length - 32) throw new Error('checkpoints past the end');
    const cps = new Float64Array((n as number));
    for (let j = 0; j < cps.length; j++) cps[j] = dv.getFloat64(at + j * 8, true);
    at += (n as number) * 8;
    records.push({ ...raw, state: { ...(raw.state as object), checkpoints: Array.from(cps) } as unknown as PayloadRecord['state'] });
  }
  if (at !== bytes.length - 32) throw new Error('trailing bytes');
  return { key: head.key, records };
}

/** A record that could describe a payload of a file of `size` bytes; the reason when it cannot. */
function badRecord(r: PayloadRecord, size: number): string | null {
  const s = r.state;
  if (!int(r.start, 6) || !int(r.resume) || r.start >= r.resume || r.resume > size) return 'payload offsets out of the file';
  if (!int(r.lineAfter, 1) || !Array.isArray(r.lineStarts) || !r.lineStarts.every((o) => int(o) && o > r.start && o <= r.resume)) return 'bad line numbers';
  if (r.how !== 'complete' && r.how !== 'long') return 'bad end';
  if (!s || !int(s.dwords) || !int(s.pending) || !int(s.overflowGroups) || !int(s.invalidChars) || !int(s.misplacedZ)) return 'bad counters';
  if (!int(s.firstOverflowDword, -1) || !int(s.firstInvalidChar, -1) || !int(s.endText) || s.endText < r.start || s.endText > r.resume) return 'bad counters';
  const cps = s.checkpoints;
  if (cps.length !== Math.max(1, Math.ceil(s.dwords / (PAGE_BYTES / 4)))) return 'checkpoint count does not match the bytes';
  for (let k = 0; k < cps.length; k++) if (!int(cps[k]) || cps[k] < r.start || cps[k] > s.endText || (k > 0 && cps[k] < cps[k - 1])) return 'checkpoints out of order';
  return null;
}

export interface IndexCache {
  index: PayloadIndex;
  /** Write the records of this run if they add to what was read (never throws). */
  save(): void;
}

/**
 * The persisted index of `path` (open as `fd`): the records of an earlier run when they are still
 * good for this file, else none. `note` gets one line when a cache file is there but unusable.
 */
export function openIndexCache(path: string, fd: number, note: (s: string) => void): IndexCache {
  const index: PayloadIndex = { known: new Map(), recorded: [], hits: 0 };
  let key: CacheKey;
  try {
    key = keyOf(path, fd);
  } catch {
    return { index, save: () => {} };
  }
  const dir = cacheDir();
  const file = join(dir, `${createHash('sha256').update(key.path).digest('hex').slice(0, 40)}.idx`);
  let bytes: Uint8Array | null = null;
  try {
    bytes = readFileSync(file);
  } catch {
    // no cache yet
  }
  if (bytes) {
    try {
      const { key: k, records } = decodeIndex(bytes);
      // A stale cache (the file changed) is simply rewritten; only a damaged one is worth a note.
      if (JSON.stringify(k) === JSON.stringify(key)) {
        for (const r of records) {
          const bad = badRecord(r, key.size) ?? (new TextDecoder().decode(readAt(fd, r.start - 6, 6)) !== '.data:' || readAt(fd, r.resume - 1, 1)[0] !== 10 ? 'a payload is not where the cache says' : null);
          if (bad) throw new Error(bad);
          index.known.set(r.start, r);
        }
      }
    } catch (e) {
      index.known.clear();
      note(`ignoring the index cache ${file}: ${(e as Error).message}; the file is scanned again`);
    }
  }
  return {
    index,
    save() {
      if (index.recorded.length === 0 || (index.hits === index.recorded.length && index.hits === index.known.size)) return;
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, encodeIndex(key, index.recorded));
        renameSync(tmp, file);
        prune(dir);
      } catch {
        // a cache that cannot be written only costs the next run a scan
      }
    },
  };
}

/** Keep the MAX_FILES most recently written cache files. */
function prune(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.idx')).map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }));
  if (files.length <= MAX_FILES) return;
  files.sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(MAX_FILES)) rmSync(join(dir, f), { force: true });
}
