// What a share link holds, worked out from the open dump and the view: which bytes (the selection,
// else the rows on screen), the identity of the dump, the hang facts; the budget check, the trim
// that makes a link fit, and the Markdown for a bug report. Pure: no stores, no DOM.
import { foldAddress } from '../../format/addr.ts';
import { humanBytes } from '../../format/units.ts';
import { hexAddress } from '../../format/report.ts';
import type { DisplayOptions } from '../hex/options.ts';
import type { DumpSummary, RangeInfo } from '../../protocol/worker-api.ts';
import { LINK_BUDGET, SNAPSHOT_BUDGET, snapshotUrl, type HangFacts, type LinkBookmark, type SnapshotLink } from './link.ts';
import { hangFacts } from './snapshot-dump.ts';

/** Bookmarks a link carries at most (those in the snapshot's range first). */
export const LINK_BOOKMARKS = 200;

export interface ShareRequest {
  range: RangeInfo;
  /** Bytes [start, end) to hold, GPU addresses (plain), dword-aligned within the range. */
  start: bigint;
  end: bigint;
  from: 'selection' | 'rows';
}

/** Outward to whole dwords, inside the range. */
function alignIn(range: RangeInfo, start: bigint, end: bigint): { start: bigint; end: bigint } {
  const r0 = foldAddress(range.address);
  const r1 = r0 + BigInt(range.length);
  let s = start < r0 ? r0 : start;
  let e = end > r1 ? r1 : end;
  s = r0 + ((s - r0) & ~3n);
  e = r0 + (((e - r0) + 3n) & ~3n);
  if (e > r1) e = r1;
  return { start: s, end: e };
}

/**
 * The bytes a link would hold: the selection if there is one (in the shown range), else the rows on
 * screen from `top`. Null when the view shows no range with data (a blob, or nothing).
 */
export function shareRequest(
  summary: Pick<DumpSummary, 'ranges'>,
  rangeIndex: number | null,
  selection: { start: bigint; end: bigint } | null,
  top: bigint | null,
  visibleBytes: number,
): ShareRequest | null {
  if (rangeIndex === null) return null;
  const range = summary.ranges[rangeIndex];
  if (!range || !range.hasData) return null;
  const r0 = foldAddress(range.address);
  if (selection && selection.end > selection.start) {
    const a = alignIn(range, selection.start, selection.end);
    if (a.end > a.start) return { range, ...a, from: 'selection' };
  }
  const t = top ?? r0;
  const a = alignIn(range, t, t + BigInt(Math.max(16, visibleBytes)));
  return { range, ...a, from: 'rows' };
}

export interface LinkSource {
  /** The dump the bytes come from (the source's identity when the open dump is itself a snapshot). */
  file: SnapshotLink['file'];
  layout: SnapshotLink['layout'];
  hang: HangFacts;
  /** The range as the source printed it. */
  range: SnapshotLink['range'];
}

/** The identity and facts of an open dump, or of the dump an open snapshot came from. */
export function linkSource(summary: DumpSummary, range: RangeInfo, snapshot: SnapshotLink | null): LinkSource {
  if (snapshot) {
    return { file: snapshot.file, layout: snapshot.layout, hang: snapshot.hang, range: snapshot.range };
  }
  return {
    file: { name: summary.fileName, size: summary.fileSize, fingerprint: summary.fingerprint ?? null },
    layout: summary.format,
    hang: hangFacts(summary),
    range: { address: range.address, length: range.length, properties: range.properties?.raw ?? null, ...(range.name !== undefined ? { name: range.name } : {}) },
  };
}

/** Bookmarks for a link: those in [start, end) of the range first, at most LINK_BOOKMARKS. */
export function linkBookmarks(all: readonly LinkBookmark[], rangeStart: bigint, rangeEnd: bigint): LinkBookmark[] {
  const inside = all.filter((b) => b.address >= rangeStart && b.address < rangeEnd);
  const outside = all.filter((b) => b.address < rangeStart || b.address >= rangeEnd);
  return [...inside, ...outside].slice(0, LINK_BOOKMARKS).map((b) => ({ address: b.address, name: b.name, note: b.note }));
}

export interface ViewFacts {
  cursor: bigint | null;
  selection: { start: bigint; end: bigint } | null;
  top: bigint | null;
  options: DisplayOptions;
}

export function makeLink(src: LinkSource, address: bigint, bytes: Uint8Array, view: ViewFacts, bookmarks: LinkBookmark[]): SnapshotLink {
  return { ...src, address, bytes, view, bookmarks };
}

/**
 * The most bytes (a multiple of 16, at most SNAPSHOT_BUDGET) from the start of `bytes` whose link
 * fits in `budget` characters; 0 when not even 16 do.
 */
export function fitLength(base: string, link: SnapshotLink, budget = LINK_BUDGET): number {
  const fits = (n: number) => snapshotUrl(base, { ...link, bytes: link.bytes.subarray(0, n) }).length <= budget;
  let lo = 0;
  let hi = Math.floor(Math.min(link.bytes.length, SNAPSHOT_BUDGET) / 16);
  if (hi > 0 && fits(hi * 16)) return hi * 16;
  // Deflate output grows (nearly) with its input: a binary search on 16-byte steps.
  while (lo < hi - 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid * 16)) lo = mid;
    else hi = mid;
  }
  return lo * 16;
}

/** A short Markdown summary of the hang with the link, for a bug report. */
export function bugReportMarkdown(link: SnapshotLink, url: string): string {
  const h = link.hang;
  const lines = [`**GPU hang** — \`${link.file.name}\`${h.kernel ? ` (kernel ${h.kernel})` : ''}`, ''];
  if (h.reason) lines.push(`- Reason: ${h.reason}`);
  if (h.engine) lines.push(`- Engine: \`${h.engine}\`${h.acthd !== null ? `, ACTHD \`${hexAddress(h.acthd)}\`` : ''}`);
  if (h.batch.length > 0) lines.push(`- Batch: ${h.batch.map((b) => `\`${hexAddress(b)}\``).join(', ')}`);
  if (h.process) lines.push(`- Process: ${h.process}`);
  lines.push(`- Snapshot: ${humanBytes(link.bytes.length)} at \`${hexAddress(link.address)}\` (range \`${hexAddress(foldAddress(link.range.address))}\`, ${humanBytes(link.range.length)})`);
  if (link.file.fingerprint) lines.push(`- Dump fingerprint: \`${link.file.fingerprint.slice(0, 16)}\``);
  lines.push('', `[Open the snapshot in Devcoredump Viewer](${url})`, '');
  return lines.join('\n');
}

/** One line for the banner of an opened snapshot. */
export function snapshotBannerText(link: SnapshotLink): string {
  return `Snapshot of ${link.file.name}: ${link.bytes.length.toLocaleString('en-US')} bytes at ${hexAddress(link.address)}`;
}
