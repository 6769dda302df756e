// Row windowing for long tables: above `threshold` rows only the visible ones (plus overscan) are
// rendered, with spacer rows above and below; below it every row is rendered.
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

export const ROW_HEIGHT = 22;
/** Height of the sticky table header (see panels.css .ptable thead th). */
export const HEAD_HEIGHT = 24;

export interface RowWindow {
  virtual: boolean;
  /** Positions (indices into the shown rows) to render. */
  positions: number[];
  padTop: number;
  padBottom: number;
  /** Bring a position into view. */
  scrollTo(position: number): void;
}

export function useRowWindow(count: number, scrollRef: RefObject<HTMLElement | null>, threshold = 100): RowWindow {
  const virtual = count > threshold;
  const v = useVirtualizer({
    count,
    enabled: virtual,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  if (!virtual) {
    return {
      virtual,
      positions: Array.from({ length: count }, (_, i) => i),
      padTop: 0,
      padBottom: 0,
      scrollTo(position) {
        scrollRef.current?.querySelector(`[data-pos="${position}"]`)?.scrollIntoView({ block: 'nearest' });
      },
    };
  }
  const items = v.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  return {
    virtual,
    positions: items.map((i) => i.index),
    padTop: first ? first.start - HEAD_HEIGHT : 0,
    padBottom: last ? Math.max(0, v.getTotalSize() - (last.end - HEAD_HEIGHT)) : 0,
    scrollTo(position) {
      v.scrollToIndex(position, { align: 'auto' });
    },
  };
}
