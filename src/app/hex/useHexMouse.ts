// The hex grid's mouse: a click puts the cursor on a byte, Shift+click extends, a drag selects.
import { useEffect, useRef, type MouseEvent as ReactMouseEvent, type RefObject } from 'react';
import { useHexStore } from './hex-store.ts';
import type { HexTarget } from './target.ts';

/** Address of the byte cell (hex or ASCII) under an event target, or null. */
export function addressAt(target: EventTarget | null): bigint | null {
  if (!(target instanceof Element)) return null;
  const cell = target.closest<HTMLElement>('[data-offset],[data-ascii]');
  const row = cell?.closest<HTMLElement>('[data-address]');
  if (!cell || !row?.dataset.address) return null;
  const col = Number(cell.dataset.offset ?? cell.dataset.ascii);
  if (!Number.isFinite(col)) return null;
  return BigInt(row.dataset.address) + BigInt(col);
}

export interface HexMouse {
  onMouseDown(e: ReactMouseEvent): void;
  onMouseOver(e: ReactMouseEvent): void;
}

export function useHexMouse(scrollRef: RefObject<HTMLDivElement | null>, t: HexTarget, clearMark: () => void): HexMouse {
  const dragRef = useRef(false);
  useEffect(() => {
    const up = () => {
      dragRef.current = false;
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);
  const inT = (a: bigint | null): a is bigint => a !== null && a >= t.start && a < t.start + BigInt(t.length);
  return {
    onMouseDown(e) {
      if (e.button !== 0) return;
      const a = addressAt(e.target);
      if (!inT(a)) return;
      e.preventDefault(); // no text selection; focus by hand
      scrollRef.current?.focus({ preventScroll: true });
      clearMark();
      useHexStore.getState().setCursor(a, e.shiftKey);
      dragRef.current = true;
    },
    onMouseOver(e) {
      if (!dragRef.current) return;
      if ((e.buttons & 1) === 0) {
        dragRef.current = false;
        return;
      }
      const a = addressAt(e.target);
      if (!inT(a)) return;
      if (a !== useHexStore.getState().cursor) useHexStore.getState().setCursor(a, true);
    },
  };
}
