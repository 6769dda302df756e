// The layout's keys, declared in the one keymap (shortcuts/registry.ts): d dump details, m address
// map, Shift+H hang strip, t theme, s the sidebar drawer (narrow windows), Escape closes the drawer,
// Alt+1…5 show their panel in it. These are the actions; the separators' arrow keys are theirs.
import type { Fold } from './layout.ts';
import { selectNarrow, useLayoutStore } from './layout-store.ts';

// Shift+H for the hang strip: h is the Commands view's "go to ACTHD".
export const FOLD_KEYS: Record<Fold, string> = { details: 'd', map: 'm', hang: 'H' };
export const THEME_KEY = 't';
export const DRAWER_KEY = 's';

/** Focus the drawer's current tab once it shows, or the button that opens it once it hides. */
export function focusDrawer(open: boolean): void {
  requestAnimationFrame(() => {
    const el = open
      ? document.querySelector<HTMLElement>('#pane-sidebar [role="tab"][aria-selected="true"]')
      : document.querySelector<HTMLElement>('[data-testid="drawer-toggle"]');
    el?.focus();
  });
}

export const isNarrow = () => selectNarrow(useLayoutStore.getState());
export const drawerShown = () => isNarrow() && useLayoutStore.getState().drawerOpen;

/** Show or hide the drawer and move the focus into it or back to its button. */
export function setDrawer(open: boolean): void {
  useLayoutStore.getState().setDrawer(open);
  focusDrawer(open);
}

/** After Alt+1…5 in a narrow window: the panel shows in the drawer. */
export function showPanelInDrawer(): void {
  if (isNarrow() && !useLayoutStore.getState().drawerOpen) setDrawer(true);
}
