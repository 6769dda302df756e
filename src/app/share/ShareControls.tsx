// The Share and Export snapshot buttons of the top bar (their keys, Ctrl+Shift+S and Ctrl+Shift+E,
// are in shortcuts/registry.ts), the two dialogs, and the banner of an opened snapshot.
import { useDumpStore } from '../store.ts';
import { chooseFile } from '../open/notice.ts';
import { useShareStore } from './share-store.ts';
import { useSnapshotStore } from './snapshot-store.ts';
import { snapshotBannerText } from './share.ts';
import { ShareDialog } from './ShareDialog.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import './share.css';

export function ShareControls() {
  const hasDump = useDumpStore((s) => s.dump !== null);
  const show = useShareStore((s) => s.show);
  const showExport = useShareStore((s) => s.showExport);

  return (
    <>
      <div className="share-controls">
        <button type="button" disabled={!hasDump} onClick={() => void show()} aria-keyshortcuts="Control+Shift+S" title="Share a link to these bytes (Ctrl+Shift+S)">
          Share
        </button>
        <button type="button" disabled={!hasDump} onClick={() => showExport()} aria-keyshortcuts="Control+Shift+E" title="Export a snapshot file (Ctrl+Shift+E)">
          Export snapshot
        </button>
      </div>
      <ShareDialog />
      <ExportDialog />
    </>
  );
}

/** "Snapshot of FILE: N bytes at 0x…", while a snapshot from a link is on screen. */
export function SnapshotBanner() {
  const link = useSnapshotStore((s) => s.link);
  if (!link) return null;
  return (
    <div className="banner banner-info snapshot-banner" role="status" data-testid="snapshot-banner">
      <span className="banner-message">
        <strong>{snapshotBannerText(link)}</strong>. Only these bytes came with the link; drop the full dump
        {link.file.fingerprint ? <> (fingerprint <code>{link.file.fingerprint.slice(0, 16)}</code>)</> : null} to see everything at this place.
      </span>
      <button type="button" onClick={chooseFile}>Open the full dump…</button>
    </div>
  );
}
