// The hex grid's virtual scrolling: a scaled virtualizer (virtual.ts) over a scroll box whose
// spacer is capped, so that every row of a 4 GiB range is reachable with ~40 DOM rows. It owns the
// virtual offset (one `apply` changes it), the scroll box's height, the first row rendered, the
// scroll and wheel listeners, and the throttled report of the first visible row's address to the
// view store (while one waits, the box carries data-report-pending).
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useViewStore } from '../store.ts';
import { clampVirt, firstRow, geometry, scrollTopFromVirt, virtFromScrollTop, wheelDeltaPx, type Geometry } from './virtual.ts';

/** Row height in px: must match .hex-row in hex.css. */
export const ROW_H = 20;
/** Height of the column header line inside the scroll box (px). */
export const HEAD_H = ROW_H;
/** How often scrolling may write the first visible row's address to the view store. */
const ADDRESS_PUSH_MS = 150;

export interface ApplyOptions {
  /** Write scrollTop (wheel, keys, jumps); false for a native scroll, which already moved it. */
  writeScroll: boolean;
  /** The user moved: report the first visible row's address to the view store (throttled). */
  fromUser: boolean;
  /** Called from an effect: React is committing, so no flushSync. */
  inEffect?: boolean;
}

export interface VirtualScroll {
  scrollRef: React.RefObject<HTMLDivElement | null>;
  rowsRef: React.RefObject<HTMLDivElement | null>;
  /** Height of the scroll box, and of its rows view (without the column header). */
  clientH: number;
  viewH: number;
  g: Geometry;
  /** First row rendered. */
  first: number;
  /** The current virtual offset and geometry (for event handlers). */
  virtRef: React.RefObject<number>;
  gRef: React.RefObject<Geometry>;
  /** The one place the virtual offset changes. */
  apply(virt: number, o: ApplyOptions): void;
  /** The address this view last reported (not re-centred on when the store echoes it). */
  selfAddrRef: React.RefObject<bigint | null>;
  /** Drop a scroll report that waits (a jump must not be undone by it). */
  cancelReport(): void;
}

export function useVirtualScroll(rows: number, start: bigint, bytesPerRow: number): VirtualScroll {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const [clientH, setClientH] = useState(0);
  const viewH = Math.max(0, clientH - HEAD_H);
  const g = useMemo(() => geometry(rows, ROW_H, viewH), [rows, viewH]);
  const [first, setFirst] = useState(0);

  const gRef = useRef<Geometry>(g);
  const virtRef = useRef(0);
  const firstRef = useRef(0);
  /** scrollTop we last wrote (its echoed scroll event is ignored). */
  const lastSetRef = useRef<number | null>(null);
  const selfAddrRef = useRef<bigint | null>(null);
  const pushTimerRef = useRef<ReturnType<typeof setTimeout> | null>(null);

  const setPending = (on: boolean) => {
    const el = scrollRef.current;
    if (!el) return;
    if (on) el.dataset.reportPending = 'true';
    else delete el.dataset.reportPending;
  };
  const schedulePush = () => {
    if (pushTimerRef.current !== null) return;
    setPending(true);
    pushTimerRef.current = setTimeout(() => {
      pushTimerRef.current = null;
      setPending(false);
      const a = start + BigInt(firstRow(gRef.current, virtRef.current) * bytesPerRow);
      selfAddrRef.current = a;
      useViewStore.getState().setAddress(a);
    }, ADDRESS_PUSH_MS);
  };
  const cancelReport = () => {
    if (pushTimerRef.current === null) return;
    clearTimeout(pushTimerRef.current);
    pushTimerRef.current = null;
    setPending(false);
  };

  // The one place the virtual offset changes (a ref: listeners installed once call the latest).
  const applyRef = useRef<(virt: number, o: ApplyOptions) => void>(() => {});
  applyRef.current = (virt, o) => {
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
  const apply = (virt: number, o: ApplyOptions) => applyRef.current(virt, o);

  useEffect(
    () => () => {
      if (pushTimerRef.current !== null) clearTimeout(pushTimerRef.current);
      pushTimerRef.current = null;
    },
    [],
  );

  // The first measure, in the mount's layout phase: the layout effect below writes scrollTop, which
  // forces the page's layout here anyway, so reading the height costs nothing more, and the rows
  // render (and their bytes are asked for) before the first paint instead of a frame later, after
  // the observer's first report (measured: the first hex row 60-200 ms sooner on a loaded machine).
  useLayoutEffect(() => {
    const h = scrollRef.current?.clientHeight ?? 0;
    if (h > 0) setClientH(h);
  }, []);

  // Measure the scroll box as it changes (a resized window or pane).
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
    applyRef.current(virtRef.current, { writeScroll: true, fromUser: false, inEffect: true });
  }, [g]);

  // Native listeners: scroll (thumb drag), wheel (non-passive).
  useEffect(() => {
    const el = scrollRef.current!;
    const onScroll = () => {
      const st = el.scrollTop;
      const last = lastSetRef.current;
      // The echo of our own write. Scaled (a range of GiBs, each px hundreds of rows), the browser
      // may keep a scrollTop up to ~1.5 px from the one written: 2 px are an echo there.
      if (last !== null && Math.abs(st - last) <= (gRef.current.ratio > 1 ? 2 : 1)) return;
      lastSetRef.current = null;
      applyRef.current(virtFromScrollTop(gRef.current, st), { writeScroll: false, fromUser: true });
    };
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey) return; // zoom
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) return; // horizontal: native
      const geo = gRef.current;
      if (geo.maxVirt <= 0) return;
      e.preventDefault();
      applyRef.current(virtRef.current + wheelDeltaPx(geo, e.deltaY, e.deltaMode), { writeScroll: true, fromUser: true });
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
    };
  }, []);

  // Keep the rows box at its small offset after every render (React never owns the transform).
  useLayoutEffect(() => {
    const box = rowsRef.current;
    if (box) box.style.transform = `translateY(${first * ROW_H - virtRef.current}px)`;
  });

  return { scrollRef, rowsRef, clientH, viewH, g, first, virtRef, gRef, apply, selfAddrRef, cancelReport };
}
