// Pure cursor and selection math of the hex view. Addresses are bigints in the target's space
// (folded GPU VA for a range, offset for a blob); a target is [start, start + length).

export interface Extent {
  start: bigint;
  length: number;
}

/** Clamp an address into the extent (its last byte at most). */
export function clampAddr(x: Extent, a: bigint): bigint {
  if (x.length <= 0 || a < x.start) return x.start;
  const last = x.start + BigInt(x.length - 1);
  return a > last ? last : a;
}

/** Row and column of an address, for rows of `bpr` bytes from the extent start. */
export function rowCol(x: Extent, a: bigint, bpr: number): { row: number; col: number } {
  const off = Number(a - x.start);
  return { row: Math.floor(off / bpr), col: off % bpr };
}

export type CursorKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

export function isCursorKey(k: string): k is CursorKey {
  return k === 'ArrowLeft' || k === 'ArrowRight' || k === 'ArrowUp' || k === 'ArrowDown' || k === 'PageUp' || k === 'PageDown' || k === 'Home' || k === 'End';
}

/**
 * Where a key moves the cursor: a byte (Left/Right), a row (Up/Down), `pageRows` rows
 * (PageUp/PageDown), the row's start/end (Home/End), the extent's start/end with `ctrl`.
 * Clamped to the extent; Up/Down/PageUp/PageDown at an edge stop on the first/last row.
 */
export function moveCursor(x: Extent, cursor: bigint, key: CursorKey, bpr: number, pageRows: number, ctrl = false): bigint {
  const c = clampAddr(x, cursor);
  const b = BigInt(bpr);
  switch (key) {
    case 'ArrowLeft':
      return clampAddr(x, c - 1n);
    case 'ArrowRight':
      return clampAddr(x, c + 1n);
    case 'ArrowUp':
      return c - b >= x.start ? c - b : c;
    case 'ArrowDown':
      return c + b < x.start + BigInt(x.length) ? c + b : c;
    case 'PageUp': {
      const { row, col } = rowCol(x, c, bpr);
      const r = Math.max(0, row - pageRows);
      return r === row ? c : clampAddr(x, x.start + BigInt(r * bpr + col));
    }
    case 'PageDown': {
      const { row, col } = rowCol(x, c, bpr);
      const lastRow = Math.ceil(x.length / bpr) - 1;
      const r = Math.min(lastRow, row + pageRows);
      return r === row ? c : clampAddr(x, x.start + BigInt(r * bpr + col));
    }
    case 'Home':
      if (ctrl) return x.start;
      return c - BigInt(rowCol(x, c, bpr).col);
    case 'End':
      if (ctrl) return clampAddr(x, x.start + BigInt(x.length - 1));
      return clampAddr(x, c - BigInt(rowCol(x, c, bpr).col) + b - 1n);
  }
}

/** Bytes in [start, end) as "4 bytes (0x4)". */
export function lengthText(n: bigint): string {
  return `${n.toString()} byte${n === 1n ? '' : 's'} (0x${n.toString(16)})`;
}

/**
 * Columns [lo, hi) of a row that fall in the selection [selStart, selEnd), or null. `rowStart` is
 * the row's first address, `n` its byte count.
 */
export function rowSelection(rowStart: bigint, n: number, selStart: bigint, selEnd: bigint): [number, number] | null {
  const rowEnd = rowStart + BigInt(n);
  if (selEnd <= rowStart || selStart >= rowEnd) return null;
  const lo = selStart > rowStart ? Number(selStart - rowStart) : 0;
  const hi = selEnd < rowEnd ? Number(selEnd - rowStart) : n;
  return [lo, hi];
}

/**
 * The order in which a row's bytes are drawn: for each display column, the byte offset shown.
 * A group reads as a word value: little-endian words (the default) draw each group's bytes
 * reversed, so `01 01 80 18` shows as `18 80 01 01`; big-endian words keep memory order.
 * The DOM keeps memory order either way (the view places cells with CSS `order`).
 */
export function displayOrder(bpr: number, group: number, littleEndian: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < bpr; i++) {
    if (!littleEndian || group <= 1) out.push(i);
    else {
      const g0 = i - (i % group);
      out.push(g0 + (group - 1 - (i % group)));
    }
  }
  return out;
}

/** Virtual offset that keeps `row` wholly in the viewport, moving as little as possible. */
export function virtToShowRow(virt: number, row: number, rowH: number, viewH: number): number {
  const top = row * rowH;
  if (top < virt) return top;
  if (top + rowH > virt + viewH) return top + rowH - viewH;
  return virt;
}
