// The memory pane's two views, Hex and Commands, as tabs (c toggles them anywhere), and the
// one-key shortcuts of the Commands view (/ filter, p platform, h ACTHD).
import { useEffect, type KeyboardEvent, type ReactNode } from 'react';
import { isTextField } from '../open/format.ts';
import { installCommandsSync, useCommandsStore, type PaneMode } from './commands-store.ts';
import { commandKey } from './keys.ts';

installCommandsSync();

const TABS: { mode: PaneMode; label: string }[] = [
  { mode: 'hex', label: 'Hex' },
  { mode: 'commands', label: 'Commands' },
];

/** Focus the hex grid (after switching to it by key); the list takes focus itself once drawn. */
function focusHex(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.hex-pane [data-testid="hex-view"]')?.focus({ preventScroll: true }));
}

function useCommandKeys(): void {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || isTextField(e.target)) return;
      const action = commandKey(e, useCommandsStore.getState().mode);
      if (!action) return;
      e.preventDefault();
      const s = useCommandsStore.getState();
      switch (action) {
        case 'toggle':
          s.toggleMode();
          if (useCommandsStore.getState().mode === 'commands') s.setWantFocus(true);
          else focusHex();
          break;
        case 'filter':
          document.querySelector<HTMLInputElement>('[data-testid="commands-filter"]')?.focus();
          break;
        case 'platform':
          document.querySelector<HTMLSelectElement>('[data-testid="commands-platform"]')?.focus();
          break;
        case 'acthd':
          void s.goToActhd().then((ok) => ok && useCommandsStore.getState().setWantFocus(true));
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function PaneTabs({ children }: { children: ReactNode }) {
  const mode = useCommandsStore((s) => s.mode);
  useCommandKeys();
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = mode === 'hex' ? 'commands' : 'hex';
    useCommandsStore.getState().setMode(next);
    document.getElementById(`pane-tab-${next}`)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label="Memory views" className="pane-tabs" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.mode}
            id={`pane-tab-${t.mode}`}
            type="button"
            role="tab"
            className="pane-tab"
            aria-selected={mode === t.mode}
            aria-controls="pane-view"
            aria-keyshortcuts="c"
            tabIndex={mode === t.mode ? 0 : -1}
            title={`${t.label} (c toggles Hex / Commands)`}
            onClick={() => useCommandsStore.getState().setMode(t.mode)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="pane-view" aria-labelledby={`pane-tab-${mode}`} className="pane-view">
        {children}
      </div>
    </>
  );
}
