// Address map layout: the GPU virtual address space as a horizontal strip of segments. Every
// captured range is a block whose width grows with the log of its size; every gap between ranges
// is compressed to one small fixed width (labelled with its size). Zoom scales the whole strip,
// pan shifts it. Pure: no DOM, no React.

export interface MapRange {
  /** Index in summary.ranges. */
  index: number;
  /** Folded (plain) GPU virtual address. */
  start: bigint;
  length: number;
}

export interface Segment {
  kind: 'range' | 'gap';
  /** Range index (kind 'range' only). */
  index?: number;
  /** Left edge in px, relative to the map viewport (after zoom and pan). */
  x: number;
  width: number;
  /** Address span [start, end). */
  start: bigint;
  end: bigint;
  /** Size text: "4 KiB" for a range, "… 3.9 GiB …" for a gap. */
  label: string;
}

export interface LayoutOptions {
  /** Viewport width in px: at zoom 1 the whole strip fits it (unless the minimums need more). */
  width: number;
  /** >= 1. */
  zoom?: number;
  /** Px of the zoomed strip scrolled out on the left. */
  pan?: number;
  /** Width of every gap at zoom 1. */
  gapWidth?: number;
  /** Smallest width of a range block at zoom 1. */
  minRangeWidth?: number;
  /** The dump's address width when it tells one (an i915 GTT is 32 or 48 bits, msm IOVAs 48). */
  spaceBits?: 32 | 48;
}

export interface MapLayout {
  segments: Segment[];
  /** Width of the whole strip at this zoom. */
  total: number;
  /** Pan actually applied (clamped). */
  pan: number;
  zoom: number;
  /** Address bits of the space shown: the format's width (32 for an old i915 GTT), more when an address needs it. */
  bits: 32 | 48 | 57;
}

export const GAP_WIDTH = 44;
export const MIN_RANGE_WIDTH = 14;
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 64;

const LIMIT48 = 1n << 48n;

/** 48 (or the dump's own width, 32 for an old i915 GTT), or more when a range reaches past it. */
export function addressBits(ranges: readonly MapRange[], spaceBits: 32 | 48 = 48): 32 | 48 | 57 {
  if (ranges.some((r) => r.start + BigInt(r.length) > LIMIT48)) return 57;
  if (spaceBits === 32 && ranges.every((r) => r.start + BigInt(r.length) <= 1n << 32n)) return 32;
  return 48;
}

/** Log weight of a range: 1 for a page or less, +1 per doubling beyond. */
export function rangeWeight(length: number): number {
  return 1 + Math.max(0, Math.log2(Math.max(1, length) / 4096));
}

/** Size with at most one decimal ("3.9 GiB", "4 KiB", "256 TiB"): map labels are tiny. */
export function shortBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = u === 0 || v >= 100 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
  return `${s} ${units[u]}`;
}

export function gapLabel(size: bigint): string {
  return `… ${shortBytes(Number(size))} …`;
}

export function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Number.isFinite(z) ? z : 1));
}

/** Pan clamped so that the strip never leaves empty space on the right (nor scrolls past 0). */
export function clampPan(pan: number, total: number, width: number): number {
  return Math.max(0, Math.min(pan, Math.max(0, total - width)));
}

/** Lay out the ranges (any order; sorted here by folded address, then index). */
export function layoutMap(input: readonly MapRange[], opts: LayoutOptions): MapLayout {
  const gapW = opts.gapWidth ?? GAP_WIDTH;
  const minW = opts.minRangeWidth ?? MIN_RANGE_WIDTH;
  const zoom = clampZoom(opts.zoom ?? 1);
  const ranges = [...input].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index));
  const bits = addressBits(ranges, opts.spaceBits);
  const limit = 1n << BigInt(bits);

  // Abstract spans: ranges and the gaps between them (before the first, after the last too).
  type Span = { kind: 'range' | 'gap'; index?: number; start: bigint; end: bigint };
  const spans: Span[] = [];
  let cursor = 0n;
  for (const r of ranges) {
    const end = r.start + BigInt(r.length);
    if (r.start > cursor) spans.push({ kind: 'gap', start: cursor, end: r.start });
    spans.push({ kind: 'range', index: r.index, start: r.start, end });
    if (end > cursor) cursor = end;
  }
  if (cursor < limit) spans.push({ kind: 'gap', start: cursor, end: limit });

  // At zoom 1 the strip fills the viewport: fixed parts first, then log weights share the rest.
  const nGaps = spans.filter((s) => s.kind === 'gap').length;
  const weights = ranges.reduce((n, r) => n + rangeWeight(r.length), 0);
  const fixed = nGaps * gapW + ranges.length * minW;
  const unit = weights > 0 ? Math.max(0, opts.width - fixed) / weights : 0;

  const segments: Segment[] = [];
  let x = 0;
  for (const s of spans) {
    const base = s.kind === 'gap' ? gapW : minW + rangeWeight(Number(s.end - s.start)) * unit;
    const w = base * zoom;
    const size = s.end - s.start;
    segments.push({
      kind: s.kind,
      ...(s.kind === 'range' ? { index: s.index } : {}),
      x,
      width: w,
      start: s.start,
      end: s.end,
      label: s.kind === 'gap' ? gapLabel(size) : shortBytes(Number(size)),
    });
    x += w;
  }
  const total = x;
  const pan = clampPan(opts.pan ?? 0, total, opts.width);
  for (const s of segments) s.x -= pan;
  return { segments, total, pan, zoom, bits };
}

/**
 * X (viewport px) of an address: linear inside the segment that holds it. With `index`, the block
 * of that range is used (overlapping ranges); otherwise the first range block holding it, else
 * the gap. Null when no segment holds it.
 */
export function xOfAddress(segments: readonly Segment[], address: bigint, index?: number | null): number | null {
  const inside = (s: Segment) => address >= s.start && (address < s.end || (s.start === s.end && address === s.start));
  const seg =
    (index != null ? segments.find((s) => s.kind === 'range' && s.index === index && inside(s)) : undefined) ??
    segments.find((s) => s.kind === 'range' && inside(s)) ??
    segments.find((s) => inside(s));
  if (!seg) return null;
  const span = seg.end - seg.start;
  const frac = span > 0n ? Number(((address - seg.start) * 1_000_000n) / span) / 1_000_000 : 0;
  return seg.x + frac * seg.width;
}

/** New pan that keeps the strip point under viewport px `at` in place when zoom changes. */
export function zoomAround(pan: number, zoom: number, nextZoom: number, at: number): number {
  const z2 = clampZoom(nextZoom);
  return ((at + pan) / zoom) * z2 - at;
}

/** Pan that brings [x, x + w) (strip coordinates, i.e. before pan) into a viewport of `width`. */
export function panToShow(pan: number, x: number, w: number, width: number, margin = 8): number {
  if (x - margin < pan) return Math.max(0, x - margin);
  if (x + w + margin > pan + width) return x + w + margin - width;
  return pan;
}
