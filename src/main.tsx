import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startPwa } from './app/pwa/start.ts';
import { PaneBoundary } from './app/common/PaneBoundary.tsx';
import { startLayout } from './app/layout/layout-store.ts';
import { installKeymap } from './app/shortcuts/keymap.ts';
import { SHORTCUTS } from './app/shortcuts/registry.ts';
import { prestartParseWorker } from './app/store.ts';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

startPwa();
startLayout();
// The page's one keydown listener: every shortcut of shortcuts/registry.ts, from the first frame on.
installKeymap(SHORTCUTS);

createRoot(root).render(
  <StrictMode>
    <PaneBoundary name="The viewer">
      <App />
    </PaneBoundary>
  </StrictMode>,
);

// The first open's parse worker starts while the welcome screen waits for a file.
const idle = (fn: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 1000 }) : setTimeout(fn, 200));
idle(prestartParseWorker);
