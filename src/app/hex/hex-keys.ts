// The hex grid's own keys (focus in the grid) as a pure function: a key and the grid's state in,
// what to do out. useHexKeys applies it. With a cursor in the target the keys move it (Shift
// extends the selection, Escape clears it); without one, ←/→ place it on the top row and the
// other keys scroll.
import { clampAddr, isCursorKey, moveCursor, rowCol, virtToShowRow } from './cursor.ts';
import { clampVirt, pageRows, virtAtRow, virtByRows, type Geometry } from './virtual.ts';

export interface HexKeyState {
  cursor: bigint | null;
  anchor: bigint | null;
  /** The target's first address and length. */
  t: { start: bigint; length: number };
  bytesPerRow: number;
  geo: Geometry;
  /** The virtual scroll offset (px). */
  virt: number;
  rowH: number;
}

export type HexKeyAction =
  | { kind: 'clear-selection' }
  /** Move the cursor (extend: grow the selection) and scroll to `virt`. */
  | { kind: 'cursor'; cursor: bigint; extend: boolean; virt: number }
  /** Put the cursor on a byte (no scroll). */
  | { kind: 'place-cursor'; cursor: bigint }
  | { kind: 'scroll'; virt: number };

type Key = { key: string; ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean };

/** What a key does in the grid, or null when the grid leaves it alone. */
export function hexKeyAction(e: Key, s: HexKeyState): HexKeyAction | null {
  if (e.altKey || e.metaKey) return null;
  const { cursor, t, bytesPerRow: bpr, geo, virt, rowH } = s;
  if (cursor !== null && cursor >= t.start && cursor < t.start + BigInt(t.length)) {
    if (e.key === 'Escape') return s.anchor === null ? null : { kind: 'clear-selection' };
    if (!isCursorKey(e.key)) return null;
    const ctrl = e.ctrlKey && (e.key === 'Home' || e.key === 'End');
    if (e.ctrlKey && !ctrl) return null;
    const rowsPerPage = pageRows(geo);
    const next = moveCursor(t, cursor, e.key, bpr, rowsPerPage, ctrl);
    let v = virt;
    if (e.key === 'PageDown') v = virtByRows(geo, v, rowsPerPage);
    else if (e.key === 'PageUp') v = virtByRows(geo, v, -rowsPerPage);
    v = virtToShowRow(clampVirt(geo, v), rowCol(t, next, bpr).row, rowH, geo.viewH);
    return { kind: 'cursor', cursor: next, extend: e.shiftKey, virt: v };
  }
  switch (e.key) {
    case 'ArrowLeft':
    case 'ArrowRight': {
      // No cursor yet: put it on the first byte of the top row.
      const row = Math.min(geo.rows - 1, Math.ceil(virt / rowH - 1e-6));
      return { kind: 'place-cursor', cursor: clampAddr(t, t.start + BigInt(row * bpr)) };
    }
    case 'ArrowDown':
      return { kind: 'scroll', virt: virtByRows(geo, virt, 1) };
    case 'ArrowUp':
      return { kind: 'scroll', virt: virtByRows(geo, virt, -1) };
    case 'PageDown':
      return { kind: 'scroll', virt: virtByRows(geo, virt, pageRows(geo)) };
    case 'PageUp':
      return { kind: 'scroll', virt: virtByRows(geo, virt, -pageRows(geo)) };
    case 'Home':
      return { kind: 'scroll', virt: virtAtRow(geo, 0) };
    case 'End':
      return { kind: 'scroll', virt: geo.maxVirt };
    default:
      return null;
  }
}
