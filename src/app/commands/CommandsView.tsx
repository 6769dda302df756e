// The Commands view: the instructions of the range or blob shown, decoded in the worker. A tree
// grid of fixed-height lines (an expanded instruction adds one line per field) drawn by the hex
// view's O(1) scaled virtualizer, so a listing of millions of instructions opens at once. Logic
// lives in commands-store.ts; this renders and forwards keys and clicks.
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { CommandRow } from '../../protocol/commands.ts';
import { groupDigits, hexAddress } from '../../format/text.ts';
import type { HexTarget } from '../hex/target.ts';
import { virtToShowRow } from '../hex/cursor.ts';
import { clampVirt, firstRow, geometry, pageRows, renderCount, scrollTopFromVirt, virtCentered, virtFromScrollTop, wheelDeltaPx } from '../hex/virtual.ts';
import { lineAt, lineOf, totalLines } from './lines.ts';
import { useCommandsStore } from './commands-store.ts';
import { hex32, rawText, summaryText } from './columns.ts';
import { useFocusTarget } from '../shortcuts/focus-request.ts';
import './commands.css';

/** Line height in px: must match .cmd-line in commands.css. */
export const LINE_H = 20;
/** Rows fetched beyond each edge of the viewport. */
const FETCH_MARGIN = 48;

export function CommandsView({ t }: { t: HexTarget }) {
  const info = useCommandsStore((s) => s.info);
  const loading = useCommandsStore((s) => s.loading);
  const error = useCommandsStore((s) => s.error);
  useEffect(() => {
    void useCommandsStore.getState().sync();
  }, [t.kind, t.index]);
  return (
    <div className="cmd-view" data-testid="commands-view">
      <CommandsToolbar />
      {error && (
        <div className="cmd-error" role="alert">
          {error}
        </div>
      )}
      {info && info.target.kind === t.kind && info.target.index === t.index ? (
        <CommandList label={`Commands of ${t.label}`} />
      ) : (
        <div className="hex-message" role="status">
          {loading ? 'Listing the instructions…' : t.hasData ? '' : 'No data to decode.'}
        </div>
      )}
      <CommandsStatus />
    </div>
  );
}

function CommandsToolbar() {
  const info = useCommandsStore((s) => s.info);
  const platform = useCommandsStore((s) => s.platform);
  const filterText = useCommandsStore((s) => s.filterText);
  const filter = useCommandsStore((s) => s.filter);
  const count = useCommandsStore((s) => s.count);
  const filterId = useId();
  const filterRef = useRef<HTMLInputElement>(null);
  const platformRef = useRef<HTMLSelectElement>(null);
  useFocusTarget('commands-filter', filterRef);
  useFocusTarget('commands-platform', platformRef);
  return (
    <div className="cmd-toolbar" role="toolbar" aria-label="Commands tools">
      <label className="cmd-filter" htmlFor={filterId}>
        <span>Filter</span>
      </label>
      <input
        ref={filterRef}
        id={filterId}
        className="mono"
        type="search"
        data-testid="commands-filter"
        spellCheck={false}
        autoComplete="off"
        placeholder="instruction name (/)"
        aria-keyshortcuts="/"
        value={filterText}
        onChange={(e) => useCommandsStore.getState().setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === 'Enter') {
            e.preventDefault();
            if (e.key === 'Escape' && filterText) useCommandsStore.getState().setFilter('');
            focusList(e.currentTarget);
          }
        }}
      />
      <label className="cmd-platform">
        <span>Platform</span>
        <select
          ref={platformRef}
          data-testid="commands-platform"
          aria-keyshortcuts="p"
          value={platform ?? ''}
          onChange={(e) => useCommandsStore.getState().setPlatform(e.target.value || null)}
        >
          <option value="">{info?.detected ? `from the dump: ${labelOf(info, info.detected)}` : 'from the dump'}</option>
          {info?.platforms.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!info?.acthd} aria-keyshortcuts="h" title="Instruction at ACTHD (h)" onClick={() => void useCommandsStore.getState().goToActhd()}>
        Go to ACTHD
      </button>
      <span className="cmd-count" role="status" data-testid="commands-count">
        {info && (filter ? `${groupDigits(count)} of ${groupDigits(info.count)} instructions match` : `${groupDigits(info.count)} instructions${info.complete ? '' : ' so far (walking the range)'}`)}
      </span>
    </div>
  );
}

function labelOf(info: { platforms: { id: string; label: string }[] }, id: string): string {
  return info.platforms.find((p) => p.id === id)?.label ?? id;
}

function CommandsStatus() {
  const info = useCommandsStore((s) => s.info);
  const at = useCommandsStore((s) => s.at);
  const rows = useCommandsStore((s) => s.rows);
  useCommandsStore((s) => s.rowsVersion);
  const row = at ? rows?.get(at.pos) : undefined;
  const parts: string[] = [];
  if (info) {
    parts.push(`Decoded as ${labelOf(info, info.platform)}${info.platform === info.detected ? ` (${info.detectedFrom})` : info.detected ? ' (chosen)' : ` (${info.detectedFrom})`}`);
    if (row) parts.push(`Cursor ${hexAddress(row.address)}: ${row.name}, ${row.length} ${row.length === 1 ? 'dword' : 'dwords'}`);
  }
  return (
    <div className="hex-status mono" role="status" aria-live="polite" data-testid="commands-status">
      {parts.join(' · ')}
    </div>
  );
}

/** Focus the Commands list of the pane holding `from`. */
export function focusList(from: Element | null): void {
  requestAnimationFrame(() => {
    const pane = from?.closest('.hex-pane') ?? document;
    pane.querySelector<HTMLElement>('[data-testid="commands-list"]')?.focus({ preventScroll: true });
  });
}

function CommandList({ label }: { label: string }) {
  const count = useCommandsStore((s) => s.count);
  const expanded = useCommandsStore((s) => s.expanded);
  const rows = useCommandsStore((s) => s.rows);
  useCommandsStore((s) => s.rowsVersion);
  const at = useCommandsStore((s) => s.at);
  const scrollSeq = useCommandsStore((s) => s.scrollSeq);
  const ipehr = useCommandsStore((s) => s.info?.acthd ?? null);
  const lines = totalLines(count, expanded);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewH, setViewH] = useState(0);
  const g = useMemo(() => geometry(lines, LINE_H, viewH), [lines, viewH]);
  const [virt, setVirt] = useState(0);
  const virtRef = useRef(0);
  const gRef = useRef(g);
  gRef.current = g;
  const lastSet = useRef<number | null>(null);
  const cursorId = `${useId()}-cursor`;

  const scrollToVirt = (v: number) => {
    const c = clampVirt(gRef.current, v);
    virtRef.current = c;
    const el = scrollRef.current;
    if (el) {
      const st = scrollTopFromVirt(gRef.current, c);
      lastSet.current = st;
      el.scrollTop = st;
    }
    setVirt(c);
  };

  useEffect(() => {
    const el = scrollRef.current!;
    const ro = new ResizeObserver(() => setViewH(el.clientHeight));
    ro.observe(el);
    const onScroll = () => {
      const st = el.scrollTop;
      if (lastSet.current !== null && Math.abs(st - lastSet.current) <= 1) return;
      lastSet.current = null;
      const v = virtFromScrollTop(gRef.current, st);
      virtRef.current = v;
      setVirt(v);
    };
    const onWheel = (e: WheelEvent) => {
      const geo = gRef.current;
      // Unscaled lists scroll natively; a scaled one moves 1:1 in virtual pixels.
      if (e.ctrlKey || geo.ratio <= 1 || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      scrollToVirt(virtRef.current + wheelDeltaPx(geo, e.deltaY, e.deltaMode));
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
    };
  }, []);

  // New geometry (measure, expansion): keep the offset, re-derive scrollTop.
  useLayoutEffect(() => {
    scrollToVirt(virtRef.current);
  }, [g]);

  // The store asked to show the cursor: centred (a jump), or with the least scroll (a key), the
  // fields of an expanded instruction too as far as they fit.
  const scrollMode = useCommandsStore((s) => s.scrollMode);
  const cursorLine = at ? lineOf(at.pos, expanded) + at.sub : -1;
  useLayoutEffect(() => {
    if (cursorLine < 0 || viewH <= 0) return;
    const geo = gRef.current;
    if (scrollMode === 'center') {
      scrollToVirt(virtCentered(geo, cursorLine));
      return;
    }
    const extra = at && at.sub === 0 ? expanded.find((x) => x.pos === at.pos)?.extra ?? 0 : 0;
    const lastLine = cursorLine + Math.min(extra, Math.max(0, Math.floor(geo.viewH / LINE_H) - 1));
    const v = virtToShowRow(virtRef.current, lastLine, LINE_H, geo.viewH);
    scrollToVirt(virtToShowRow(v, cursorLine, LINE_H, geo.viewH));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollSeq, viewH > 0]);

  // Take the focus when asked (the view switched to by key, h), once the list is drawn.
  useFocusTarget('commands-list', scrollRef);

  const first = firstRow(g, virt);
  const n = renderCount(g, first);
  const firstRef = lineAt(first, count, expanded);
  const lastRef = lineAt(first + Math.max(0, n - 1), count, expanded);
  useEffect(() => {
    if (!rows || n === 0) return;
    rows.ensure(firstRef.pos - FETCH_MARGIN, lastRef.pos + FETCH_MARGIN);
  }, [rows, firstRef.pos, lastRef.pos, n]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.metaKey) return;
    const s = useCommandsStore.getState();
    const cur = s.at;
    const row = cur ? s.rows?.get(cur.pos) : undefined;
    const page = pageRows(gRef.current);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown': s.moveBy(1); break;
      case 'ArrowUp': s.moveBy(-1); break;
      case 'PageDown': s.moveBy(page); break;
      case 'PageUp': s.moveBy(-page); break;
      case 'Home': s.moveTo({ pos: 0, sub: 0 }); break;
      case 'End': s.moveTo({ pos: s.count - 1, sub: 0 }); break;
      case 'ArrowRight':
        if (cur && cur.sub === 0) {
          if (s.expanded.some((x) => x.pos === cur.pos)) s.moveBy(1);
          else s.toggleExpand(cur.pos, true);
        }
        break;
      case 'ArrowLeft':
        if (cur && cur.sub > 0) s.moveTo({ pos: cur.pos, sub: 0 });
        else if (cur) s.toggleExpand(cur.pos, false);
        break;
      case 'Enter':
      case 'f': {
        if (!cur || !row) break;
        const link = cur.sub > 0 ? fieldAddress(row, cur.sub - 1) : row.fields.find((f) => f.address !== undefined)?.address;
        if (link !== undefined && (e.key === 'f' || cur.sub > 0)) s.follow(link);
        else if (e.key === 'Enter') s.toggleExpand(cur.pos);
        else handled = false;
        break;
      }
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const el = (e.target as Element).closest<HTMLElement>('[data-line]');
    if (!el) return;
    const pos = Number(el.dataset.pos);
    const sub = Number(el.dataset.sub);
    const s = useCommandsStore.getState();
    scrollRef.current?.focus({ preventScroll: true });
    if ((e.target as Element).closest('.cmd-twisty')) {
      s.toggleExpand(pos);
      s.moveTo({ pos, sub: 0 }, false);
      return;
    }
    s.moveTo({ pos, sub }, false);
  };


  const out = [];
  let cursorShown = false;
  const slots = Math.ceil(viewH / LINE_H) + 1;
  for (let k = 0; k < n; k++) {
    const line = first + k;
    const ref = lineAt(line, count, expanded);
    const row = rows?.get(ref.pos);
    const isCursor = at !== null && at.pos === ref.pos && at.sub === ref.sub;
    if (isCursor) cursorShown = true;
    const open = expanded.some((x) => x.pos === ref.pos);
    out.push(
      ref.sub === 0 ? (
        <InstrLine key={line % slots} line={line} pos={ref.pos} row={row} open={open} cursor={isCursor} cursorId={cursorId} ipehr={row?.acthd ? ipehr : null} />
      ) : (
        <FieldLine key={line % slots} line={line} pos={ref.pos} sub={ref.sub} row={row} cursor={isCursor} cursorId={cursorId} />
      ),
    );
  }
  return (
    <div
      ref={scrollRef}
      className="cmd-scroll"
      role="treegrid"
      tabIndex={0}
      data-testid="commands-list"
      aria-label={label}
      aria-rowcount={lines}
      aria-readonly
      aria-activedescendant={cursorShown ? cursorId : undefined}
      onKeyDown={onKey}
      onClick={onClick}
      onDoubleClick={(e) => {
        const el = (e.target as Element).closest<HTMLElement>('[data-line]');
        if (el && Number(el.dataset.sub) === 0) useCommandsStore.getState().toggleExpand(Number(el.dataset.pos));
      }}
    >
      <div className="cmd-sticky" role="presentation" style={{ height: viewH }}>
        <div role="rowgroup" className="cmd-lines" style={{ transform: `translateY(${first * LINE_H - virt}px)` }}>
          {out}
        </div>
      </div>
      <div aria-hidden="true" style={{ height: Math.max(0, g.phys - viewH) }} />
    </div>
  );
}

function fieldAddress(row: CommandRow, i: number): bigint | undefined {
  return row.fields[i]?.address;
}

/** What every line of the tree grid carries: its row role, place, level, cursor state and the hooks the click handler reads. */
function lineAttrs(line: number, pos: number, sub: number, cursor: boolean, cursorId: string) {
  return {
    role: 'row',
    id: cursor ? cursorId : undefined,
    'aria-rowindex': line + 1,
    'aria-level': sub === 0 ? 1 : 2,
    'aria-selected': cursor,
    'data-line': line,
    'data-pos': pos,
    'data-sub': sub,
  } as const;
}

interface InstrProps {
  line: number;
  pos: number;
  row: CommandRow | undefined;
  open: boolean;
  cursor: boolean;
  cursorId: string;
  ipehr: { ipehr: number | null; ipehrName: string | null; engine: string } | null;
}

const InstrLine = memo(function InstrLine({ line, pos, row, open, cursor, cursorId, ipehr }: InstrProps) {
  if (!row) {
    return (
      <div role="row" aria-rowindex={line + 1} aria-level={1} aria-busy className="cmd-line cmd-loading" data-line={line} data-pos={pos} data-sub={0}>
        <span role="gridcell">…</span>
      </div>
    );
  }
  let cls = 'cmd-line';
  if (row.acthd) cls += ' cmd-acthd';
  if (row.unknown) cls += ' cmd-unknown';
  if (cursor) cls += ' cmd-cursor';
  const ipehrMatch = ipehr?.ipehr != null ? (row.dwords[0] === ipehr.ipehr) : null;
  return (
    <div
      {...lineAttrs(line, pos, 0, cursor, cursorId)}
      aria-expanded={open}
      className={cls}
      data-testid="command-row"
      data-address={hexAddress(row.address)}
      data-acthd={row.acthd ? 'true' : undefined}
    >
      <span role="gridcell" className="cmd-twisty" aria-hidden="true">{open ? '▾' : '▸'}</span>
      <span role="gridcell" className="cmd-addr">{hexAddress(row.address)}</span>
      <span role="gridcell" className="cmd-raw" title={rawText(row.dwords, row.length, 64)}>{rawText(row.dwords, row.length, 3)}</span>
      <span role="gridcell" className="cmd-name">{row.name}</span>
      {row.acthd && (
        <span role="gridcell" className="cmd-badge" data-testid="command-acthd">
          ACTHD{ipehr ? ` ${ipehr.engine}` : ''}
          {ipehr?.ipehr != null && (
            <span className={ipehrMatch ? 'cmd-ipehr' : 'cmd-ipehr cmd-ipehr-differs'} data-testid="command-ipehr">
              {' '}IPEHR {hex32(ipehr.ipehr)}{ipehr.ipehrName ? ` ${ipehr.ipehrName}` : ''}{ipehrMatch ? ' (= this header)' : ' (≠ this header)'}
            </span>
          )}
        </span>
      )}
      <span role="gridcell" className="cmd-fields">{summaryText(row)}</span>
    </div>
  );
});

interface FieldProps {
  line: number;
  pos: number;
  sub: number;
  row: CommandRow | undefined;
  cursor: boolean;
  cursorId: string;
}

const FieldLine = memo(function FieldLine({ line, pos, sub, row, cursor, cursorId }: FieldProps) {
  const f = row?.fields[sub - 1];
  const note = row && sub - 1 === row.fields.length && row.note ? row.note : null;
  const follow = (e: MouseEvent) => {
    e.stopPropagation();
    if (f?.address !== undefined) useCommandsStore.getState().follow(f.address);
  };
  return (
    <div {...lineAttrs(line, pos, sub, cursor, cursorId)} className={`cmd-line cmd-field${cursor ? ' cmd-cursor' : ''}`} data-testid="command-field">
      <span role="gridcell" className="cmd-field-name">{f ? f.name : note ? 'note' : ''}</span>
      <span role="gridcell" className="cmd-field-value mono">
        {f ? (
          f.address !== undefined ? (
            <button type="button" tabIndex={-1} className="cmd-link" aria-label={`Go to ${hexAddress(f.address)} (${f.name})`} onClick={follow}>
              {f.value}
            </button>
          ) : (
            f.value
          )
        ) : note ?? (row && row.fields.length === 0 ? 'no field decode for this instruction' : '')}
      </span>
    </div>
  );
});
