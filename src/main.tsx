import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startPwa } from './app/pwa/start.ts';
import { PaneBoundary } from './app/common/PaneBoundary.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

startPwa();

createRoot(root).render(
  <StrictMode>
    <PaneBoundary name="The viewer">
      <App />
    </PaneBoundary>
  </StrictMode>,
);
