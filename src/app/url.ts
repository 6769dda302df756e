// The URL mirrors what the hex view shows: ?range=0x<start>&addr=0x<address> (or ?blob=N&addr=0x<offset>).
// A navigation (selecting a range, a jump) adds a history entry, scrolling only replaces the current
// one, and Back/Forward bring the view back. Pure parse/format functions plus one hook.
import { useEffect } from 'react';
import { findRangeAt, foldAddress, parseAddress } from '../format/addr.ts';
import type { DumpSummary } from '../protocol/worker-api.ts';
import { useDumpStore, useViewStore, type ViewTarget } from './store.ts';
import { onDumpChange } from './dump-lifecycle.ts';

export interface UrlView {
  range: bigint | null;
  blob: number | null;
  address: bigint | null;
}

export function parseViewQuery(search: string): UrlView {
  const q = new URLSearchParams(search);
  const range = q.get('range');
  const blob = q.get('blob');
  const addr = q.get('addr');
  return {
    range: range !== null ? parseAddress(range) : null,
    blob: blob !== null && /^\d+$/.test(blob) ? Number(blob) : null,
    address: addr !== null ? parseAddress(addr) : null,
  };
}

/** The query for a view, keeping parameters that are not ours. */
export function formatViewQuery(search: string, summary: DumpSummary | null, target: ViewTarget | null, address: bigint | null): string {
  const q = new URLSearchParams(search);
  q.delete('range');
  q.delete('blob');
  q.delete('addr');
  if (target && summary) {
    if (target.kind === 'range') {
      const r = summary.ranges[target.index];
      if (r) q.set('range', '0x' + foldAddress(r.address).toString(16));
    } else q.set('blob', String(target.index));
    if (address !== null) q.set('addr', '0x' + address.toString(16));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Resolve a URL view against a dump: the target and address it names, or null. */
export function resolveView(v: UrlView, summary: DumpSummary): { target: ViewTarget; address: bigint } | null {
  if (v.blob !== null) {
    if (!summary.blobs[v.blob]) return null;
    return { target: { kind: 'blob', index: v.blob }, address: v.address ?? 0n };
  }
  const at = v.range ?? v.address;
  if (at === null) return null;
  const r = findRangeAt(summary.ranges, at);
  if (!r) return null;
  const start = foldAddress(r.address);
  let address = v.address !== null ? foldAddress(v.address) : start;
  if (address < start || address >= start + BigInt(r.length)) address = start;
  return { target: { kind: 'range', index: r.index }, address };
}

const REPLACE_EVERY_MS = 300;

let flushPending: (() => void) | null = null;

/**
 * Write where the view has moved to into the current history entry now (instead of after the
 * throttle): called before a navigation that must come back exactly there, as following a link
 * from the Commands view (Back returns to the instruction the link was on).
 */
export function flushViewUrl(): void {
  flushPending?.();
}

export function useUrlSync(): void {
  useEffect(() => {
    let applying = false;
    let lastNav = useViewStore.getState().navSeq;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const write = (push: boolean) => {
      const { target, address } = useViewStore.getState();
      const url = `${location.pathname}${formatViewQuery(location.search, useDumpStore.getState().dump, target, address)}${location.hash}`;
      if (url === `${location.pathname}${location.search}${location.hash}`) return;
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    };
    flushPending = () => {
      if (!timer) return;
      clearTimeout(timer);
      timer = null;
      write(false);
    };

    const apply = () => {
      const dump = useDumpStore.getState().dump;
      if (!dump) return false;
      const v = resolveView(parseViewQuery(location.search), dump);
      if (!v) return false;
      applying = true;
      useViewStore.getState().select(v.target, v.address);
      lastNav = useViewStore.getState().navSeq;
      applying = false;
      return true;
    };

    const unsubView = useViewStore.subscribe((s, prev) => {
      if (applying || !useDumpStore.getState().dump) return;
      if (s.navSeq !== lastNav) {
        lastNav = s.navSeq;
        if (timer) clearTimeout(timer);
        timer = null;
        write(true);
      } else if (s.address !== prev.address || s.target !== prev.target) {
        if (!timer) timer = setTimeout(() => { timer = null; write(false); }, REPLACE_EVERY_MS);
      }
    });
    const unsubDump = onDumpChange('url', () => {
      // A newly opened dump: go where the URL says if it names a place in it, else record where we are.
      if (!apply()) {
        lastNav = useViewStore.getState().navSeq;
        write(false);
      }
    });
    const onPop = () => { apply(); };
    window.addEventListener('popstate', onPop);
    return () => {
      unsubView();
      unsubDump();
      window.removeEventListener('popstate', onPop);
      if (timer) clearTimeout(timer);
      flushPending = null;
    };
  }, []);
}
