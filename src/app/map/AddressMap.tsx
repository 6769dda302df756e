// The address map: the GPU virtual address space as one strip. Each captured range is a button
// (log-sized, coloured by kind), each gap a compressed spacer with its size; the hex view's
// position and the cross-references (batch, ACTHD, BBADDR…) are marked in their blocks.
// Wheel zooms around the pointer, drag pans; on a block: ←/→ Home/End move, Shift+←/→ pan,
// +/- zoom, 0 resets, Enter/Space opens the range in the hex view.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { foldAddress } from '../../format/addr.ts';
import type { DumpSummary, RangeInfo } from '../../protocol/worker-api.ts';
import { useViewStore } from '../store.ts';
import { crossReferences, type XrefKind } from '../xref.ts';
import { clampPan, clampZoom, layoutMap, panToShow, shortBytes, xOfAddress, zoomAround, type MapLayout, type MapRange, type Segment } from './layout.ts';
import './map.css';

export type BlockKind = 'bo' | 'userptr' | 'null_sparse' | 'error' | 'nodata' | 'other';

export function blockKind(r: RangeInfo): BlockKind {
  if (r.error) return 'error';
  const t = r.properties?.type ?? null;
  if (t === 'null_sparse') return 'null_sparse';
  if (!r.hasData) return 'nodata';
  if (t === 'bo' || t === 'userptr') return t;
  return 'other';
}

const LEGEND: [BlockKind, string][] = [
  ['bo', 'bo'],
  ['userptr', 'userptr'],
  ['null_sparse', 'null_sparse'],
  ['error', 'error'],
  ['nodata', 'no data'],
];

const TICK_TEXT: Record<XrefKind, string> = { batch: 'batch', acthd: 'ACTHD', bbaddr: 'BBADDR', 'ring-start': 'RING', 'dma-fadd': 'DMA', fault: 'FAULT' };

const hex = (a: bigint) => `0x${a.toString(16)}`;

/** What the address space is called in each format's terms. */
function spaceTitle(format: DumpSummary['format']): string {
  return format === 'i915' ? 'GPU address space (GTT)' : format === 'msm' ? 'GPU address space (IOVA)' : 'GPU address space';
}

function describe(r: RangeInfo, seg: Segment): string {
  const parts = [`Range ${hex(seg.start)}–${hex(seg.end)}`, seg.label];
  if (r.name) parts.push(r.name);
  if (r.properties?.type) parts.push(r.properties.type);
  if (r.properties?.permission) parts.push(r.properties.permission);
  if (r.error) parts.push(`error ${r.error}`);
  else if (!r.hasData) parts.push('no data');
  return parts.join(', ');
}

interface Drag {
  id: number;
  x: number;
  pan: number;
  moved: boolean;
}

export function AddressMap({ summary }: { summary: DumpSummary }) {
  const target = useViewStore((s) => s.target);
  const address = useViewStore((s) => s.address);
  const viewportRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [view, setView] = useState({ zoom: 1, pan: 0 });
  // The block the tooltip shows: the last one hovered or focused.
  const [tip, setTip] = useState<number | null>(null);
  const [focused, setFocused] = useState<number | null>(null);

  const ranges = summary.ranges;
  const mapRanges = useMemo<MapRange[]>(() => ranges.map((r) => ({ index: r.index, start: foldAddress(r.address), length: r.length })), [ranges]);
  const lay: MapLayout = useMemo(() => layoutMap(mapRanges, { width, zoom: view.zoom, pan: view.pan, spaceBits: summary.addressBits }), [mapRanges, width, view, summary.addressBits]);
  const layRef = useRef(lay);
  layRef.current = lay;
  const blocks = useMemo(() => lay.segments.filter((s) => s.kind === 'range'), [lay]);
  const blockOf = useMemo(() => new Map(blocks.map((b) => [b.index!, b])), [blocks]);

  const xrefs = useMemo(() => crossReferences(summary), [summary]);
  // One tick per place: references at the same pixel share a tick and a label.
  const ticks = useMemo(() => {
    const byPlace = new Map<string, { x: number; range: number; kinds: XrefKind[]; labels: string[] }>();
    for (const x of xrefs) {
      if (x.range === null) continue;
      const px = xOfAddress(lay.segments, x.address, x.range);
      if (px === null) continue;
      const key = `${x.range}:${Math.round(px)}`;
      const t = byPlace.get(key) ?? { x: px, range: x.range, kinds: [], labels: [] };
      if (!t.kinds.includes(x.kind)) t.kinds.push(x.kind);
      t.labels.push(`${x.label} ${hex(x.address)}`);
      byPlace.set(key, t);
    }
    return [...byPlace.values()];
  }, [xrefs, lay]);

  const current = target?.kind === 'range' ? target.index : null;
  const markerX = current !== null && address !== null ? xOfAddress(lay.segments, address, current) : null;
  const active = focused ?? (current !== null && blockOf.has(current) ? current : (blocks[0]?.index ?? null));

  // Measure the viewport.
  useLayoutEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(100, el.clientWidth));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new dump: back to the whole space.
  useEffect(() => setView({ zoom: 1, pan: 0 }), [mapRanges]);

  const setPan = useCallback((pan: number) => {
    const l = layRef.current;
    setView({ zoom: l.zoom, pan: clampPan(pan, l.total, width) });
  }, [width]);

  const zoomTo = useCallback((nextZoom: number, at: number) => {
    const l = layRef.current;
    const zoom = clampZoom(nextZoom);
    const pan = zoomAround(l.pan, l.zoom, zoom, at);
    setView({ zoom, pan: clampPan(pan, (l.total / l.zoom) * zoom, width) });
  }, [width]);

  // Keep the current range in view when it changes (from the sidebar, a jump, history).
  useEffect(() => {
    if (current === null) return;
    const l = layRef.current;
    const b = l.segments.find((s) => s.kind === 'range' && s.index === current);
    if (!b) return;
    const next = panToShow(l.pan, b.x + l.pan, b.width, width);
    if (next !== l.pan) setView({ zoom: l.zoom, pan: clampPan(next, l.total, width) });
  }, [current, width]);

  // Wheel: zoom around the pointer (horizontal wheel pans). Not passive: the page must not scroll.
  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const l = layRef.current;
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        setView({ zoom: l.zoom, pan: clampPan(l.pan + e.deltaX, l.total, el.clientWidth) });
      } else {
        const at = e.clientX - el.getBoundingClientRect().left;
        zoomTo(l.zoom * Math.exp(-e.deltaY * 0.002), at);
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomTo]);

  // Drag to pan; a drag is not a click.
  const drag = useRef<Drag | null>(null);
  const swallowClick = useRef(false);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    drag.current = { id: e.pointerId, x: e.clientX, pan: lay.pan, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    if (!d.moved && Math.abs(dx) < 4) return;
    if (!d.moved) {
      d.moved = true;
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    setPan(d.pan - dx);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    drag.current = null;
    if (d.moved) {
      swallowClick.current = true;
      setTimeout(() => (swallowClick.current = false), 0);
    }
  };

  const focusBlock = (index: number) => {
    const b = blockOf.get(index);
    if (b) {
      const next = panToShow(lay.pan, b.x + lay.pan, b.width, width);
      if (next !== lay.pan) setPan(next);
    }
    setFocused(index);
    viewportRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.target as HTMLElement;
    const idx = el.dataset.index !== undefined ? Number(el.dataset.index) : null;
    const pos = idx === null ? -1 : blocks.findIndex((b) => b.index === idx);
    const b = pos >= 0 ? blocks[pos] : null;
    const centre = b ? b.x + b.width / 2 : width / 2;
    let handled = true;
    if (e.ctrlKey || e.metaKey || e.altKey) handled = false;
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const dir = e.key === 'ArrowRight' ? 1 : -1;
      if (e.shiftKey) setPan(lay.pan + (dir * width) / 4);
      else if (pos >= 0 && blocks[pos + dir]) focusBlock(blocks[pos + dir].index!);
    } else if (e.key === 'Home' && blocks.length) focusBlock(blocks[0].index!);
    else if (e.key === 'End' && blocks.length) focusBlock(blocks[blocks.length - 1].index!);
    else if (e.key === '+' || e.key === '=') zoomTo(lay.zoom * 1.5, centre);
    else if (e.key === '-' || e.key === '_') zoomTo(lay.zoom / 1.5, centre);
    else if (e.key === '0') setView({ zoom: 1, pan: 0 });
    else if (e.key === 'Escape' && tip !== null) setTip(null);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const open = (index: number) => {
    if (swallowClick.current) return;
    useViewStore.getState().select({ kind: 'range', index });
  };

  const tipIndex = tip;
  const tipSeg = tipIndex !== null ? blockOf.get(tipIndex) : undefined;
  const tipRange = tipIndex !== null ? ranges[tipIndex] : undefined;

  return (
    <section className="addr-map" aria-label="Address map" data-testid="address-map">
      <div className="am-head">
        <span className="am-title">{spaceTitle(summary.format)} ({lay.bits}-bit)</span>
        <ul className="am-legend" aria-label="Legend">
          {LEGEND.map(([k, text]) => (
            <li key={k}>
              <span className={`am-swatch am-${k}`} aria-hidden="true" />
              {text}
            </li>
          ))}
          <li>
            <span className="am-swatch am-swatch-tick" aria-hidden="true" />
            reference
          </li>
          <li>
            <span className="am-swatch am-swatch-marker" aria-hidden="true" />
            hex position
          </li>
        </ul>
        <span className="am-zoom" aria-live="polite">{lay.zoom === 1 ? 'whole space' : `×${lay.zoom.toFixed(1)}`}</span>
        <button type="button" className="am-btn" aria-label="Zoom out map" onClick={() => zoomTo(lay.zoom / 1.5, width / 2)} disabled={lay.zoom <= 1}>−</button>
        <button type="button" className="am-btn" aria-label="Zoom in map" onClick={() => zoomTo(lay.zoom * 1.5, width / 2)}>+</button>
        <button type="button" className="am-btn" aria-label="Reset map zoom" onClick={() => setView({ zoom: 1, pan: 0 })} disabled={lay.zoom === 1 && lay.pan === 0}>Reset</button>
      </div>
      <div
        ref={viewportRef}
        className="am-viewport"
        role="toolbar"
        aria-label="Captured ranges by address"
        aria-orientation="horizontal"
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onClickCapture={(e) => {
          if (swallowClick.current) {
            e.stopPropagation();
            e.preventDefault();
          }
        }}
      >
        {lay.segments.map((s) => {
          const off = s.x + s.width < -50 || s.x > width + 50;
          if (s.kind === 'gap') {
            if (off) return null;
            return (
              <div key={`gap-${s.start}`} className="am-gap" style={{ left: s.x, width: s.width }} title={`unmapped ${hex(s.start)}–${hex(s.end)}`} aria-hidden="true">
                {s.width >= 30 ? s.label : '…'}
              </div>
            );
          }
          const r = ranges[s.index!];
          const kind = blockKind(r);
          return (
            <button
              key={`r-${s.index}`}
              type="button"
              className={`am-block am-${kind}${s.index === current ? ' is-current' : ''}`}
              style={{ left: s.x, width: s.width }}
              data-testid="map-block"
              data-index={s.index}
              data-address={hex(s.start)}
              data-kind={kind}
              aria-label={describe(r, s)}
              aria-current={s.index === current ? 'true' : undefined}
              tabIndex={s.index === active ? 0 : -1}
              onClick={() => open(s.index!)}
              onMouseEnter={() => setTip(s.index!)}
              onMouseLeave={() => setTip((t) => (t === s.index ? null : t))}
              onFocus={() => {
                setFocused(s.index!);
                setTip(s.index!);
              }}
              onBlur={() => {
                setFocused((f) => (f === s.index ? null : f));
                setTip((t) => (t === s.index ? null : t));
              }}
            >
              {s.width >= 44 ? <span className="am-label">{s.label}</span> : null}
            </button>
          );
        })}
        {ticks.map((t) => (
          <div
            key={`${t.range}:${Math.round(t.x)}`}
            className="am-tick"
            style={{ left: t.x }}
            data-testid="map-tick"
            data-range={t.range}
            data-kinds={t.kinds.join(' ')}
            title={t.labels.join('\n')}
            aria-hidden="true"
          >
            <span className="am-tick-label">{t.kinds.map((k) => TICK_TEXT[k]).join('·')}</span>
          </div>
        ))}
        {markerX !== null && (
          <div className="am-marker" style={{ left: markerX }} data-testid="map-marker" data-range={current ?? undefined} aria-hidden="true" title={address !== null ? `hex view at ${hex(address)}` : undefined} />
        )}
      </div>
      {tipSeg && tipRange && (
        <div className="am-tip" role="tooltip" style={{ left: Math.max(0, Math.min(tipSeg.x + 12, width - 200)) }} data-testid="map-tip">
          <div className="mono"><strong>{hex(tipSeg.start)}</strong> – {hex(tipSeg.end)}</div>
          <div>{shortBytes(tipRange.length)} ({tipRange.length.toLocaleString('en')} bytes) · range #{tipRange.index}</div>
          {tipRange.properties && <div className="mono am-props">{tipRange.properties.raw}</div>}
          {tipRange.error ? <div className="am-err">error {tipRange.error}</div> : !tipRange.hasData && <div>no data captured</div>}
          {ticks.filter((t) => t.range === tipRange.index).flatMap((t) => t.labels).map((l) => <div key={l} className="mono am-ref">{l}</div>)}
        </div>
      )}
    </section>
  );
}
