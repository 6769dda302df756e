// The hex grid's own keys, on the grid element (its focus): the pure key → move logic is
// hex-keys.ts; this applies it (cursor, selection, scroll). Page-wide shortcuts are in the keymap.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useHexStore } from './hex-store.ts';
import { hexKeyAction } from './hex-keys.ts';
import { ROW_H, type VirtualScroll } from './useVirtualScroll.ts';
import type { HexTarget } from './target.ts';

export function useHexKeys(scroll: VirtualScroll, t: HexTarget, bytesPerRow: number, clearMark: () => void): void {
  // The latest of each, for the listener installed once.
  const latest = useRef({ scroll, t, bytesPerRow, clearMark });
  useLayoutEffect(() => {
    latest.current = { scroll, t, bytesPerRow, clearMark };
  });
  useEffect(() => {
    const el = latest.current.scroll.scrollRef.current!;
    const onKey = (e: KeyboardEvent) => {
      const { scroll: sc, t: tt, bytesPerRow: bpr, clearMark: unmark } = latest.current;
      const h = useHexStore.getState();
      const action = hexKeyAction(e, { cursor: h.cursor, anchor: h.anchor, t: tt, bytesPerRow: bpr, geo: sc.gRef.current, virt: sc.virtRef.current, rowH: ROW_H });
      if (!action) return;
      e.preventDefault();
      switch (action.kind) {
        case 'clear-selection':
          h.clearSelection();
          break;
        case 'place-cursor':
          h.setCursor(action.cursor);
          break;
        case 'cursor':
          unmark();
          h.setCursor(action.cursor, action.extend);
          sc.apply(action.virt, { writeScroll: true, fromUser: true });
          break;
        case 'scroll':
          sc.apply(action.virt, { writeScroll: true, fromUser: true });
          break;
      }
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, []);
}
