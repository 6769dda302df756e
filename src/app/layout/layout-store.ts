// Layout state (zustand): folds, pane widths, theme, the window width and the sidebar drawer.
// The user's choices are kept in localStorage (one key), so each browser remembers its layout.
import { create } from 'zustand';
import { useViewStore } from '../store.ts';
import { readSetting, writeSetting } from '../storage.ts';
import { defaultSettings, DRAWER_BELOW, parseSettings, paneWidth, shownTheme, toggledTheme, type Fold, type LayoutSettings, type Pane } from './layout.ts';

export const LAYOUT_KEY = 'devcoredump.layout';

function load(): LayoutSettings {
  const vh = typeof window !== 'undefined' ? window.innerHeight : 1080;
  return parseSettings(readSetting(LAYOUT_KEY), defaultSettings(vh));
}

function save(s: LayoutSettings): void {
  writeSetting(LAYOUT_KEY, JSON.stringify(s));
}

const media = (q: string) => (typeof matchMedia === 'function' ? matchMedia(q) : null);
const DARK_QUERY = '(prefers-color-scheme: dark)';

export interface LayoutState extends LayoutSettings {
  /** Window width in CSS pixels (kept by useLayoutWatch). */
  vw: number;
  systemDark: boolean;
  drawerOpen: boolean;
  toggleFold: (f: Fold) => void;
  /** Set a pane's width (null: back to the default); `persist` false while dragging. */
  setSize: (p: Pane, px: number | null, persist?: boolean) => void;
  /** Write the current settings (after a drag). */
  persist: () => void;
  toggleTheme: () => void;
  setDrawer: (open: boolean) => void;
}

const settingsOf = (s: LayoutState): LayoutSettings => ({ open: s.open, sizes: s.sizes, theme: s.theme });

export const useLayoutStore = create<LayoutState>()((set, get) => ({
  ...load(),
  vw: typeof window !== 'undefined' ? window.innerWidth : 1280,
  systemDark: media(DARK_QUERY)?.matches ?? false,
  drawerOpen: false,
  toggleFold: (f) => {
    set((s) => ({ open: { ...s.open, [f]: !s.open[f] } }));
    save(settingsOf(get()));
  },
  setSize: (p, px, persist = true) => {
    set((s) => ({ sizes: { ...s.sizes, [p]: px === null ? null : paneWidth(p, px, s.vw) } }));
    if (persist) save(settingsOf(get()));
  },
  persist: () => save(settingsOf(get())),
  toggleTheme: () => {
    const s = get();
    set({ theme: toggledTheme(shownTheme(s.theme, s.systemDark), s.systemDark) });
    save(settingsOf(get()));
  },
  setDrawer: (open) => set({ drawerOpen: open }),
}));

export const selectNarrow = (s: LayoutState) => s.vw < DRAWER_BELOW;
export const selectShownTheme = (s: LayoutState) => shownTheme(s.theme, s.systemDark);

/** Apply the theme to the document (data-theme on <html>; CSS picks the colours). */
export function applyTheme(s: Pick<LayoutState, 'theme'>): void {
  const el = document.documentElement;
  if (s.theme === 'system') delete el.dataset.theme;
  else el.dataset.theme = s.theme;
}

/**
 * Keep the window width and the system colour scheme in the store, and the theme on <html>.
 * Called once, before the first render (main.tsx), so the first paint has the right colours.
 */
export function startLayout(): void {
  applyTheme(useLayoutStore.getState());
  useLayoutStore.subscribe((s, prev) => {
    if (s.theme !== prev.theme) applyTheme(s);
    if (s.vw >= DRAWER_BELOW && s.drawerOpen) useLayoutStore.setState({ drawerOpen: false });
  });
  // Opening a range (or any jump) from the drawer shows the bytes: the drawer closes.
  useViewStore.subscribe((v, prev) => {
    if (v.navSeq !== prev.navSeq && useLayoutStore.getState().drawerOpen) useLayoutStore.setState({ drawerOpen: false });
  });
  window.addEventListener('resize', () => useLayoutStore.setState({ vw: window.innerWidth }));
  media(DARK_QUERY)?.addEventListener('change', (e) => useLayoutStore.setState({ systemDark: e.matches }));
}
