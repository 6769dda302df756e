// The buttons that fold and unfold the header's details, the address map and the hang strip
// (keys d, m, Shift+H), and the one that opens the sidebar drawer in narrow windows (key s).
import { FOLD_KEYS, DRAWER_KEY, focusDrawer } from './layout-keys.ts';
import type { Fold } from './layout.ts';
import { selectNarrow, useLayoutStore } from './layout-store.ts';
import { PANE_IDS } from './Separator.tsx';

/** The DOM id of what each fold shows, for aria-controls. */
export const FOLD_IDS: Record<Fold, string> = { details: 'dump-details', map: 'fold-map', hang: 'fold-hang' };

const TEXT: Record<Fold, { label: string; what: string }> = {
  details: { label: 'Details', what: 'the dump details' },
  map: { label: 'Map', what: 'the address map' },
  hang: { label: 'Hang', what: 'the hang summary' },
};

function FoldButton({ fold }: { fold: Fold }) {
  const open = useLayoutStore((s) => s.open[fold]);
  const key = FOLD_KEYS[fold];
  const t = TEXT[fold];
  return (
    <button
      type="button"
      className="fold-toggle"
      data-testid={`fold-${fold}`}
      aria-expanded={open}
      aria-controls={open ? FOLD_IDS[fold] : undefined}
      aria-keyshortcuts={key === key.toLowerCase() ? key : `Shift+${key}`}
      title={`${open ? 'Hide' : 'Show'} ${t.what} (${key === key.toLowerCase() ? key : `Shift+${key}`})`}
      onClick={() => useLayoutStore.getState().toggleFold(fold)}
    >
      <span className="fold-chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
      {t.label}
    </button>
  );
}

export function DrawerToggle() {
  const narrow = useLayoutStore(selectNarrow);
  const open = useLayoutStore((s) => s.drawerOpen);
  if (!narrow) return null;
  return (
    <button
      type="button"
      className="fold-toggle drawer-toggle"
      data-testid="drawer-toggle"
      aria-expanded={open}
      aria-controls={PANE_IDS.sidebar}
      aria-keyshortcuts={DRAWER_KEY}
      title={`${open ? 'Hide' : 'Show'} the ranges, sections, engines, diagnostics and blobs (${DRAWER_KEY})`}
      onClick={() => {
        useLayoutStore.getState().setDrawer(!open);
        focusDrawer(!open);
      }}
    >
      ☰ Contents
    </button>
  );
}

export function FoldToggles() {
  return (
    <div className="fold-toggles" role="group" aria-label="Show or hide">
      <FoldButton fold="details" />
      <FoldButton fold="map" />
      <FoldButton fold="hang" />
    </div>
  );
}
