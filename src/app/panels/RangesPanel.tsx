// The VM ranges table: sortable, filterable, windowed when long; a row selects the range.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { useViewStore } from '../store.ts';
import { filterRanges, rangeRows, sortRanges, type RangeRow, type RangeSortKey } from './format.ts';
import { usePanelsStore } from './panels-store.ts';
import { useRowWindow } from './useRowWindow.ts';

const COLUMNS: { key: RangeSortKey; label: string; className?: string }[] = [
  { key: 'start', label: 'Start' },
  { key: 'end', label: 'End' },
  { key: 'size', label: 'Size', className: 'num' },
  { key: 'props', label: 'Properties' },
  { key: 'status', label: 'Status' },
];

function selectRange(index: number): void {
  useViewStore.getState().select({ kind: 'range', index });
}

export function RangesPanel({ summary }: { summary: DumpSummary }) {
  const rows = useMemo(() => rangeRows(summary), [summary]);
  const sort = usePanelsStore((s) => s.rangeSort);
  const filter = usePanelsStore((s) => s.rangeFilter);
  const shown = useMemo(() => sortRanges(filterRanges(rows, filter), sort), [rows, filter, sort]);
  const target = useViewStore((s) => s.target);
  const selected = target?.kind === 'range' ? target.index : null;
  const selectedPos = useMemo(() => (selected === null ? -1 : shown.findIndex((r) => r.index === selected)), [shown, selected]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const win = useRowWindow(shown.length, scrollRef);
  // Roving focus: one row is in the tab order (the selected one, else the first).
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const activePos = Math.min(active, Math.max(shown.length - 1, 0));

  // Follow a selection made elsewhere (a jump, a URL): make it the active row and show it.
  useEffect(() => {
    if (selectedPos >= 0) {
      setActive(selectedPos);
      win.scrollTo(selectedPos);
    }
  }, [selectedPos]);

  useEffect(() => {
    if (!focusPending.current) return;
    win.scrollTo(activePos);
    const id = requestAnimationFrame(() => {
      const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-pos="${activePos}"]`);
      if (el) {
        el.focus();
        focusPending.current = false;
      }
    });
    return () => cancelAnimationFrame(id);
  });

  const move = (pos: number) => {
    focusPending.current = true;
    setActive(Math.max(0, Math.min(shown.length - 1, pos)));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 220) / 22) - 2);
    switch (e.key) {
      case 'ArrowDown': move(activePos + 1); break;
      case 'ArrowUp': move(activePos - 1); break;
      case 'PageDown': move(activePos + page); break;
      case 'PageUp': move(activePos - page); break;
      case 'Home': move(0); break;
      case 'End': move(shown.length - 1); break;
      case 'Enter':
      case ' ': {
        const row = shown[activePos];
        if (row) selectRange(row.index);
        break;
      }
      default: return;
    }
    e.preventDefault();
  };

  return (
    <div className="panel-body ranges-panel">
      <div className="toolbar">
        <label className="filter">
          <span className="visually-hidden">Filter ranges</span>
          <input
            type="search"
            aria-label="Filter ranges"
            placeholder="Filter: address, properties, status…"
            value={filter}
            onChange={(e) => usePanelsStore.getState().setRangeFilter(e.target.value)}
          />
        </label>
        <span className="muted count" aria-live="polite">
          {shown.length === rows.length ? `${rows.length} ranges` : `${shown.length} of ${rows.length} ranges`}
        </span>
      </div>
      <div className="table-scroll" ref={scrollRef}>
        <table className="ptable ranges" role="grid" aria-label="VM ranges" aria-rowcount={shown.length + 1}>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.className}
                  aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="sortbtn" onClick={() => usePanelsStore.getState().sortRangesBy(c.key)}>
                    {c.label}
                    <span aria-hidden="true" className="sortmark">
                      {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody onKeyDown={onKeyDown}>
            {win.padTop > 0 && <tr aria-hidden="true" className="spacer" style={{ height: win.padTop }} />}
            {win.positions.map((pos) => (
              <RangeTr
                key={shown[pos].index}
                row={shown[pos]}
                pos={pos}
                selected={shown[pos].index === selected}
                tabbable={pos === activePos}
                onActivate={() => setActive(pos)}
              />
            ))}
            {win.padBottom > 0 && <tr aria-hidden="true" className="spacer" style={{ height: win.padBottom }} />}
          </tbody>
        </table>
        {shown.length === 0 && (
          <p className="empty">{rows.length === 0 ? 'No VM ranges in this dump.' : 'No range matches the filter.'}</p>
        )}
      </div>
    </div>
  );
}

function RangeTr({ row, pos, selected, tabbable, onActivate }: {
  row: RangeRow; pos: number; selected: boolean; tabbable: boolean; onActivate: () => void;
}) {
  return (
    <tr
      data-testid="range-row"
      data-address={row.address}
      data-pos={pos}
      aria-rowindex={pos + 2}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      className={selected ? 'selected' : undefined}
      onClick={() => {
        onActivate();
        selectRange(row.index);
      }}
    >
      <td className="mono addr">
        0x{row.start.toString(16).padStart(16, '0')}
        {row.badges.map((b) => (
          <span key={b} className={`badge badge-${b === 'batch' ? 'batch' : 'acthd'}`} title={b === 'batch' ? 'holds a batch buffer address' : 'holds an engine ACTHD'}>
            {b}
          </span>
        ))}
      </td>
      <td className="mono addr">0x{row.end.toString(16).padStart(16, '0')}</td>
      <td className="num" title={`${row.size} bytes (0x${row.size.toString(16)})`}>{row.sizeText}</td>
      <td className="props" title={row.propsRaw || undefined}>{row.props}</td>
      <td className={`status status-${row.status.kind}`}>{row.status.text}</td>
    </tr>
  );
}
