// The layout's one-key shortcuts, in one place (outside text fields, without Ctrl/Alt/Meta):
// d dump details, m address map, h hang strip, t theme, s the sidebar drawer (narrow windows).
// Escape closes the drawer; Alt+1…5 (the sidebar's panels) open it.
import { useEffect } from 'react';
import { isTextField } from '../open/format.ts';
import type { Fold } from './layout.ts';
import { selectNarrow, useLayoutStore } from './layout-store.ts';

export const FOLD_KEYS: Record<Fold, string> = { details: 'd', map: 'm', hang: 'h' };
export const THEME_KEY = 't';
export const DRAWER_KEY = 's';

/** What a key does to the layout, or null when it is not one of ours. */
export function layoutAction(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey'>, narrow: boolean, drawerOpen: boolean):
  | { kind: 'fold'; fold: Fold }
  | { kind: 'theme' }
  | { kind: 'drawer'; open: boolean }
  | null {
  if (e.altKey && !e.ctrlKey && !e.metaKey && narrow && /^[1-5]$/.test(e.key)) return { kind: 'drawer', open: true };
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.key === 'Escape') return narrow && drawerOpen ? { kind: 'drawer', open: false } : null;
  if (e.shiftKey) return null;
  for (const [fold, key] of Object.entries(FOLD_KEYS) as [Fold, string][]) if (e.key === key) return { kind: 'fold', fold };
  if (e.key === THEME_KEY) return { kind: 'theme' };
  if (e.key === DRAWER_KEY && narrow) return { kind: 'drawer', open: !drawerOpen };
  return null;
}

/** Focus the drawer's current tab once it shows, or the button that opens it once it hides. */
export function focusDrawer(open: boolean): void {
  requestAnimationFrame(() => {
    const el = open
      ? document.querySelector<HTMLElement>('#pane-sidebar [role="tab"][aria-selected="true"]')
      : document.querySelector<HTMLElement>('[data-testid="drawer-toggle"]');
    el?.focus();
  });
}

export function useLayoutKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const s = useLayoutStore.getState();
      const a = layoutAction(e, selectNarrow(s), s.drawerOpen);
      if (!a) return;
      if (a.kind === 'drawer' && e.altKey) {
        // Alt+1…5: the sidebar switches the panel; the drawer shows it.
        s.setDrawer(true);
        focusDrawer(true);
        return;
      }
      if (a.kind !== 'drawer' && isTextField(e.target)) return;
      e.preventDefault();
      if (a.kind === 'fold') s.toggleFold(a.fold);
      else if (a.kind === 'theme') s.toggleTheme();
      else {
        s.setDrawer(a.open);
        focusDrawer(a.open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
