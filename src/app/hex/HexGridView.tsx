// The hex grid as drawn: the scroll box (an ARIA grid), the column header, the rows and the spacer.
// Render only: the rows' props, sizes and handlers come in (HexGrid works them out).
import type { MouseEvent as ReactMouseEvent, RefObject } from 'react';
import { HexColumnHead, HexRow, type RowProps } from './HexRow.tsx';
import type { DisplayOptions } from './hex-store.ts';

export interface HexGridViewProps {
  scrollRef: RefObject<HTMLDivElement | null>;
  rowsRef: RefObject<HTMLDivElement | null>;
  /** "Hex view of …". */
  label: string;
  rowCount: number;
  opts: DisplayOptions;
  order: readonly number[];
  labelWidth: number;
  /** "address" or "offset". */
  columnLabel: string;
  clientH: number;
  viewH: number;
  spacer: number;
  /** id of the cursor cell when it is rendered, for aria-activedescendant. */
  activeId: string | undefined;
  /** The rows to draw, each with its React key. */
  rows: (RowProps & { key: number })[];
  onMouseDown(e: ReactMouseEvent): void;
  onMouseOver(e: ReactMouseEvent): void;
}

export function HexGridView(p: HexGridViewProps) {
  return (
    <div
      ref={p.scrollRef}
      className="hex-scroll"
      data-testid="hex-view"
      role="grid"
      tabIndex={0}
      aria-label={p.label}
      aria-rowcount={p.rowCount}
      aria-colcount={p.opts.bytesPerRow + (p.opts.ascii ? 2 : 1)}
      aria-readonly
      aria-multiselectable
      aria-activedescendant={p.activeId}
    >
      <div className="hex-sticky" role="presentation" style={{ height: p.clientH }}>
        <HexColumnHead labelWidth={p.labelWidth} label={p.columnLabel} order={p.order} opts={p.opts} />
        <div className="hex-rowsview" role="presentation" style={{ height: p.viewH }} onMouseDown={p.onMouseDown} onMouseOver={p.onMouseOver}>
          <div ref={p.rowsRef} className="hex-rows" role="rowgroup">
            {p.rows.map(({ key, ...row }) => (
              <HexRow key={key} {...row} />
            ))}
          </div>
        </div>
      </div>
      <div className="hex-spacer" aria-hidden="true" style={{ height: p.spacer }} />
    </div>
  );
}
