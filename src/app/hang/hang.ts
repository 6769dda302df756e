// The hang at a glance, as pure logic: which engine hung, which batch it ran, where ACTHD sits
// (in the batch, in another range, or outside every captured range), the dword window around
// ACTHD, and the cross-reference marks the hex view draws. Built on crossReferences (xref.ts).
import { foldAddress } from '../../format/addr.ts';
import type { DumpSummary, RangeInfo } from '../../protocol/worker-api.ts';
import { crossReferences, type Xref } from '../xref.ts';
import { hungEngines } from '../../format/hung.ts';

export { hungEngines };

export type HangInput = Pick<DumpSummary, 'ranges' | 'engines' | 'batchAddresses' | 'header'> & Partial<Pick<DumpSummary, 'format' | 'fault'>>;

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
  /** The register that says where the engine reads: ACTHD (xe, i915) or RPTR (an msm ringbuffer). */
  register: string;
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
  /** The faulting address the dump reports (msm fault-info, amdgpu page fault), and the range it falls in or after. */
  fault: HangFault | null;
}

export interface HangFault {
  xref: Xref;
  detail: string;
  /**
   * `inside`: in a range (`offset` from its start); `below`: in no range, `offset` past the start of
   * the nearest range below it (as crashdec matches a fault to a bo); `none`: no range below.
   */
  place: { kind: 'inside' | 'below'; range: number; name: string | null; offset: number } | { kind: 'none' };
}

/** The range holding `address`, or else the nearest range that starts below it. */
export function faultPlace(ranges: HangInput['ranges'], address: bigint): HangFault['place'] {
  const a = foldAddress(address);
  let best: { r: HangInput['ranges'][number]; start: bigint } | null = null;
  for (const r of ranges) {
    const start = foldAddress(r.address);
    if (a >= start && a < start + BigInt(r.length)) return { kind: 'inside', range: r.index, name: r.name ?? null, offset: Number(a - start) };
    if (start <= a && (!best || start > best.start)) best = { r, start };
  }
  return best ? { kind: 'below', range: best.r.index, name: best.r.name ?? null, offset: Number(a - best.start) } : { kind: 'none' };
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
  const engines = hungEngines(summary);
  const acthds: HangActhd[] = xrefs
    .filter((x) => x.kind === 'acthd' && engines.includes(x.engine ?? ''))
    .map((xref) => ({ engine: xref.engine ?? '', register: xref.label.slice((xref.engine ?? '').length + 1) || 'ACTHD', xref, place: acthdPlace(xref, batches) }));
  const fx = xrefs.find((x) => x.kind === 'fault');
  const fault: HangFault | null = fx && summary.fault ? { xref: fx, detail: summary.fault.detail, place: faultPlace(summary.ranges, fx.address) } : null;
  return { reason: summary.header.reason, engines, batches, acthds, xrefs, fault };
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
      const title = `${x.label.slice((x.engine ?? '').length + 1) || 'ACTHD'} (${x.engine ?? '?'})`;
      for (let i = 0; i < 4; i++) add(at + i, 'hb-xref-acthd', title);
    } else if (x.kind === 'batch') {
      add(off, 'hb-xref-batch', `${x.label} (batch start)`);
    } else if (x.kind === 'fault') {
      // The faulting dword (msm fault-info iova, amdgpu page fault).
      const at = off - (off % 4);
      for (let i = 0; i < 4; i++) add(at + i, 'hb-xref-fault', 'fault address');
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
