// The page layout. Components render; state and logic live in the stores (src/app/store.ts,
// src/app/layout/layout-store.ts for folds, pane widths, the drawer and the theme).
import { useDeferredValue, type CSSProperties } from 'react';
import { useDumpStore } from './app/store.ts';
import { useUrlSync } from './app/url.ts';
import { DropZone } from './app/open/DropZone.tsx';
import { OpenControls } from './app/open/OpenControls.tsx';
import { ProgressBar } from './app/open/ProgressBar.tsx';
import { ErrorBanner } from './app/open/ErrorBanner.tsx';
import { UpdatePrompt } from './app/pwa/UpdatePrompt.tsx';
import { Welcome } from './app/open/Welcome.tsx';
import { HeaderSummary } from './app/panels/HeaderSummary.tsx';
import { HangSummary } from './app/hang/HangSummary.tsx';
import { Sidebar } from './app/panels/Sidebar.tsx';
import { HexPane } from './app/hex/HexPane.tsx';
import { InspectorPane } from './app/inspect/InspectorPane.tsx';
import { BookmarksPane } from './app/bookmarks/BookmarksPane.tsx';
import { ShortcutsHelp } from './app/shortcuts/ShortcutsHelp.tsx';
import { AddressMap } from './app/map/AddressMap.tsx';
import { ShareControls, SnapshotBanner } from './app/share/ShareControls.tsx';
import { useShareLinks } from './app/share/use-share-links.ts';
import { SearchPane } from './app/search/SearchPane.tsx';
import { PaneBoundary } from './app/common/PaneBoundary.tsx';
import { selectNarrow, useLayoutStore } from './app/layout/layout-store.ts';
import { paneWidth, type Pane } from './app/layout/layout.ts';
import { Separator } from './app/layout/Separator.tsx';
import { FOLD_IDS } from './app/layout/FoldToggles.tsx';
import { ThemeToggle } from './app/layout/ThemeToggle.tsx';
import './app/layout/theme.css';
import './app/app.css';
import './app/layout/layout.css';

/** The panes' widths as CSS variables on the columns (--w-sidebar, --w-search, …). */
function useColumnWidths(): CSSProperties {
  const vw = useLayoutStore((s) => s.vw);
  const sizes = useLayoutStore((s) => s.sizes);
  const style: Record<string, string> = {};
  for (const p of Object.keys(sizes) as Pane[]) style[`--w-${p}`] = `${paneWidth(p, sizes[p], vw)}px`;
  return style as CSSProperties;
}

export function App() {
  const dump = useDumpStore((s) => s.dump);
  const partial = useDumpStore((s) => s.loading?.progress?.summary ?? null);
  useUrlSync();
  useShareLinks();
  const open = useLayoutStore((s) => s.open);
  const narrow = useLayoutStore(selectNarrow);
  const drawerOpen = useLayoutStore((s) => s.drawerOpen);
  const widths = useColumnWidths();
  // While a first dump parses, what has been read so far is shown. The panels render from a
  // deferred copy: React renders them in time slices, so a new summary never blocks the page.
  const shown = useDeferredValue(dump ?? partial);
  // The side panes join one render later, so that no single commit mounts the whole workspace.
  const sides = useDeferredValue(shown !== null);
  const columns = `columns${narrow ? ' narrow' : ''}${narrow && drawerOpen ? ' drawer-open' : ''}`;
  return (
    <div className="app">
      <header className="topbar">
        <h1>Devcoredump Viewer</h1>
        <OpenControls />
        <ShareControls />
        <ThemeToggle />
        <ShortcutsHelp />
      </header>
      <UpdatePrompt />
      <ProgressBar />
      <ErrorBanner />
      <SnapshotBanner />
      <DropZone />
      {shown ? (
        <main className="workspace" aria-busy={!dump}>
          <PaneBoundary name="Header"><HeaderSummary summary={shown} /></PaneBoundary>
          <div className="strips">
            {open.map && (
              <div id={FOLD_IDS.map}>
                <PaneBoundary name="Address map"><AddressMap summary={shown} /></PaneBoundary>
              </div>
            )}
            {open.hang && (
              <div id={FOLD_IDS.hang}>
                <PaneBoundary name="Hang summary"><HangSummary /></PaneBoundary>
              </div>
            )}
          </div>
          <div className={columns} style={widths}>
            {narrow && drawerOpen && (
              <div className="drawer-backdrop" aria-hidden="true" onClick={() => useLayoutStore.getState().setDrawer(false)} />
            )}
            <PaneBoundary name="Sidebar"><Sidebar summary={shown} /></PaneBoundary>
            {!narrow && <Separator pane="sidebar" />}
            <PaneBoundary name="Hex view"><HexPane /></PaneBoundary>
            {sides && <Separator pane="search" />}
            {sides && <PaneBoundary name="Search"><SearchPane /></PaneBoundary>}
            {sides && <Separator pane="inspector" />}
            {sides && <PaneBoundary name="Inspector"><InspectorPane /></PaneBoundary>}
            {sides && <Separator pane="bookmarks" />}
            {sides && <PaneBoundary name="Bookmarks"><BookmarksPane /></PaneBoundary>}
          </div>
        </main>
      ) : (
        <Welcome />
      )}
    </div>
  );
}
