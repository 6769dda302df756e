// Pure math of the hex view's fixed-row scaled virtualizer (see /work/shared/notes/stack.md, item 2).
//
// A range of up to 4 GiB is 268M rows of ROW_H px: far more than any element can be tall
// (Chromium clamps at ~33.5M px). The scroll container's content is capped at MAX_PHYS_HEIGHT px;
// the "virtual" offset (px into the full-size list) is kept apart from the physical scrollTop:
//   ratio = (total - viewH) / (phys - viewH)
//   thumb drag (native scroll):   virt = scrollTop * ratio
//   wheel / keys:                 virt += delta (1:1), then scrollTop = virt / ratio
// Rows are drawn in a sticky box translated by (firstRow * rowH - virt), a small number, so no
// float32 CSS precision is lost. Everything here is O(1): no per-row arrays.

/** Cap of the physical content height: under Chromium's 33.5M px and Firefox's ~17.9M px. */
export const MAX_PHYS_HEIGHT = 10_000_000;

export interface Geometry {
  /** Number of rows. */
  rows: number;
  /** Height of one row, px. */
  rowH: number;
  /** Height of the rows' viewport, px. */
  viewH: number;
  /** Virtual height of all rows: rows * rowH. */
  total: number;
  /** Physical content height: min(total, MAX_PHYS_HEIGHT). */
  phys: number;
  /** Largest virtual offset: total - viewH (0 when everything fits). */
  maxVirt: number;
  /** Largest physical scrollTop: phys - viewH (0 when everything fits). */
  maxScrollTop: number;
  /** Virtual px per physical px of scrollTop (1 when not scaled). */
  ratio: number;
}

export function geometry(rows: number, rowH: number, viewH: number, maxPhys: number = MAX_PHYS_HEIGHT): Geometry {
  const r = Math.max(0, Math.floor(rows));
  const v = Math.max(0, viewH);
  const total = r * rowH;
  const phys = Math.min(total, maxPhys);
  const maxVirt = Math.max(0, total - v);
  const maxScrollTop = Math.max(0, phys - v);
  const ratio = maxScrollTop > 0 ? maxVirt / maxScrollTop : 1;
  return { rows: r, rowH, viewH: v, total, phys, maxVirt, maxScrollTop, ratio };
}

/** Clamp a virtual offset into [0, maxVirt] (NaN → 0). */
export function clampVirt(g: Geometry, virt: number): number {
  if (!(virt > 0)) return 0;
  return virt > g.maxVirt ? g.maxVirt : virt;
}

/**
 * Virtual offset for a physical scrollTop (a thumb drag). Within 1 px of either end it snaps to
 * that end, so the first and last rows are always reachable whatever the browser rounds scrollTop to.
 */
export function virtFromScrollTop(g: Geometry, scrollTop: number): number {
  if (g.maxScrollTop <= 0 || !(scrollTop > 0)) return 0;
  if (scrollTop >= g.maxScrollTop - 1) return g.maxVirt;
  return clampVirt(g, scrollTop * g.ratio);
}

/** Physical scrollTop that shows a virtual offset. */
export function scrollTopFromVirt(g: Geometry, virt: number): number {
  if (g.maxScrollTop <= 0) return 0;
  const st = clampVirt(g, virt) / g.ratio;
  return st > g.maxScrollTop ? g.maxScrollTop : st;
}

/** Row at the top edge of the viewport (partly visible when virt is not a multiple of rowH). */
export function firstRow(g: Geometry, virt: number): number {
  if (g.rows === 0) return 0;
  const r = Math.floor(clampVirt(g, virt) / g.rowH);
  return r >= g.rows ? g.rows - 1 : r;
}

/** Last row with at least one pixel in the viewport. */
export function lastVisibleRow(g: Geometry, virt: number): number {
  if (g.rows === 0) return 0;
  const v = clampVirt(g, virt);
  const r = Math.ceil((v + g.viewH) / g.rowH) - 1;
  return Math.max(firstRow(g, v), Math.min(g.rows - 1, r));
}

/** Rows to keep in the DOM from `first`: enough to cover the viewport at any sub-row offset. */
export function renderCount(g: Geometry, first: number): number {
  if (g.rows === 0 || g.viewH <= 0) return 0;
  return Math.max(0, Math.min(g.rows - first, Math.ceil(g.viewH / g.rowH) + 1));
}

/** Offset (px) of a row from the viewport top: small whatever the row. */
export function rowOffset(g: Geometry, row: number, virt: number): number {
  return row * g.rowH - virt;
}

/** Virtual offset that centres a row in the viewport (clamped at both ends). */
export function virtCentered(g: Geometry, row: number): number {
  return clampVirt(g, row * g.rowH + g.rowH / 2 - g.viewH / 2);
}

/** Virtual offset that puts a row at the top (clamped). */
export function virtAtRow(g: Geometry, row: number): number {
  return clampVirt(g, row * g.rowH);
}

/** Rows a PageUp/PageDown moves: one screenful of whole rows (at least 1). */
export function pageRows(g: Geometry): number {
  return Math.max(1, Math.floor(g.viewH / g.rowH));
}

/**
 * Move by n whole rows from virt, landing on a row boundary: the first (top) row changes by
 * exactly n, even from a partly scrolled position. Clamped at both ends.
 */
export function virtByRows(g: Geometry, virt: number, n: number): number {
  const v = clampVirt(g, virt);
  const at = v / g.rowH;
  // Tolerate float noise: 2.9999999 rows is row 3.
  const near = Math.round(at);
  const base = Math.abs(at - near) < 1e-6 ? near : Math.floor(at);
  return clampVirt(g, (base + n) * g.rowH);
}

/** Apply a wheel delta in px, lines (deltaMode 1) or pages (deltaMode 2). */
export function wheelDeltaPx(g: Geometry, delta: number, deltaMode: number): number {
  if (deltaMode === 1) return delta * g.rowH;
  if (deltaMode === 2) return delta * Math.max(g.rowH, pageRows(g) * g.rowH);
  return delta;
}
