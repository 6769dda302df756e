// The hang at a glance, as pure logic: which engine hung, which batch it ran, where ACTHD sits
// (in the batch, in another range, or outside every captured range), the dword window around
// ACTHD, and the cross-reference marks the hex view draws. Built on crossReferences (xref.ts).
import { foldAddress } from '../../format/addr.ts';
import type { DumpSummary, RangeInfo } from '../../protocol/worker-api.ts';
import { crossReferences, type Xref } from '../xref.ts';

export type HangInput = Pick<DumpSummary, 'ranges' | 'engines' | 'batchAddresses' | 'header'>;

export interface HangBatch {
  xref: Xref;
  /** The captured range holding batch_addr, or null. */
  range: RangeInfo | null;
  /** Range bounds (end exclusive), when captured. */
  start: bigint | null;
  end: bigint | null;
  size: number | null;
}

export type ActhdPlace =
  /** In the range holding the batch: `offset` is from the start of that range. */
  | { kind: 'batch'; batch: number; range: number; offset: number; fromBatchAddr: number }
  /** In a captured range that does not hold any batch. */
  | { kind: 'other'; range: number; offset: number }
  | { kind: 'outside' };

export interface HangActhd {
  engine: string;
  xref: Xref;
  place: ActhdPlace;
}

export interface HangReport {
  reason: string | null;
  /** Engines printed under HW Engines (the hung queue's engines). */
  engines: string[];
  batches: HangBatch[];
  acthds: HangActhd[];
  /** Every cross-reference (batch_addr, ACTHD, BBADDR, RING_START, DMA_FADD). */
  xrefs: Xref[];
}

export function hangReport(summary: HangInput): HangReport {
  const xrefs = crossReferences(summary);
  const batches: HangBatch[] = xrefs
    .filter((x) => x.kind === 'batch')
    .map((xref) => {
      const range = xref.range === null ? null : summary.ranges[xref.range] ?? null;
      const start = range ? foldAddress(range.address) : null;
      return { xref, range, start, end: range && start !== null ? start + BigInt(range.length) : null, size: range ? range.length : null };
    });
  const acthds: HangActhd[] = xrefs
    .filter((x) => x.kind === 'acthd')
    .map((xref) => ({ engine: xref.engine ?? '', xref, place: acthdPlace(xref, batches) }));
  return { reason: summary.header.reason, engines: summary.engines.map((e) => e.name), batches, acthds, xrefs };
}

export function acthdPlace(acthd: Pick<Xref, 'address' | 'range' | 'offset'>, batches: readonly HangBatch[]): ActhdPlace {
  if (acthd.range === null || acthd.offset === null) return { kind: 'outside' };
  const b = batches.findIndex((x) => x.xref.range === acthd.range);
  if (b >= 0) {
    return { kind: 'batch', batch: b, range: acthd.range, offset: acthd.offset, fromBatchAddr: Number(acthd.address - batches[b].xref.address) };
  }
  return { kind: 'other', range: acthd.range, offset: acthd.offset };
}

export interface DwordWindow {
  /** Address of the first dword. */
  start: bigint;
  /** Dwords in the window. */
  count: number;
  /** Index of the dword holding the address. */
  index: number;
}

/**
 * The dwords around `address` (aligned down to 4): `before` dwords before it, the dword itself,
 * `after` after, clipped to the range [rangeStart, rangeStart + rangeLength).
 */
export function dwordWindow(address: bigint, rangeStart: bigint, rangeLength: number, before = 4, after = 3): DwordWindow | null {
  const end = rangeStart + BigInt(rangeLength);
  if (address < rangeStart || address >= end) return null;
  const at = address - ((address - rangeStart) % 4n);
  let first = at - BigInt(before * 4);
  if (first < rangeStart) first = rangeStart;
  let last = at + BigInt(after * 4); // first byte of the last dword
  while (last + 4n > end && last > at) last -= 4n;
  const count = Number((last - first) / 4n) + 1;
  return { start: first, count, index: Number((at - first) / 4n) };
}

/** Little-endian dwords of `bytes`; null for a dword not fully decoded (first `valid` bytes are). */
export function dwordsOf(bytes: Uint8Array, valid: number, count: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * 4;
    if (o + 4 > bytes.length || o + 4 > valid) out.push(null);
    else out.push((bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24)) >>> 0);
  }
  return out;
}

export const hex32 = (v: number): string => v.toString(16).padStart(8, '0');
export const hexA = (v: bigint | number): string => '0x' + v.toString(16);

// ---- Marks for the hex view --------------------------------------------------------------------

export interface CellMark {
  /** Column in the row. */
  col: number;
  cls: string;
  title: string;
}

/**
 * Cross-reference marks of one range, by row: the 4 bytes of each ACTHD (hb-xref-acthd, titled
 * "ACTHD (rcs0)") and the byte at each batch_addr (hb-xref-batch). Computed once per target.
 */
export function xrefRowMarks(xrefs: readonly Xref[], rangeIndex: number, rangeStart: bigint, rangeLength: number, bytesPerRow: number): Map<number, CellMark[]> {
  const byOffset = new Map<number, { cls: Set<string>; titles: string[] }>();
  const add = (off: number, cls: string, title: string) => {
    if (off < 0 || off >= rangeLength) return;
    let m = byOffset.get(off);
    if (!m) byOffset.set(off, (m = { cls: new Set(), titles: [] }));
    m.cls.add(cls);
    if (!m.titles.includes(title)) m.titles.push(title);
  };
  for (const x of xrefs) {
    if (x.range !== rangeIndex || x.offset === null) continue;
    const off = Number(x.address - rangeStart);
    if (x.kind === 'acthd') {
      const at = off - (off % 4);
      const title = `ACTHD (${x.engine ?? '?'})`;
      for (let i = 0; i < 4; i++) add(at + i, 'hb-xref-acthd', title);
    } else if (x.kind === 'batch') {
      add(off, 'hb-xref-batch', `${x.label} (batch start)`);
    }
  }
  const rows = new Map<number, CellMark[]>();
  for (const [off, m] of byOffset) {
    const row = Math.floor(off / bytesPerRow);
    let list = rows.get(row);
    if (!list) rows.set(row, (list = []));
    list.push({ col: off % bytesPerRow, cls: [...m.cls].join(' '), title: m.titles.join(', ') });
  }
  for (const list of rows.values()) list.sort((a, b) => a.col - b.col);
  return rows;
}
