// The workspace layout as data: which strips are folded, how wide the resizable panes are, which
// theme is chosen. Pure functions (no DOM): sizes, keyboard steps, reading what was stored.

/** The strips above the hex view that fold to nothing (the header folds to one line). */
export type Fold = 'details' | 'map' | 'hang';
/** The panes with a resize handle: the sidebar (its right edge) and the side panes (their left edge). */
export type Pane = 'sidebar' | 'search' | 'inspector' | 'bookmarks';
/** `system` follows prefers-color-scheme. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export interface LayoutSettings {
  /** true: shown (the header's details, the address map, the hang strip). */
  open: Record<Fold, boolean>;
  /** Width in CSS pixels chosen by the user; null: the default for the window width. */
  sizes: Record<Pane, number | null>;
  theme: ThemeChoice;
}

/** A new user sees the one-line header, the address map and the hang strip. */
export const DEFAULT_SETTINGS: LayoutSettings = {
  open: { details: false, map: true, hang: true },
  sizes: { sidebar: null, search: null, inspector: null, bookmarks: null },
  theme: 'system',
};

/** Windows shorter than this start with the address map folded (laptops, 1080p): the rows need it. */
export const MAP_SHOWN_FROM_HEIGHT = 1200;

/** The layout of a new user in a window `vh` pixels high. */
export function defaultSettings(vh: number): LayoutSettings {
  const s = structuredClone(DEFAULT_SETTINGS);
  s.open.map = vh >= MAP_SHOWN_FROM_HEIGHT;
  return s;
}

interface Limits {
  min: number;
  max: number;
  /** The default width for a window `vw` pixels wide. */
  def: (vw: number) => number;
}

const clampTo = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export const PANE_LIMITS: Record<Pane, Limits> = {
  sidebar: { min: 240, max: 900, def: (vw) => Math.round(clampTo(vw * 0.25, 340, 480)) },
  search: { min: 240, max: 720, def: () => 330 },
  inspector: { min: 240, max: 640, def: () => 320 },
  bookmarks: { min: 180, max: 520, def: () => 220 },
};

/** Below this window width the sidebar is a drawer over the hex view. */
export const DRAWER_BELOW = 900;
/** No pane takes more than this share of the window, so the hex view keeps room. */
const MAX_SHARE = 0.6;

export function paneBounds(pane: Pane, vw: number): { min: number; max: number } {
  const l = PANE_LIMITS[pane];
  const max = Math.max(l.min, Math.min(l.max, Math.floor(vw * MAX_SHARE)));
  return { min: l.min, max };
}

/** The width a pane gets: the user's, else the default, within its bounds for this window. */
export function paneWidth(pane: Pane, chosen: number | null, vw: number): number {
  const { min, max } = paneBounds(pane, vw);
  return clampTo(Math.round(chosen ?? PANE_LIMITS[pane].def(vw)), min, max);
}

/** Pixels one arrow key moves a separator; with Shift, a big step. */
export const KEY_STEP = 16;
export const BIG_STEP = 80;

/**
 * The width after a key on a pane's separator, or null when the key is not ours. `grows` is the
 * arrow that widens the pane: ArrowRight for the sidebar (its handle is on its right), ArrowLeft for
 * the side panes. Home and End give the narrowest and widest.
 */
export function keyResize(key: string, shift: boolean, width: number, bounds: { min: number; max: number }, grows: 'ArrowLeft' | 'ArrowRight'): number | null {
  const step = shift ? BIG_STEP : KEY_STEP;
  const shrinks = grows === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
  let w: number;
  if (key === grows) w = width + step;
  else if (key === shrinks) w = width - step;
  else if (key === 'Home') w = bounds.min;
  else if (key === 'End') w = bounds.max;
  else return null;
  return clampTo(w, bounds.min, bounds.max);
}

/** Settings from what storage held (anything: it may be old, hand-edited or garbage); what it
 *  does not say comes from `defaults`. */
export function parseSettings(text: string | null, defaults: LayoutSettings = DEFAULT_SETTINGS): LayoutSettings {
  const out: LayoutSettings = structuredClone(defaults);
  if (!text) return out;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return out;
  }
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  const open = r.open as Record<string, unknown> | undefined;
  if (open && typeof open === 'object') {
    for (const f of Object.keys(out.open) as Fold[]) if (typeof open[f] === 'boolean') out.open[f] = open[f] as boolean;
  }
  const sizes = r.sizes as Record<string, unknown> | undefined;
  if (sizes && typeof sizes === 'object') {
    for (const p of Object.keys(out.sizes) as Pane[]) {
      const v = sizes[p];
      if (typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 10_000) out.sizes[p] = Math.round(v);
    }
  }
  if (r.theme === 'light' || r.theme === 'dark' || r.theme === 'system') out.theme = r.theme;
  return out;
}

/**
 * The theme after the toggle: the opposite of what is shown. Choosing what the system prefers
 * anyway goes back to following the system.
 */
export function toggledTheme(shown: 'light' | 'dark', systemDark: boolean): ThemeChoice {
  const next = shown === 'dark' ? 'light' : 'dark';
  return (next === 'dark') === systemDark ? 'system' : next;
}

export function shownTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}
