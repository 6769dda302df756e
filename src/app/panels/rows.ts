// Pure helpers of the side panels: formatting, derived rows, sorting and filtering.
// No React, no DOM: unit-tested in rows.test.ts.
import { findRangeAt, foldAddress, parseAddress } from '../../format/addr.ts';
import type { BlobInfo, DumpSummary, RangeInfo } from '../../protocol/worker-api.ts';
import type { DumpHeader, Engine, Register, VmaProperties } from '../../format/model.ts';
import { REGISTER_ALIASES, findRegister } from '../../format/model.ts';
import { snapshotDate } from '../../format/units.ts';
import { hexRegister } from '../../format/report.ts';
import { MASK64 } from '../../format/addr.ts';
import { hexAddress, humanBytes } from '../../format/text.ts';

export { snapshotDate, hexRegister };


// ---------------------------------------------------------------------------------------------
// Numbers and addresses


/** Linux errno names (the values the xe driver and its helpers return). */
const ERRNO: Record<number, string> = {
  1: 'EPERM', 2: 'ENOENT', 3: 'ESRCH', 4: 'EINTR', 5: 'EIO', 6: 'ENXIO', 7: 'E2BIG', 9: 'EBADF',
  11: 'EAGAIN', 12: 'ENOMEM', 13: 'EACCES', 14: 'EFAULT', 16: 'EBUSY', 17: 'EEXIST', 19: 'ENODEV',
  22: 'EINVAL', 27: 'EFBIG', 28: 'ENOSPC', 34: 'ERANGE', 61: 'ENODATA', 62: 'ETIME', 71: 'EPROTO',
  75: 'EOVERFLOW', 95: 'EOPNOTSUPP', 110: 'ETIMEDOUT', 125: 'ECANCELED',
};

/** -14 → "EFAULT" (also accepts 14 or "-14"); null when unknown. */
export function errnoName(code: number | string): string | null {
  const n = typeof code === 'number' ? code : /^\s*-?\d+\s*$/.test(code) ? Number(code) : NaN;
  if (!Number.isInteger(n)) return null;
  return ERRNO[Math.abs(n)] ?? null;
}

/** "-14" → "error -14 (EFAULT)"; other text is kept as printed: "error <text>". */
export function formatError(error: string): string {
  const name = errnoName(error);
  return name ? `error ${error.trim()} (${name})` : `error ${error.trim()}`;
}

// ---------------------------------------------------------------------------------------------
// Range properties and status

const MEM_REGIONS = ['sys', 'vram0', 'vram1', 'vram2'];

/** uAPI memory-region bitmask: 1 → "sys", 2 → "vram0", 6 → "vram0+vram1", 0 → "none". */
export function memRegionName(mask: number): string {
  if (mask === 0) return 'none';
  const out: string[] = [];
  for (let bit = 0; bit < 31; bit++) {
    if (mask & (1 << bit)) out.push(MEM_REGIONS[bit] ?? `region${bit}`);
  }
  return out.join('+');
}

const CACHING: Record<number, string> = { 1: 'WB', 2: 'WC' };
const PERMISSION: Record<string, string> = { read_only: 'ro', read_write: 'rw' };

/** Compact properties: "ro bo vram0 pat 8 WC" (cpu_caching 0 = not a bo / unknown, omitted). */
export function formatProperties(p: VmaProperties | null): string {
  if (!p) return '';
  const out: string[] = [];
  if (p.permission) out.push(PERMISSION[p.permission] ?? p.permission);
  if (p.type) out.push(p.type);
  if (p.memRegion !== null) out.push(memRegionName(p.memRegion));
  if (p.patIndex !== null) out.push(`pat ${p.patIndex}`);
  if (p.cpuCaching !== null && p.cpuCaching !== 0) out.push(CACHING[p.cpuCaching] ?? `caching ${p.cpuCaching}`);
  for (const [k, v] of Object.entries(p.other)) out.push(v === '' ? k : `${k}=${v}`);
  return out.join(' ');
}

export type StatusKind = 'ok' | 'error' | 'sparse' | 'truncated' | 'nodata';

export interface RangeStatus {
  kind: StatusKind;
  text: string;
}

type StatusInput = Pick<RangeInfo, 'error' | 'properties' | 'hasData' | 'complete' | 'decodedLength' | 'length'>;

/** What became of a range's bytes: "error -14 (EFAULT)", "null_sparse", "truncated 12 KiB of 64 KiB", … */
export function rangeStatus(r: StatusInput): RangeStatus {
  if (r.error !== null) return { kind: 'error', text: formatError(r.error) };
  if (r.properties?.type === 'null_sparse') return { kind: 'sparse', text: 'null_sparse' };
  if (!r.hasData) return { kind: 'nodata', text: 'no data' };
  if (!r.complete) return { kind: 'truncated', text: `truncated ${humanBytes(r.decodedLength)} of ${humanBytes(r.length)}` };
  return { kind: 'ok', text: 'data' };
}

// ---------------------------------------------------------------------------------------------
// Engines and jump targets

const BBADDR_NAMES: readonly string[] = REGISTER_ALIASES.bbaddr;
const JUMP_NAMES = new Set<string>([
  ...REGISTER_ALIASES.acthd, ...REGISTER_ALIASES.bbaddr, ...REGISTER_ALIASES.ringStart,
  ...REGISTER_ALIASES.dmaFadd, 'DMA_FADD',
]);

/** Registers whose value is a GPU address worth jumping to. */
export function isJumpRegister(name: string): boolean {
  return JUMP_NAMES.has(name);
}

/** The address a register points at: BBADDR carries flag bits in its low 3 bits (masked off). */
export function jumpAddress(r: Pick<Register, 'name' | 'value'>): bigint {
  return BBADDR_NAMES.includes(r.name) ? r.value & ~7n : r.value;
}

export interface HungEngine {
  name: string;
  acthd: string | null;
  acthdValue: bigint | null;
  bbaddr: string | null;
  bbaddrValue: bigint | null;
}

/** Engines printed by the dump (those of the hung queue), with their ACTHD and batch address. */
export function hungEngines(engines: readonly Engine[]): HungEngine[] {
  return engines.map((e) => {
    const a = findRegister(e, ...REGISTER_ALIASES.acthd);
    const b = findRegister(e, ...REGISTER_ALIASES.bbaddr);
    return {
      name: e.name,
      acthd: a ? hexRegister(a) : null,
      acthdValue: a ? jumpAddress(a) : null,
      bbaddr: b ? hexRegister(b) : null,
      bbaddrValue: b ? jumpAddress(b) : null,
    };
  });
}

/** Range indices holding a batch address (Job batch_addr or an engine's BBADDR) or an ACTHD. */
export function markedRanges(summary: Pick<DumpSummary, 'ranges' | 'engines' | 'batchAddresses'>): {
  batch: Set<number>;
  acthd: Set<number>;
} {
  const batch = new Set<number>();
  const acthd = new Set<number>();
  const mark = (set: Set<number>, a: bigint) => {
    const r = findRangeAt(summary.ranges, a);
    if (r) set.add(r.index);
  };
  for (const b of summary.batchAddresses) mark(batch, b);
  for (const e of summary.engines) {
    const b = findRegister(e, ...REGISTER_ALIASES.bbaddr);
    if (b) mark(batch, jumpAddress(b));
    const a = findRegister(e, ...REGISTER_ALIASES.acthd);
    if (a) mark(acthd, a.value);
  }
  return { batch, acthd };
}

// ---------------------------------------------------------------------------------------------
// Range rows: derive, sort, filter

export interface RangeRow {
  index: number;
  /** Address as printed, "0x…" lowercase, no padding. */
  address: string;
  start: bigint;
  /** Last byte (inclusive), same form as `start`. */
  end: bigint;
  /** Folded (plain VA) start, for containment searches. */
  folded: bigint;
  size: number;
  sizeText: string;
  props: string;
  propsRaw: string;
  status: RangeStatus;
  badges: ('batch' | 'ACTHD')[];
  /** Lowercase text the filter searches. */
  haystack: string;
}

export function rangeRows(summary: Pick<DumpSummary, 'ranges' | 'engines' | 'batchAddresses'>): RangeRow[] {
  const { batch, acthd } = markedRanges(summary);
  return summary.ranges.map((r) => {
    const start = r.address & MASK64;
    const end = (start + BigInt(Math.max(r.length, 1) - 1)) & MASK64;
    // A named object (i915 "rcs0 batch", msm "bo vertex-buffer") shows its name first.
    const own = formatProperties(r.properties);
    const props = r.name ? (own ? `${r.name} · ${own}` : r.name) : own;
    const status = rangeStatus(r);
    const badges: RangeRow['badges'] = [];
    if (batch.has(r.index)) badges.push('batch');
    if (acthd.has(r.index)) badges.push('ACTHD');
    const folded = foldAddress(r.address);
    const haystack = [
      start.toString(16).padStart(16, '0'), folded.toString(16), end.toString(16).padStart(16, '0'),
      props, r.properties?.raw ?? '', status.text, badges.join(' '), humanBytes(r.length),
    ].join('\n').toLowerCase();
    return {
      index: r.index, address: hexAddress(r.address), start, end, folded, size: r.length,
      sizeText: humanBytes(r.length), props, propsRaw: r.properties?.raw ?? '', status, badges, haystack,
    };
  });
}

export type RangeSortKey = 'start' | 'end' | 'size' | 'props' | 'status';
export type SortDir = 'asc' | 'desc';
export interface RangeSort {
  key: RangeSortKey;
  dir: SortDir;
}

const cmpBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareBy(key: RangeSortKey, a: RangeRow, b: RangeRow): number {
  switch (key) {
    case 'start': return cmpBig(a.start, b.start);
    case 'end': return cmpBig(a.end, b.end);
    case 'size': return a.size - b.size;
    case 'props': return cmpStr(a.props, b.props);
    case 'status': return cmpStr(a.status.text, b.status.text);
  }
}

/** A sorted copy (stable: equal keys keep dump order). */
export function sortRanges(rows: readonly RangeRow[], sort: RangeSort): RangeRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => compareBy(sort.key, a, b) * sign || a.index - b.index);
}

/** Clicking a column header: a new column sorts ascending, the same one flips direction. */
export function nextSort(current: RangeSort, key: RangeSortKey): RangeSort {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}

/**
 * Rows matching a filter text (case-insensitive): a substring of the hex address (with or
 * without "0x", padded or not), of the properties (compact or raw), of the status, or of the
 * badges. A "0x…" query also matches the range that contains that address.
 */
export function filterRanges(rows: readonly RangeRow[], query: string): RangeRow[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...rows];
  const needle = q.startsWith('0x') ? q.slice(2).replace(/_/g, '') : q;
  const inside = q.startsWith('0x') ? parseAddress(q) : null;
  const at = inside === null ? null : foldAddress(inside);
  return rows.filter((r) =>
    r.haystack.includes(needle) || (at !== null && at >= r.folded && at < r.folded + BigInt(r.size)));
}

// ---------------------------------------------------------------------------------------------
// Header

/** "0xe20b rev 0x00". */
export function formatPci(id: number | null, revision: number | null): string | null {
  if (id === null) return null;
  const rev = revision === null ? '' : ` rev 0x${revision.toString(16).padStart(2, '0')}`;
  return `0x${id.toString(16).padStart(4, '0')}${rev}`;
}

/** "496536.182313450" → "5d 17h 55m 36s"; null when not "<sec>[.<frac>]". */
export function formatUptime(t: string | null): string | null {
  if (!t) return null;
  const m = /^(\d+)(?:\.\d+)?$/.exec(t.trim());
  if (!m) return null;
  let s = Number(m[1]);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const min = Math.floor(s / 60);
  s -= min * 60;
  const parts: string[] = [];
  if (d) parts.push(`${d}d`);
  if (d || h) parts.push(`${h}h`);
  if (d || h || min) parts.push(`${min}m`);
  parts.push(`${s}s`);
  return parts.join(' ');
}

/** The snapshot's ISO date shown as "2026-07-31 07:31:42.031 UTC" (null if unparsable). */
export function displayDate(iso: string | null): string | null {
  if (!iso) return null;
  return iso.replace('T', ' ').replace(/Z$/, ' UTC');
}

export interface HeaderField {
  /** Short label (the <dt>). */
  label: string;
  value: string;
  /** Longer text for a tooltip (e.g. the local time). */
  title?: string;
  /** Highlight as the thing to look at first. */
  emphasis?: boolean;
}

export function formatName(format: DumpSummary['format']): string {
  switch (format) {
    case 'xe': return 'xe';
    case 'xe-rfc': return '2023 RFC layout';
    case 'i915': return 'i915 error state';
    case 'msm': return 'msm devcoredump';
    case 'amdgpu': return 'amdgpu devcoredump';
  }
}

export function processText(h: Pick<DumpHeader, 'process' | 'pid'>): string | null {
  if (h.process === null) return h.pid === null ? null : `[${h.pid}]`;
  return h.pid === null ? h.process : `${h.process} [${h.pid}]`;
}

/** The header strip's simple fields, in order; missing ones are left out. */
export function headerFields(s: Pick<DumpSummary, 'fileName' | 'fileSize' | 'compression' | 'format' | 'header'>): HeaderField[] {
  const h = s.header;
  const out: HeaderField[] = [];
  const add = (label: string, value: string | null | undefined, extra: Partial<HeaderField> = {}) => {
    if (value) out.push({ label, value, ...extra });
  };
  add('File', `${s.fileName}${s.compression ? ` (${s.compression})` : ''}`, { title: `${humanBytes(s.fileSize)}` });
  add('Format', formatName(s.format));
  add('Kernel', h.kernel);
  add('Reason', h.reason, { emphasis: true });
  add('Process', processText(h));
  add('PCI', formatPci(h.pciId, h.pciRevision));
  const iso = snapshotDate(h.snapshotTime);
  if (h.snapshotTime) {
    const local = iso ? new Date(iso).toString() : undefined;
    add('Snapshot', displayDate(iso) ?? h.snapshotTime, { title: `${h.snapshotTime}${local ? ` — ${local}` : ''}` });
  }
  const up = formatUptime(h.uptime);
  add('Uptime', up ?? h.uptime, { title: h.uptime ? `${h.uptime} s` : undefined });
  if (h.gts.length) {
    add('GTs', h.gts.map((g) => `${g.id} ${g.type ?? '?'}${g.ipVersion ? ` (IP ${g.ipVersion})` : ''}`).join(', '));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sections, diagnostics, blobs, tabs

export function sectionTitle(title: string): string {
  return title === '' ? '(preamble)' : title;
}

/**
 * The section list's keys: ArrowUp/Down, PageUp/Down (`page` rows), Home/End, clipped to the
 * list; null for another key or an empty list.
 */
export function outlineMove(pos: number, count: number, key: string, page: number): number | null {
  if (count === 0) return null;
  let next: number;
  switch (key) {
    case 'ArrowDown': next = pos + 1; break;
    case 'ArrowUp': next = pos - 1; break;
    case 'PageDown': next = pos + page; break;
    case 'PageUp': next = pos - page; break;
    case 'Home': next = 0; break;
    case 'End': next = count - 1; break;
    default: return null;
  }
  return Math.max(0, Math.min(count - 1, next));
}

export interface DiagnosticCounts {
  total: number;
  errors: number;
  warnings: number;
}

export function diagnosticCounts(d: readonly { severity: string }[]): DiagnosticCounts {
  let errors = 0;
  let warnings = 0;
  for (const x of d) {
    if (x.severity === 'error') errors++;
    else if (x.severity === 'warning') warnings++;
  }
  return { total: d.length, errors, warnings };
}

export const SEVERITY_ICON: Record<string, string> = { error: '✖', warning: '▲', info: 'ℹ' };

/** "replay_offset=0x3000, replay_length=0x1000". */
export function blobAttributes(b: Pick<BlobInfo, 'attributes'>): string {
  return Object.entries(b.attributes).map(([k, v]) => `${k}=${v}`).join(', ');
}

export function blobStatus(b: Pick<BlobInfo, 'error' | 'hasData' | 'complete' | 'decodedLength' | 'length'>): RangeStatus {
  return rangeStatus({ ...b, properties: null });
}

export const PANELS = ['ranges', 'sections', 'engines', 'diagnostics', 'blobs'] as const;
export type PanelId = (typeof PANELS)[number];
export const PANEL_LABELS: Record<PanelId, string> = {
  ranges: 'Ranges', sections: 'Sections', engines: 'Engines', diagnostics: 'Diagnostics', blobs: 'Blobs',
};

/** Tab list keyboard: ArrowLeft/Right (and Up/Down) wrap, Home/End; null for other keys. */
export function nextTab(current: PanelId, key: string): PanelId | null {
  const i = PANELS.indexOf(current);
  const n = PANELS.length;
  switch (key) {
    case 'ArrowRight': case 'ArrowDown': return PANELS[(i + 1) % n];
    case 'ArrowLeft': case 'ArrowUp': return PANELS[(i - 1 + n) % n];
    case 'Home': return PANELS[0];
    case 'End': return PANELS[n - 1];
    default: return null;
  }
}

