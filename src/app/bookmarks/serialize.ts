// Bookmarks on the wire: what localStorage holds and what "Export bookmarks" writes, and the
// validation of both on the way back in. Pure: no stores, no DOM.
import { foldAddress } from '../../format/addr.ts';
import { hexAddress } from '../../format/text.ts';

export interface Bookmark {
  id: string;
  /** GPU address (folded). */
  address: bigint;
  name: string;
  note: string;
  /** When it was made (ms since the epoch). */
  created: number;
}

/** A bookmark as given by the user or an import: no id or date yet. */
export interface BookmarkInput {
  address: bigint;
  name: string;
  note: string;
}

/** The document "Export bookmarks" writes (and "Import bookmarks" reads). */
export interface BookmarksExport {
  fingerprint: string;
  fileName: string;
  bookmarks: { address: string; name: string; note: string }[];
}

export interface ImportResult {
  /** The fingerprint the file names, if it names one. */
  fingerprint: string | null;
  bookmarks: BookmarkInput[];
  /** Entries that were not bookmarks (ignored). */
  skipped: number;
}

export const STORAGE_PREFIX = 'devcoredump.bookmarks.';
export const MAX_NAME = 200;
export const MAX_NOTE = 4000;
/** More than this in one list is not a bookmark list (a guard against huge junk files). */
export const MAX_BOOKMARKS = 10_000;

export function storageKey(fingerprint: string): string {
  return STORAGE_PREFIX + fingerprint;
}


/** A "0x…" string (or a plain hex string) to a folded 64-bit address; null for anything else. */
export function parseAddressText(v: unknown): bigint | null {
  if (typeof v !== 'string') return null;
  const m = /^\s*(?:0x)?([0-9a-fA-F_]{1,23})\s*$/.exec(v);
  if (!m) return null;
  const digits = m[1].replace(/_/g, '');
  if (digits.length === 0 || digits.length > 16) return null;
  return foldAddress(BigInt('0x' + digits));
}

function cleanText(v: unknown, max: number): string | null {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') return null;
  return v.slice(0, max);
}

/** One entry of an export (or of storage) to a bookmark input; null when it is not one. */
export function parseEntry(v: unknown): BookmarkInput | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const address = parseAddressText(o.address);
  if (address === null) return null;
  const name = cleanText(o.name, MAX_NAME);
  const note = cleanText(o.note, MAX_NOTE);
  if (name === null || note === null) return null;
  return { address, name: name.trim() === '' ? hexAddress(address) : name, note };
}

// ---- localStorage form ----

interface StoredBookmark {
  id: string;
  address: string;
  name: string;
  note: string;
  created: number;
}

export function serializeStored(bookmarks: readonly Bookmark[]): string {
  const list: StoredBookmark[] = bookmarks.map((b) => ({
    id: b.id,
    address: hexAddress(b.address),
    name: b.name,
    note: b.note,
    created: b.created,
  }));
  return JSON.stringify({ version: 1, bookmarks: list });
}

/** What storage held, back to bookmarks; entries that are not bookmarks are dropped. Never throws. */
export function parseStored(text: string | null | undefined, makeId: () => string = defaultId): Bookmark[] {
  if (!text) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const list = Array.isArray(doc) ? doc : (doc as { bookmarks?: unknown } | null)?.bookmarks;
  if (!Array.isArray(list)) return [];
  const out: Bookmark[] = [];
  const seen = new Set<string>();
  for (const raw of list.slice(0, MAX_BOOKMARKS)) {
    const b = parseEntry(raw);
    if (!b) continue;
    const o = raw as Record<string, unknown>;
    let id = typeof o.id === 'string' && o.id !== '' ? o.id : makeId();
    if (seen.has(id)) id = makeId();
    seen.add(id);
    const created = typeof o.created === 'number' && Number.isFinite(o.created) ? o.created : 0;
    out.push({ id, ...b, created });
  }
  return out;
}

// ---- export / import ----

export function toExport(fingerprint: string, fileName: string, bookmarks: readonly Bookmark[]): BookmarksExport {
  return {
    fingerprint,
    fileName,
    bookmarks: bookmarks.map((b) => ({ address: hexAddress(b.address), name: b.name, note: b.note })),
  };
}

/**
 * Read an exported file. Accepts the export document (or a bare list of entries); entries that are
 * not bookmarks are skipped and counted. Throws an Error with a message for the user when the
 * text is not a bookmarks file at all.
 */
export function parseImport(text: string): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('not a JSON file');
  }
  let list: unknown;
  let fingerprint: string | null = null;
  if (Array.isArray(doc)) list = doc;
  else if (typeof doc === 'object' && doc !== null) {
    const o = doc as Record<string, unknown>;
    list = o.bookmarks;
    if (typeof o.fingerprint === 'string' && /^[0-9a-fA-F]{1,128}$/.test(o.fingerprint)) fingerprint = o.fingerprint.toLowerCase();
  }
  if (!Array.isArray(list)) throw new Error('no bookmarks list in the file');
  if (list.length > MAX_BOOKMARKS) throw new Error(`too many bookmarks (more than ${MAX_BOOKMARKS})`);
  const bookmarks: BookmarkInput[] = [];
  let skipped = 0;
  for (const raw of list) {
    const b = parseEntry(raw);
    if (b) bookmarks.push(b);
    else skipped++;
  }
  return { fingerprint, bookmarks, skipped };
}

let seq = 0;
export function defaultId(): string {
  seq++;
  return `bm-${Date.now().toString(36)}-${seq.toString(36)}-${Math.floor(Math.random() * 0x10000).toString(36)}`;
}

/**
 * The address "Add bookmark" takes: the hex cursor when it is in the range shown, else the view's
 * address; null when the view shows no range (a blob has offsets, not GPU addresses).
 */
export function pickAddress(
  ranges: readonly { address: bigint; length: number; index: number }[],
  target: { kind: 'range' | 'blob'; index: number } | null,
  viewAddress: bigint | null,
  cursor: bigint | null,
): bigint | null {
  if (!target || target.kind !== 'range') return null;
  const r = ranges.find((x) => x.index === target.index) ?? ranges[target.index];
  if (!r) return null;
  const start = foldAddress(r.address);
  const end = start + BigInt(r.length);
  const inRange = (a: bigint | null): a is bigint => a !== null && foldAddress(a) >= start && foldAddress(a) < end;
  if (inRange(cursor)) return foldAddress(cursor);
  if (inRange(viewAddress)) return foldAddress(viewAddress);
  return start;
}

/** The file name an export gets. */
export function exportFileName(fileName: string): string {
  // Control characters are among those a file name must not hold.
  // eslint-disable-next-line no-control-regex
  const base = fileName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'dump';
  return `bookmarks-${base}.json`;
}
