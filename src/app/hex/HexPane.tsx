// The hex view of the current view target (a range or a blob): a header line, then rows of
// 16 bytes drawn by an O(1) fixed-row scaled virtualizer (virtual.ts), fed by a small page cache
// (page-cache.ts) that reads through the ByteSource. Constant DOM and memory whatever the size.
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { foldAddress } from '../../format/addr.ts';
import type { ByteSource } from '../byte-source.ts';
import type { BlobInfo, DumpSummary, RangeInfo, Space } from '../../protocol/worker-api.ts';
import { selectSource, selectSummary, useDumpStore, useViewStore } from '../store.ts';
import { resolveTarget, type HexTarget } from './target.ts';
import { HEX2, UNKNOWN_CHAR, asciiChar, formatAddress, groupDigits, hexAddr, rowCount } from './format.ts';
import { clampAddr, displayOrder, isCursorKey, moveCursor, rowCol, rowSelection, virtToShowRow } from './cursor.ts';
import { selectionOf, useHexStore, type DisplayOptions } from './hex-store.ts';
import { installHexSync } from './hex-sync.ts';
import { HexStatus, HexToolbar } from './HexTools.tsx';
import { humanBytes } from '../../format/units.ts';
import { PageCache, type Page } from './page-cache.ts';
import { crossReferences } from '../xref.ts';
import { xrefRowMarks, type CellMark } from '../hang/hang.ts';
import { useSearchMarks } from '../search/useSearchMarks.ts';
import { hasCol } from '../search/marks.ts';
import {
  clampVirt,
  firstRow,
  geometry,
  pageRows,
  renderCount,
  scrollTopFromVirt,
  virtAtRow,
  virtByRows,
  virtCentered,
  virtFromScrollTop,
  wheelDeltaPx,
  type Geometry,
} from './virtual.ts';
import { useCommandsStore } from '../commands/commands-store.ts';
import { PaneTabs } from '../commands/PaneTabs.tsx';
import { useFocusTarget } from '../shortcuts/focus-request.ts';
import { CommandsView } from '../commands/CommandsView.tsx';
import './hex.css';

installHexSync();

/** Row height in px: must match .hex-row in hex.css. */
export const ROW_H = 20;
/** Height of the column header line inside the scroll box (px). */
const HEAD_H = ROW_H;
/** Rows fetched beyond each edge of the viewport. */
const FETCH_MARGIN_ROWS = 32;
/** How often scrolling may write the first visible row's address to the view store. */
const ADDRESS_PUSH_MS = 150;

/** What the grid shows, resolved from the dump and the view target. */

export function HexPane() {
  // While a first dump parses, the partial summary and the parsing worker serve the view.
  const dump = useDumpStore(selectSummary);
  const client = useDumpStore(selectSource);
  const generation = useDumpStore((s) => s.generation);
  const target = useViewStore((s) => s.target);
  const t = useMemo(() => resolveTarget(dump, target), [dump, target]);

  const bpr = useHexStore((s) => s.options.bytesPerRow);
  const mode = useCommandsStore((s) => s.mode);

  if (!dump || !t) {
    return (
      <section className="hexpane hex-pane" aria-label="Hex view">
        {dump && <HexToolbar dump={dump} t={null} />}
        <p className="hex-message">Select a memory range or a blob to see its bytes.</p>
      </section>
    );
  }
  const showGrid = t.hasData && t.length > 0 && client !== null;
  return (
    <section className="hexpane hex-pane" aria-label="Hex view">
      <HexHeader dump={dump} t={t} />
      <HexToolbar dump={dump} t={t} />
      <PaneTabs>
        {showGrid && mode === 'commands' ? (
          <CommandsView t={t} />
        ) : showGrid ? (
          <>
            <HexGrid key={`${generation}:${t.kind}:${t.index}:${bpr}`} t={t} source={client} />
            <HexStatus t={t} />
          </>
        ) : (
          <div className="hex-message" role="status" data-testid="hex-nodata">
            {noDataMessage(dump, t)}
          </div>
        )}
      </PaneTabs>
    </section>
  );
}

function noDataMessage(dump: DumpSummary, t: HexTarget): string {
  if (t.length === 0) return `This ${t.kind} is empty (0 bytes).`;
  if (t.kind === 'range') {
    const r = dump.ranges[t.index];
    if (r.error) return `No data: the kernel could not capture this range (error ${r.error}).`;
    const props = r.properties;
    const sparse = props?.type === 'null_sparse' || /\bnull_sparse\b/.test(props?.raw ?? '');
    if (sparse) return 'No data: this is a null (sparse) mapping with no backing memory, so nothing was captured.';
    return 'No data: the dump has no contents for this range.';
  }
  const b = dump.blobs[t.index];
  if (b.error) return `No data: capturing this blob failed (${b.error}).`;
  return 'No data: the dump has no contents for this blob.';
}

function HexHeader({ dump, t }: { dump: DumpSummary; t: HexTarget }) {
  const end = t.start + BigInt(t.length);
  const size = `${humanBytes(t.length)}${t.length >= 1024 ? ` (${groupDigits(t.length)} bytes)` : ''}`;
  const parts: ReactNode[] = [];
  let error: string | null = null;
  if (t.kind === 'range') {
    const r = dump.ranges[t.index];
    parts.push(<strong key="n">Range {t.index}</strong>);
    parts.push(
      <span key="a" className="mono" title="start – end (end exclusive)">
        {hexAddr(t.start)}–{hexAddr(end)}
      </span>,
    );
    if ((r.address & ((1n << 64n) - 1n)) !== t.start) {
      parts.push(<span key="c" className="mono hex-dim">printed as {hexAddr(r.address & ((1n << 64n) - 1n))}</span>);
    }
    parts.push(<span key="s">{size}</span>);
    if (r.part) {
      parts.push(
        <span key="part" className="hex-part" data-testid="hex-part">
          part of range <span className="mono">{hexAddr(r.part.start)}</span> ({humanBytes(r.part.length)}): only these bytes came with the link
        </span>,
      );
    }
    if (r.properties) parts.push(<span key="p" className="mono">{r.properties.raw}</span>);
    error = r.error;
  } else {
    const b = dump.blobs[t.index];
    parts.push(<strong key="n">Blob {b.name}</strong>);
    if (b.section) parts.push(<span key="sec">in “{b.section}”</span>);
    if (b.gucId !== null) parts.push(<span key="g">GuC ID {b.gucId}</span>);
    parts.push(
      <span key="a" className="mono" title="offsets, end exclusive">
        {hexAddr(0n)}–{hexAddr(end)}
      </span>,
    );
    parts.push(<span key="s">{size}</span>);
    error = b.error;
  }
  const truncated = t.hasData && t.decodedLength < t.length;
  return (
    <div className="hex-header" data-testid="hex-header">
      {parts.map((p, i) => (
        <span key={i} className="hex-header-part">
          {p}
        </span>
      ))}
      {error !== null && <span className="hex-header-part hex-error">error {error}</span>}
      {truncated && (
        <span className="hex-header-part hex-warning">
          truncated: {groupDigits(t.decodedLength)} of {groupDigits(t.length)} bytes decoded, the rest shows as ??
        </span>
      )}
    </div>
  );
}

// ---- The grid ----------------------------------------------------------------------------------

interface RowProps {
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

const HexRow = memo(function HexRow(p: RowProps) {
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
    <div role="row" aria-rowindex={row + 1} className="hex-row" data-address={hexAddr(rowAddr)} aria-busy={loading || undefined}>
      <span role="rowheader" className="hx-addr" style={{ width: `${addrWidth}ch` }}>
        {label}
      </span>
      {cells}
      {ascii}
    </div>
  );
});

interface ApplyOptions {
  /** Write scrollTop (wheel, keys, jumps); false for a native scroll, which already moved it. */
  writeScroll: boolean;
  /** The user moved: report the first visible row's address to the view store (throttled). */
  fromUser: boolean;
  /** Called from an effect: React is committing, so no flushSync. */
  inEffect?: boolean;
}

/** Address of the byte cell (hex or ASCII) under an event target, or null. */
function addressAt(target: EventTarget | null): bigint | null {
  if (!(target instanceof Element)) return null;
  const cell = target.closest<HTMLElement>('[data-offset],[data-ascii]');
  const row = cell?.closest<HTMLElement>('[data-address]');
  if (!cell || !row?.dataset.address) return null;
  const col = Number(cell.dataset.offset ?? cell.dataset.ascii);
  if (!Number.isFinite(col)) return null;
  return BigInt(row.dataset.address) + BigInt(col);
}

function HexGrid({ t, source }: { t: HexTarget; source: ByteSource }) {
  const opts = useHexStore((s) => s.options);
  const bpr = opts.bytesPerRow;
  const cursor = useHexStore((s) => s.cursor);
  const anchor = useHexStore((s) => s.anchor);
  const cursorId = `${useId()}-cursor`;
  const rows = rowCount(t.length, bpr);
  const scrollRef = useRef<HTMLDivElement>(null);
  useFocusTarget('hex-grid', scrollRef);
  const rowsRef = useRef<HTMLDivElement>(null);
  const [clientH, setClientH] = useState(0);
  const viewH = Math.max(0, clientH - HEAD_H);
  const g = useMemo(() => geometry(rows, ROW_H, viewH), [rows, viewH]);
  const [first, setFirst] = useState(0);
  const [mark, setMark] = useState<bigint | null>(null);
  const [, setTick] = useState(0);
  const order = useMemo(() => displayOrder(bpr, opts.group, opts.littleEndian), [bpr, opts.group, opts.littleEndian]);
  // Cross-reference marks (ACTHD dword, batch start) of this range, by row: once per target.
  const xsummary = useDumpStore(selectSummary);
  const xrows = useMemo(
    () => (t.kind === 'range' && xsummary ? xrefRowMarks(crossReferences(xsummary), t.index, t.start, t.length, bpr) : null),
    [xsummary, t.kind, t.index, t.start, t.length, bpr],
  );
  const searchMarks = useSearchMarks(t.kind, t.index);
  const labelWidth = opts.offsets && t.kind === 'range' ? Math.max(8, Math.max(0, Number(t.start - t.offsetBase) + t.length - 1).toString(16).length) : t.addrWidth;

  const gRef = useRef<Geometry>(g);
  const virtRef = useRef(0);
  const firstRef = useRef(0);
  /** scrollTop we last wrote (its echoed scroll event is ignored). */
  const lastSetRef = useRef<number | null>(null);
  /** Address this view last wrote to the store (not re-centred on). */
  const selfAddrRef = useRef<bigint | null>(null);
  const pushTimerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const tRef = useRef(t);
  tRef.current = t;

  const [cache] = useState(() => new PageCache(source, t.space, t.start, t.length));
  useEffect(() => {
    cache.onLoad = (page) => {
      // Repaint only when the page is one the viewport (with its margin) still wants.
      if (cache.wanted(page.index)) setTick((n) => n + 1);
    };
    return () => {
      cache.onLoad = null;
    };
  }, [cache]);

  // The one place the virtual offset changes.
  const apply = useRef<(virt: number, o: ApplyOptions) => void>(() => {});
  apply.current = (virt, o) => {
    const el = scrollRef.current;
    const geo = gRef.current;
    const v = clampVirt(geo, virt);
    virtRef.current = v;
    if (o.writeScroll && el) {
      const st = scrollTopFromVirt(geo, v);
      lastSetRef.current = st;
      el.scrollTop = st;
    }
    const f = firstRow(geo, v);
    if (f !== firstRef.current) {
      firstRef.current = f;
      if (o.inEffect) setFirst(f);
      else flushSync(() => setFirst(f));
    }
    const box = rowsRef.current;
    if (box) box.style.transform = `translateY(${f * ROW_H - v}px)`;
    if (o.fromUser) schedulePush();
  };

  function schedulePush() {
    if (pushTimerRef.current !== null) return;
    pushTimerRef.current = setTimeout(() => {
      pushTimerRef.current = null;
      const a = t.start + BigInt(firstRow(gRef.current, virtRef.current) * bpr);
      selfAddrRef.current = a;
      useViewStore.getState().setAddress(a);
    }, ADDRESS_PUSH_MS);
  }
  useEffect(
    () => () => {
      if (pushTimerRef.current !== null) clearTimeout(pushTimerRef.current);
      pushTimerRef.current = null;
    },
    [],
  );

  // Measure the scroll box. The observer's first report comes after the browser's own layout, so
  // the rows render in a task of their own instead of forcing a layout inside the mount.
  useEffect(() => {
    const el = scrollRef.current!;
    const measure = () => setClientH(el.clientHeight);
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // New geometry (first measure, resize): keep the virtual offset, re-derive scrollTop.
  useLayoutEffect(() => {
    gRef.current = g;
    apply.current(virtRef.current, { writeScroll: true, fromUser: false, inEffect: true });
  }, [g]);

  // The store's address changed from outside (or the grid just appeared): centre and mark it.
  const address = useViewStore((s) => s.address);
  const measured = viewH > 0;
  useEffect(() => {
    if (measured) useHexStore.setState({ visibleRows: Math.max(1, Math.floor(viewH / ROW_H)) });
  }, [measured, viewH]);
  useLayoutEffect(() => {
    if (!measured || address === null || address === selfAddrRef.current) return;
    const a = t.kind === 'range' ? foldAddress(address) : address;
    if (a < t.start || a >= t.start + BigInt(t.length)) return;
    if (pushTimerRef.current !== null) {
      clearTimeout(pushTimerRef.current); // a pending scroll report must not undo the jump
      pushTimerRef.current = null;
    }
    const off = Number(a - t.start);
    apply.current(virtCentered(gRef.current, Math.floor(off / bpr)), { writeScroll: true, fromUser: false, inEffect: true });
    setMark(a);
  }, [address, measured, t, bpr]);

  // The cursor moved from elsewhere (the inspector, a jump): keep it in view.
  useLayoutEffect(() => {
    if (!measured || cursor === null) return;
    if (cursor < t.start || cursor >= t.start + BigInt(t.length)) return;
    const geo = gRef.current;
    const { row } = rowCol(t, cursor, bpr);
    const v = virtToShowRow(virtRef.current, row, ROW_H, geo.viewH);
    if (v !== virtRef.current) apply.current(v, { writeScroll: true, fromUser: true, inEffect: true });
  }, [cursor, measured, t, bpr]);

  // Keep the cursor cell in view horizontally too (a narrow pane scrolls sideways).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const c = cursor === null ? null : document.getElementById(cursorId);
    if (!el || !c) return;
    const er = el.getBoundingClientRect();
    const cr = c.getBoundingClientRect();
    if (cr.left < er.left) el.scrollLeft -= er.left - cr.left + 16;
    else if (cr.right > er.right) el.scrollLeft += cr.right - er.right + 16;
  }, [cursor, cursorId]);

  // Native listeners: scroll (thumb drag), wheel (non-passive), keys.
  useEffect(() => {
    const el = scrollRef.current!;
    const onScroll = () => {
      const st = el.scrollTop;
      const last = lastSetRef.current;
      // The echo of our own write. Scaled (a range of GiBs, each px hundreds of rows), the browser
      // may keep a scrollTop up to ~1.5 px from the one written: 2 px are an echo there.
      if (last !== null && Math.abs(st - last) <= (gRef.current.ratio > 1 ? 2 : 1)) return;
      lastSetRef.current = null;
      apply.current(virtFromScrollTop(gRef.current, st), { writeScroll: false, fromUser: true });
    };
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey) return; // zoom
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) return; // horizontal: native
      const geo = gRef.current;
      if (geo.maxVirt <= 0) return;
      e.preventDefault();
      apply.current(virtRef.current + wheelDeltaPx(geo, e.deltaY, e.deltaMode), { writeScroll: true, fromUser: true });
    };
    /** With a cursor: move it (Shift extends the selection) and keep it in view. */
    const cursorKey = (e: KeyboardEvent, cur: bigint): boolean => {
      const tt = tRef.current;
      const geo = gRef.current;
      if (e.key === 'Escape') {
        if (useHexStore.getState().anchor === null) return false;
        useHexStore.getState().clearSelection();
        return true;
      }
      if (!isCursorKey(e.key)) return false;
      const ctrl = e.ctrlKey && (e.key === 'Home' || e.key === 'End');
      if (e.ctrlKey && !ctrl) return false;
      const rowsPerPage = pageRows(geo);
      const next = moveCursor(tt, cur, e.key, bpr, rowsPerPage, ctrl);
      let v = virtRef.current;
      if (e.key === 'PageDown') v = virtByRows(geo, v, rowsPerPage);
      else if (e.key === 'PageUp') v = virtByRows(geo, v, -rowsPerPage);
      v = virtToShowRow(clampVirt(geo, v), rowCol(tt, next, bpr).row, ROW_H, geo.viewH);
      setMark(null);
      useHexStore.getState().setCursor(next, e.shiftKey);
      apply.current(v, { writeScroll: true, fromUser: true });
      return true;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.metaKey) return;
      const cur = useHexStore.getState().cursor;
      const tt = tRef.current;
      if (cur !== null && cur >= tt.start && cur < tt.start + BigInt(tt.length)) {
        if (cursorKey(e, cur)) e.preventDefault();
        return;
      }
      const geo = gRef.current;
      const v = virtRef.current;
      let next: number;
      switch (e.key) {
        case 'ArrowLeft':
        case 'ArrowRight': {
          // No cursor yet: put it on the first byte of the top row.
          e.preventDefault();
          const row = Math.min(geo.rows - 1, Math.ceil(v / ROW_H - 1e-6));
          useHexStore.getState().setCursor(clampAddr(tt, tt.start + BigInt(row * bpr)));
          return;
        }
        case 'ArrowDown':
          next = virtByRows(geo, v, 1);
          break;
        case 'ArrowUp':
          next = virtByRows(geo, v, -1);
          break;
        case 'PageDown':
          next = virtByRows(geo, v, pageRows(geo));
          break;
        case 'PageUp':
          next = virtByRows(geo, v, -pageRows(geo));
          break;
        case 'Home':
          next = virtAtRow(geo, 0);
          break;
        case 'End':
          next = geo.maxVirt;
          break;
        default:
          return;
      }
      e.preventDefault();
      apply.current(next, { writeScroll: true, fromUser: true });
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('keydown', onKey);
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('keydown', onKey);
    };
  }, [bpr]);

  // Mouse: a click puts the cursor on a byte, Shift+click extends, a drag selects.
  const dragRef = useRef(false);
  useEffect(() => {
    const up = () => {
      dragRef.current = false;
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);
  const onMouseDown = (e: React.MouseEvent) => {
    if (e.button !== 0) return;
    const a = addressAt(e.target);
    if (a === null || a < t.start || a >= t.start + BigInt(t.length)) return;
    e.preventDefault(); // no text selection; focus by hand
    scrollRef.current?.focus({ preventScroll: true });
    setMark(null);
    useHexStore.getState().setCursor(a, e.shiftKey);
    dragRef.current = true;
  };
  const onMouseOver = (e: React.MouseEvent) => {
    if (!dragRef.current) return;
    if ((e.buttons & 1) === 0) {
      dragRef.current = false;
      return;
    }
    const a = addressAt(e.target);
    if (a === null || a < t.start || a >= t.start + BigInt(t.length)) return;
    if (a !== useHexStore.getState().cursor) useHexStore.getState().setCursor(a, true);
  };

  // Keep the rows box at its small offset after every render (React never owns the transform).
  useLayoutEffect(() => {
    const box = rowsRef.current;
    if (box) box.style.transform = `translateY(${first * ROW_H - virtRef.current}px)`;
  });

  const count = renderCount(g, first);

  // Fetch what is visible plus a margin.
  useEffect(() => {
    if (count === 0) return;
    const lo = Math.max(0, first - FETCH_MARGIN_ROWS) * bpr;
    const hi = Math.min(rows - 1, first + count + FETCH_MARGIN_ROWS) * bpr;
    cache.ensure(cache.pageOf(lo), cache.pageOf(hi));
  }, [cache, first, count, rows, bpr]);

  const end = t.start + BigInt(t.length);
  const inT = (a: bigint | null): a is bigint => a !== null && a >= t.start && a < end;
  let markRow = -1;
  let markCol = -1;
  if (inT(mark)) ({ row: markRow, col: markCol } = rowCol(t, mark, bpr));
  let curRow = -1;
  let curCol = -1;
  if (inT(cursor)) ({ row: curRow, col: curCol } = rowCol(t, cursor, bpr));
  const sel = inT(cursor) ? selectionOf({ cursor, anchor }) : null;

  // Keys are row numbers modulo the slot count: scrolling by one row moves one DOM row from one end
  // to the other (the rest keep their props and skip rendering), and a jump reuses every DOM row.
  const slots = Math.ceil(viewH / ROW_H) + 1;
  const rowEls: ReactNode[] = [];
  let cursorShown = false;
  for (let k = 0; k < count; k++) {
    const row = first + k;
    const offset = row * bpr;
    const pi = cache.pageOf(offset);
    const rowAddr = t.start + BigInt(offset);
    const n = Math.min(bpr, t.length - offset);
    const rs = sel ? rowSelection(rowAddr, n, sel.start, sel.end) : null;
    if (row === curRow) cursorShown = true;
    const [hitMask, hitCurMask] = searchMarks(offset, n);
    rowEls.push(
      <HexRow
        key={row % slots}
        row={row}
        rowAddr={rowAddr}
        label={formatAddress(opts.offsets ? rowAddr - t.offsetBase : rowAddr, labelWidth)}
        addrWidth={labelWidth}
        n={n}
        page={cache.get(pi)}
        off={offset - pi * cache.pageSize}
        markCol={row === markRow ? markCol : -1}
        cursorCol={row === curRow ? curCol : -1}
        selLo={rs ? rs[0] : 0}
        selHi={rs ? rs[1] : 0}
        opts={opts}
        order={order}
        cursorId={cursorId}
        isRange={t.kind === 'range'}
        xmarks={xrows?.get(row)}
        hitMask={hitMask}
        hitCurMask={hitCurMask}
      />,
    );
  }

  const spacer = Math.max(0, g.phys - viewH);
  return (
    <div
      ref={scrollRef}
      className="hex-scroll"
      data-testid="hex-view"
      role="grid"
      tabIndex={0}
      aria-label={`Hex view of ${t.label}`}
      aria-rowcount={rows}
      aria-colcount={bpr + (opts.ascii ? 2 : 1)}
      aria-readonly
      aria-multiselectable
      aria-activedescendant={cursorShown ? cursorId : undefined}
    >
      <div className="hex-sticky" role="presentation" style={{ height: clientH }}>
        <div className="hex-row hex-colhead" aria-hidden="true">
          <span className="hx-addr" style={{ width: `${labelWidth}ch` }}>
            {t.kind === 'range' && !opts.offsets ? 'address' : 'offset'}
          </span>
          {order.map((i, pos) => (
            <span key={pos} className={`hb${pos > 0 && opts.group > 1 && pos % opts.group === 0 ? ' hb-gs' : ''}`}>
              {HEX2[i]}
            </span>
          ))}
          {opts.ascii && <span className="hx-ascii">ascii</span>}
        </div>
        <div className="hex-rowsview" role="presentation" style={{ height: viewH }} onMouseDown={onMouseDown} onMouseOver={onMouseOver}>
          <div ref={rowsRef} className="hex-rows" role="rowgroup">
            {rowEls}
          </div>
        </div>
      </div>
      <div className="hex-spacer" aria-hidden="true" style={{ height: spacer }} />
    </div>
  );
}
