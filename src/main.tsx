import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startPwa } from './app/pwa/start.ts';
import { startLayout } from './app/layout/layout-store.ts';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

startPwa();
startLayout();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
