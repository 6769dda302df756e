// The page layout. Components render; state and logic live in the stores (src/app/store.ts).
import { useDeferredValue } from 'react';
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
import './app/app.css';

export function App() {
  const dump = useDumpStore((s) => s.dump);
  const partial = useDumpStore((s) => s.loading?.progress?.summary ?? null);
  useUrlSync();
  useShareLinks();
  // While a first dump parses, what has been read so far is shown. The panels render from a
  // deferred copy: React renders them in time slices, so a new summary never blocks the page.
  const shown = useDeferredValue(dump ?? partial);
  // The side panes join one render later, so that no single commit mounts the whole workspace.
  const sides = useDeferredValue(shown !== null);
  return (
    <div className="app">
      <header className="topbar">
        <h1>Devcoredump Viewer</h1>
        <OpenControls />
        <ShareControls />
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
          <PaneBoundary name="Address map"><AddressMap summary={shown} /></PaneBoundary>
          <PaneBoundary name="Hang summary"><HangSummary /></PaneBoundary>
          <div className="columns">
            <PaneBoundary name="Sidebar"><Sidebar summary={shown} /></PaneBoundary>
            <PaneBoundary name="Hex view"><HexPane /></PaneBoundary>
            {sides && <PaneBoundary name="Search"><SearchPane /></PaneBoundary>}
            {sides && <PaneBoundary name="Inspector"><InspectorPane /></PaneBoundary>}
            {sides && <PaneBoundary name="Bookmarks"><BookmarksPane /></PaneBoundary>}
          </div>
        </main>
      ) : (
        <Welcome />
      )}
    </div>
  );
}
