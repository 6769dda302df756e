// Section entries, stored so that memory follows the text: one table per dump holds the key and
// value bytes of every kept line back to back (UTF-8) and three 32-bit numbers per line (where its
// text ends, its line number, its key length / indent / bare flag). An Entry object is made only
// when one is read (entryAt), so a million lines cost about 12 bytes each plus their text, not an
// object and two strings each. The table is plain data (typed arrays and numbers): it crosses the
// worker boundary as it is, and progress sends only the rows added since the last report.
import type { Entry, Section } from './model.ts';

export interface EntryTable {
  /** Entries in the table. */
  count: number;
  /** ROW numbers per entry: [end of its text in `text`, line, key bytes << 9 | bare << 8 | indent]. */
  rows: Uint32Array;
  /** Key then value of every entry, UTF-8, back to back (its capacity may exceed `textBytes`). */
  text: Uint8Array;
  /** Bytes of `text` in use. */
  textBytes: number;
}

const ROW = 3;
const MAX_INDENT = 255;
const MAX_KEY_BYTES = (1 << 23) - 1;
/**
 * Safety bounds (far beyond any real dump; a 10 GiB text of one-character lines would reach them):
 * past either, lines are still read but no longer listed (addEntry returns false).
 */
export const MAX_ENTRIES = 64_000_000;
export const MAX_ENTRY_TEXT = 1 << 30;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function emptyEntryTable(): EntryTable {
  return { count: 0, rows: new Uint32Array(0), text: new Uint8Array(0), textBytes: 0 };
}

function grow<T extends Uint8Array | Uint32Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  let cap = Math.max(64, a.length * 2);
  while (cap < need) cap *= 2;
  const b = make(cap);
  b.set(a);
  return b;
}

/** Put `s` at the end of the text; returns its byte length. */
function appendText(t: EntryTable, s: string): number {
  if (s.length === 0) return 0;
  // Worst case 3 bytes per UTF-16 unit; ASCII (nearly every line) takes the exact room.
  t.text = grow(t.text, t.textBytes + s.length * 3, (n) => new Uint8Array(n));
  const { written } = encoder.encodeInto(s, t.text.subarray(t.textBytes));
  t.textBytes += written;
  return written;
}

/** Where row `i`'s text starts (the end of the row before; the first number of each row is its end). */
function start(t: EntryTable, i: number, width = ROW): number {
  return i === 0 ? 0 : t.rows[(i - 1) * width];
}

/** Append an entry; false (nothing kept) past the safety bounds. */
export function addEntry(t: EntryTable, key: string, value: string, indent: number, line: number, bare = false): boolean {
  if (t.count >= MAX_ENTRIES || t.textBytes + (key.length + value.length) * 3 > MAX_ENTRY_TEXT) return false;
  const from = t.textBytes;
  let keyBytes = appendText(t, key);
  if (keyBytes > MAX_KEY_BYTES) {
    // Cannot come from a parsed line (the line cap is 1 MiB): cut at the bound, whole characters.
    t.textBytes = from;
    keyBytes = appendText(t, decoder.decode(t.text.subarray(from, from + MAX_KEY_BYTES)).replace(/\uFFFD$/, ''));
  }
  appendText(t, value);
  t.rows = grow(t.rows, (t.count + 1) * ROW, (n) => new Uint32Array(n));
  const r = t.count * ROW;
  t.rows[r] = t.textBytes;
  t.rows[r + 1] = line >>> 0;
  t.rows[r + 2] = (keyBytes << 9) | (bare ? 256 : 0) | Math.min(MAX_INDENT, Math.max(0, indent));
  t.count++;
  return true;
}

/** Replace the value of the last entry (an RFC range's entry grows as its lines come). */
export function setLastValue(t: EntryTable, value: string): void {
  const i = t.count - 1;
  if (i < 0) return;
  const r = i * ROW;
  t.textBytes = start(t, i) + (t.rows[r + 2] >>> 9);
  appendText(t, value);
  t.rows[r] = t.textBytes;
}

export function entryLine(t: EntryTable, i: number): number {
  return t.rows[i * ROW + 1];
}

export function entryKey(t: EntryTable, i: number): string {
  const s = start(t, i);
  return decoder.decode(t.text.subarray(s, s + (t.rows[i * ROW + 2] >>> 9)));
}

/** Entry `i` of the table, as an object. */
export function entryAt(t: EntryTable, i: number): Entry {
  const r = i * ROW;
  const s = start(t, i);
  const meta = t.rows[r + 2];
  const k = s + (meta >>> 9);
  const e: Entry = {
    key: decoder.decode(t.text.subarray(s, k)),
    value: decoder.decode(t.text.subarray(k, t.rows[r])),
    indent: meta & 255,
    line: t.rows[r + 1],
  };
  if (meta & 256) e.bare = true;
  return e;
}

/** The entries of one section (indices `section.first` … `first + count - 1` of the table). */
export class SectionEntries implements Iterable<Entry> {
  constructor(readonly table: EntryTable, readonly first: number, readonly length: number) {}

  at(i: number): Entry | undefined {
    return i >= 0 && i < this.length ? entryAt(this.table, this.first + i) : undefined;
  }

  *[Symbol.iterator](): Iterator<Entry> {
    for (let i = 0; i < this.length; i++) yield entryAt(this.table, this.first + i);
  }

  toArray(): Entry[] {
    return [...this];
  }
}

export function entriesOf(t: EntryTable, s: Pick<Section, 'first' | 'count'>): SectionEntries {
  return new SectionEntries(t, s.first, s.count);
}

/** Rows of a table from `from` on, with their text (what a progress report carries). */
export interface EntryRows {
  from: number;
  rows: Uint32Array;
  text: Uint8Array;
  /** Where `text` started in the table it came from. */
  textFrom: number;
}

/**
 * Rows `from` … end of `t`, to send: their rows and text (copies). `width`: numbers a row (the
 * section table's rows are wider: SECTION_ROW).
 */
export function rowsFrom(t: EntryTable, from: number, width = ROW): EntryRows {
  const f = Math.max(0, Math.min(from, t.count));
  const textFrom = start(t, f, width);
  return { from: f, rows: t.rows.slice(f * width, t.count * width), text: t.text.slice(textFrom, t.textBytes), textFrom };
}

/** Apply what rowsFrom() gave to another table (in place): rows from `from` on are replaced. */
export function applyRows(t: EntryTable, d: EntryRows, width = ROW): void {
  const from = Math.min(d.from, t.count);
  const textFrom = start(t, from, width);
  const added = d.rows.length / width;
  t.rows = grow(t.rows, (from + added) * width, (n) => new Uint32Array(n));
  t.text = grow(t.text, textFrom + d.text.length, (n) => new Uint8Array(n));
  t.text.set(d.text, textFrom);
  const shift = textFrom - d.textFrom;
  t.rows.set(d.rows, from * width);
  for (let j = 0; j < added; j++) t.rows[(from + j) * width] += shift;
  t.count = from + added;
  t.textBytes = textFrom + d.text.length;
}

// ---------------------------------------------------------------------------------------------
// The section list as a table: what the page holds (src/protocol/worker-api.ts DumpSummary). A
// million sections cross the worker boundary as typed arrays (a structured clone of a million
// objects held the page's main thread for seconds) and cost 16 bytes each plus their title.

/** SECTION_ROW numbers per section: [end of its title in `text`, line, first entry, entry count]. */
export type SectionTable = EntryTable;
export const SECTION_ROW = 4;

/** The table of `sections[from…]` (rows numbered from 0). */
export function sectionTable(sections: readonly Section[], from = 0): SectionTable {
  const t = emptyEntryTable();
  const n = Math.max(0, sections.length - from);
  t.rows = new Uint32Array(n * SECTION_ROW);
  for (let i = 0; i < n; i++) {
    const s = sections[from + i];
    appendText(t, s.title);
    const r = i * SECTION_ROW;
    t.rows[r] = t.textBytes;
    t.rows[r + 1] = s.line >>> 0;
    t.rows[r + 2] = s.first >>> 0;
    t.rows[r + 3] = s.count >>> 0;
  }
  t.count = n;
  return t;
}

/** `sections[from…]` as rows to send (what applyRows(table, rows, SECTION_ROW) takes). */
export function sectionRows(sections: readonly Section[], from: number): EntryRows {
  const t = sectionTable(sections, from);
  return { from, rows: t.rows, text: t.text.slice(0, t.textBytes), textFrom: 0 };
}

/** Section `i` of the table, as an object. */
export function sectionAt(t: SectionTable, i: number): Section {
  const r = i * SECTION_ROW;
  const s = start(t, i, SECTION_ROW);
  return { title: decoder.decode(t.text.subarray(s, t.rows[r])), line: t.rows[r + 1], first: t.rows[r + 2], count: t.rows[r + 3] };
}

/** Every section of the table, as objects (tests, small dumps). */
export function sectionList(t: SectionTable): Section[] {
  return Array.from({ length: t.count }, (_, i) => sectionAt(t, i));
}

/** Give back the slack of the doubling arrays (the table is complete). */
export function trimEntryTable(t: EntryTable, width = ROW): void {
  if (t.rows.length > t.count * width) t.rows = t.rows.slice(0, t.count * width);
  if (t.text.length > t.textBytes) t.text = t.text.slice(0, t.textBytes);
}

/** Builds sections and their entries in order (for models made by hand: snapshots, tests). */
export class SectionBuilder {
  readonly table = emptyEntryTable();
  readonly sections: Section[] = [];

  section(title: string, line = 0): this {
    this.sections.push({ title, line, first: this.table.count, count: 0 });
    return this;
  }

  entry(key: string, value: string, indent = 0, line = 0, bare = false): this {
    if (addEntry(this.table, key, value, indent, line, bare)) this.sections[this.sections.length - 1].count++;
    return this;
  }
}
