// The hex grid of one target: rows of bytes drawn by an O(1) fixed-row scaled virtualizer
// (useVirtualScroll), fed by a small page cache (page-cache.ts) that reads through the ByteSource.
// Constant DOM and memory whatever the size. This component wires the hooks (scrolling, keys,
// mouse), keeps the jumped-to address centred and the cursor in view, and works out the rows;
// HexGridView draws them.
import { useEffect, useEffectEvent, useId, useLayoutEffect, useMemo, useState } from 'react';
import { foldAddress } from '../../format/addr.ts';
import { formatAddress, hexAddress } from '../../format/text.ts';
import type { ByteSource } from '../byte-source.ts';
import { selectSummary, useDumpStore, useViewStore } from '../store.ts';
import type { HexTarget } from './target.ts';
import { rowCount } from './cells.ts';
import { displayOrder, rowCol, rowSelection, virtToShowRow } from './cursor.ts';
import { selectionOf, useHexStore } from './hex-store.ts';
import { PageCache } from './page-cache.ts';
import { crossReferences } from '../xref.ts';
import { xrefRowMarks } from '../hang/hang.ts';
import { useSearchMarks } from '../search/useSearchMarks.ts';
import { useFocusTarget } from '../shortcuts/focus-request.ts';
import { renderCount, virtCentered } from './virtual.ts';
import { ROW_H, useVirtualScroll } from './useVirtualScroll.ts';
import { useHexKeys } from './useHexKeys.ts';
import { useHexMouse } from './useHexMouse.ts';
import { HexGridView, type HexGridViewProps } from './HexGridView.tsx';

/** Rows fetched beyond each edge of the viewport. */
const FETCH_MARGIN_ROWS = 32;

export function HexGrid({ t, source }: { t: HexTarget; source: ByteSource }) {
  const opts = useHexStore((s) => s.options);
  const bpr = opts.bytesPerRow;
  const cursor = useHexStore((s) => s.cursor);
  const anchor = useHexStore((s) => s.anchor);
  const cursorId = `${useId()}-cursor`;
  const rows = rowCount(t.length, bpr);
  const scroll = useVirtualScroll(rows, t.start, bpr);
  const { scrollRef, rowsRef, clientH, viewH, g, first, apply, virtRef, gRef, selfAddrRef, cancelReport } = scroll;
  useFocusTarget('hex-grid', scrollRef);
  const [mark, setMark] = useState<bigint | null>(null);
  const clearMark = () => setMark(null);
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

  // The store's address changed from outside (or the grid just appeared): centre and mark it.
  const address = useViewStore((s) => s.address);
  const measured = viewH > 0;
  useEffect(() => {
    if (measured) useHexStore.setState({ visibleRows: Math.max(1, Math.floor(viewH / ROW_H)) });
  }, [measured, viewH]);
  const centre = useEffectEvent((address: bigint | null) => {
    if (!measured) return;
    // The store address this grid has acted on (centred, or known as its own report): tests wait for it.
    if (scrollRef.current) scrollRef.current.dataset.syncedAddress = address === null ? '' : hexAddress(address);
    if (address === null || address === selfAddrRef.current) return;
    const a = t.kind === 'range' ? foldAddress(address) : address;
    if (a < t.start || a >= t.start + BigInt(t.length)) return;
    cancelReport(); // a pending scroll report must not undo the jump
    const off = Number(a - t.start);
    apply(virtCentered(gRef.current, Math.floor(off / bpr)), { writeScroll: true, fromUser: false, inEffect: true });
    setMark(a);
  });
  useLayoutEffect(() => centre(address), [address, measured, t, bpr]);

  // The cursor moved from elsewhere (the inspector, a jump): keep it in view.
  const showCursor = useEffectEvent((cursor: bigint | null) => {
    if (!measured || cursor === null) return;
    if (cursor < t.start || cursor >= t.start + BigInt(t.length)) return;
    const geo = gRef.current;
    const { row } = rowCol(t, cursor, bpr);
    const v = virtToShowRow(virtRef.current, row, ROW_H, geo.viewH);
    if (v !== virtRef.current) apply(v, { writeScroll: true, fromUser: true, inEffect: true });
  });
  useLayoutEffect(() => showCursor(cursor), [cursor, measured, t, bpr]);

  // Keep the cursor cell in view horizontally too (a narrow pane scrolls sideways).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const c = cursor === null ? null : document.getElementById(cursorId);
    if (!el || !c) return;
    const er = el.getBoundingClientRect();
    const cr = c.getBoundingClientRect();
    if (cr.left < er.left) el.scrollLeft -= er.left - cr.left + 16;
    else if (cr.right > er.right) el.scrollLeft += cr.right - er.right + 16;
  }, [cursor, cursorId, scrollRef]);

  useHexKeys(scroll, t, bpr, clearMark);
  const mouse = useHexMouse(scrollRef, t, clearMark);

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
  const rowProps: HexGridViewProps['rows'] = [];
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
    rowProps.push({
      key: row % slots,
      row,
      rowAddr,
      label: formatAddress(opts.offsets ? rowAddr - t.offsetBase : rowAddr, labelWidth),
      addrWidth: labelWidth,
      n,
      page: cache.get(pi),
      off: offset - pi * cache.pageSize,
      markCol: row === markRow ? markCol : -1,
      cursorCol: row === curRow ? curCol : -1,
      selLo: rs ? rs[0] : 0,
      selHi: rs ? rs[1] : 0,
      opts,
      order,
      cursorId,
      isRange: t.kind === 'range',
      xmarks: xrows?.get(row),
      hitMask,
      hitCurMask,
    });
  }

  return (
    <HexGridView
      scrollRef={scrollRef}
      rowsRef={rowsRef}
      label={`Hex view of ${t.label}`}
      rowCount={rows}
      opts={opts}
      order={order}
      labelWidth={labelWidth}
      columnLabel={t.kind === 'range' && !opts.offsets ? 'address' : 'offset'}
      clientH={clientH}
      viewH={viewH}
      spacer={Math.max(0, g.phys - viewH)}
      activeId={cursorShown ? cursorId : undefined}
      rows={rowProps}
      onMouseDown={mouse.onMouseDown}
      onMouseOver={mouse.onMouseOver}
    />
  );
}
