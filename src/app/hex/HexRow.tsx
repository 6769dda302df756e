// One row of the hex grid (address label, byte cells, ASCII column) and the column header line.
// Render only: everything comes in as props; rows are memoized and reused by the grid.
import { memo, type ReactNode } from 'react';
import { HEX2, UNKNOWN_CHAR, asciiChar } from './cells.ts';
import type { DisplayOptions } from './hex-store.ts';
import type { Page } from './page-cache.ts';
import type { CellMark } from '../hang/hang.ts';
import { hasCol } from '../search/marks.ts';
import { formatAddress, hexAddress } from '../../format/text.ts';

export interface RowProps {
  row: number;
  /** Address of the row's first byte. */
  rowAddr: bigint;
  /** Text of the row label (address or offset, padded). */
  label: string;
  addrWidth: number;
  /** Bytes in this row (bytesPerRow except for the last row). */
  n: number;
  page: Page | undefined;
  /** Offset of this row's first byte in the page. */
  off: number;
  /** Column of the marked (jumped-to) byte in this row, or -1. */
  markCol: number;
  /** Column of the cursor byte in this row, or -1. */
  cursorCol: number;
  /** Selected columns [selLo, selHi) of this row (empty when selLo === selHi). */
  selLo: number;
  selHi: number;
  opts: DisplayOptions;
  /** Memory offset shown at each display column. */
  order: readonly number[];
  /** id of the cursor cell (aria-activedescendant). */
  cursorId: string;
  isRange: boolean;
  /** Cross-reference marks in this row (ACTHD, batch start), or undefined. */
  xmarks: readonly CellMark[] | undefined;
  /** Columns inside a search match, and inside the current match (bit masks). */
  hitMask: number;
  hitCurMask: number;
}

export const HexRow = memo(function HexRow(p: RowProps) {
  const { row, rowAddr, label, addrWidth, n, page, off, markCol, cursorCol, selLo, selHi, opts, order, cursorId, isRange, xmarks, hitMask, hitCurMask } = p;
  const loading = page === undefined;
  const bytes = page?.bytes;
  const valid = page ? Math.min(page.valid, page.bytes.length) : 0;
  const group = opts.group;
  const cellName = (i: number, value: string) =>
    `${isRange ? '0x' + formatAddress(rowAddr + BigInt(i), 16) : 'offset 0x' + formatAddress(rowAddr + BigInt(i), addrWidth)}: ${value}`;
  // Cells stay in memory order in the DOM (tests, screen readers, copy); CSS `order` draws them
  // in display order (reversed within a group for little-endian words).
  const cells = order.map((i, pos) => [i, pos] as const).sort((a, b) => a[0] - b[0]).map(([i, pos]) => {
    let text: string;
    let cls = 'hb';
    let name: string | undefined;
    if (i >= n) {
      text = '';
      cls += ' hb-end';
    } else if (loading) {
      text = '··';
      cls += ' hb-loading';
      name = cellName(i, 'loading');
    } else if (off + i < valid) {
      const b = bytes![off + i];
      text = HEX2[b];
      if (b === 0 && opts.dimZeros) cls += ' hb-zero';
      name = cellName(i, '0x' + text);
    } else {
      text = '??';
      cls += ' hb-unknown';
      name = cellName(i, 'unknown');
    }
    if (pos > 0 && group > 1 && pos % group === 0) cls += ' hb-gs';
    if (i === markCol) cls += ' hb-mark';
    if (hitMask !== 0 && hasCol(hitMask, i)) {
      cls += hasCol(hitCurMask, i) ? ' hb-hit hb-hit-cur' : ' hb-hit';
      if (name) name += ' (search match)';
    }
    const xm = xmarks?.find((m) => m.col === i);
    if (xm) cls += ' ' + xm.cls;
    if (i >= selLo && i < selHi) cls += ' hb-sel';
    const isCursor = i === cursorCol;
    if (isCursor) cls += ' hb-cursor';
    return (
      <span
        key={i}
        id={isCursor ? cursorId : undefined}
        role="gridcell"
        className={cls}
        style={{ order: pos + 1 }}
        data-offset={i}
        title={xm?.title}
        aria-label={name}
        aria-selected={i >= selLo && i < selHi ? true : undefined}
      >
        {text}
      </span>
    );
  });
  let ascii: ReactNode = null;
  if (opts.ascii) {
    const chars: ReactNode[] = [];
    for (let i = 0; i < n; i++) {
      let ch: string;
      if (loading) ch = ' ';
      else if (off + i < valid) ch = asciiChar(bytes![off + i]);
      else ch = UNKNOWN_CHAR;
      let cls = '';
      if (i >= selLo && i < selHi) cls = 'ha-sel';
      if (i === cursorCol) cls += ' ha-cursor';
      else if (i === markCol) cls += ' ha-mark';
      if (hitMask !== 0 && hasCol(hitMask, i)) cls += hasCol(hitCurMask, i) ? ' ha-hit ha-hit-cur' : ' ha-hit';
      chars.push(
        <span key={i} data-ascii={i} className={cls || undefined}>
          {ch}
        </span>,
      );
    }
    ascii = (
      <span role="gridcell" className={`hx-ascii${loading ? ' hb-loading' : ''}`}>
        {chars}
      </span>
    );
  }
  return (
    <div role="row" aria-rowindex={row + 1} className="hex-row" data-address={hexAddress(rowAddr)} aria-busy={loading || undefined}>
      <span role="rowheader" className="hx-addr" style={{ width: `${addrWidth}ch` }}>
        {label}
      </span>
      {cells}
      {ascii}
    </div>
  );
});

/** The column header line: "address"/"offset", the byte columns in display order, "ascii". */
export function HexColumnHead({ labelWidth, label, order, opts }: { labelWidth: number; label: string; order: readonly number[]; opts: DisplayOptions }) {
  return (
    <div className="hex-row hex-colhead" aria-hidden="true">
      <span className="hx-addr" style={{ width: `${labelWidth}ch` }}>
        {label}
      </span>
      {order.map((i, pos) => (
        <span key={pos} className={`hb${pos > 0 && opts.group > 1 && pos % opts.group === 0 ? ' hb-gs' : ''}`}>
          {HEX2[i]}
        </span>
      ))}
      {opts.ascii && <span className="hx-ascii">ascii</span>}
    </div>
  );
}
