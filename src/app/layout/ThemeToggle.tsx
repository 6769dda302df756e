// Light or dark: follows prefers-color-scheme until this toggle (or key t) picks one, which the
// browser remembers. Pressed means dark.
import { THEME_KEY } from './layout-keys.ts';
import { selectShownTheme, useLayoutStore } from './layout-store.ts';

export function ThemeToggle() {
  const shown = useLayoutStore(selectShownTheme);
  const dark = shown === 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      data-testid="theme-toggle"
      aria-pressed={dark}
      aria-keyshortcuts={THEME_KEY}
      title={`Dark theme ${dark ? 'on' : 'off'}: switch to ${dark ? 'light' : 'dark'} (${THEME_KEY})`}
      onClick={() => useLayoutStore.getState().toggleTheme()}
    >
      <span aria-hidden="true">{dark ? '☾' : '☀'}</span> <span className="theme-label">Dark theme</span>
    </button>
  );
}
