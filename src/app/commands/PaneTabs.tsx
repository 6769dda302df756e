// The memory pane's two views, Hex and Commands, as tabs (`c` toggles them anywhere: the keymap,
// src/app/shortcuts/registry.ts).
import { type KeyboardEvent, type ReactNode } from 'react';
import { installCommandsSync, useCommandsStore, type PaneMode } from './commands-store.ts';

installCommandsSync();

const TABS: { mode: PaneMode; label: string }[] = [
  { mode: 'hex', label: 'Hex' },
  { mode: 'commands', label: 'Commands' },
];

export function PaneTabs({ children }: { children: ReactNode }) {
  const mode = useCommandsStore((s) => s.mode);
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
