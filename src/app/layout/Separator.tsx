// A resize handle between two panes: a focusable role="separator" moved by dragging or by the
// arrow keys (Shift: bigger steps, Home/End: narrowest/widest); a double-click (or Enter) resets
// the default width. The width lives in the layout store, which remembers it.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { keyResize, paneBounds, paneWidth, type Pane } from './layout.ts';
import { useLayoutStore } from './layout-store.ts';

const NAMES: Record<Pane, string> = {
  sidebar: 'Resize the sidebar',
  search: 'Resize the search pane',
  inspector: 'Resize the inspector',
  bookmarks: 'Resize the bookmarks',
};

/** The DOM id of each pane, for aria-controls. */
export const PANE_IDS: Record<Pane, string> = {
  sidebar: 'pane-sidebar',
  search: 'pane-search',
  inspector: 'pane-inspector',
  bookmarks: 'pane-bookmarks',
};

export function Separator({ pane }: { pane: Pane }) {
  const vw = useLayoutStore((s) => s.vw);
  const chosen = useLayoutStore((s) => s.sizes[pane]);
  const width = paneWidth(pane, chosen, vw);
  const bounds = paneBounds(pane, vw);
  // The sidebar's handle is on its right edge; a side pane's on its left edge.
  const grows = pane === 'sidebar' ? 'ArrowRight' : 'ArrowLeft';
  const drag = useRef<{ x: number; w: number; id: number } | null>(null);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      useLayoutStore.getState().setSize(pane, null);
      return;
    }
    const w = keyResize(e.key, e.shiftKey, width, bounds, grows);
    if (w === null) return;
    e.preventDefault();
    e.stopPropagation();
    useLayoutStore.getState().setSize(pane, w);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus({ preventScroll: true });
    drag.current = { x: e.clientX, w: width, id: e.pointerId };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    useLayoutStore.getState().setSize(pane, d.w + (grows === 'ArrowRight' ? dx : -dx), false);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current || drag.current.id !== e.pointerId) return;
    drag.current = null;
    useLayoutStore.getState().persist();
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={NAMES[pane]}
      aria-controls={PANE_IDS[pane]}
      aria-valuenow={width}
      aria-valuemin={bounds.min}
      aria-valuemax={bounds.max}
      aria-valuetext={`${width} pixels wide`}
      tabIndex={0}
      className={`separator separator-${pane}`}
      data-testid={`separator-${pane}`}
      title={`${NAMES[pane]}: drag or use the arrow keys; double-click resets`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => useLayoutStore.getState().setSize(pane, null)}
    />
  );
}
