// The snapshot a share link opened (zustand), and what happens around it: a link in the address bar
// (at start, or pasted later) opens as a small dump of its own; the view, display options and
// bookmarks it carries are applied; a dump opened afterwards is checked against the snapshot's
// fingerprint: the same dump opens at the snapshot's place, another one says so.
import { create } from 'zustand';
import { findRangeAt, foldAddress } from '../../format/addr.ts';
import { useDumpStore, useViewStore } from '../store.ts';
import { onDumpChange } from '../dump-lifecycle.ts';
import { useHexStore } from '../hex/hex-store.ts';
import { useBookmarksStore } from '../bookmarks/bookmarks-store.ts';
import { useNoticeStore } from '../open/notice.ts';
import { LinkError, decodeSnapshot, fragmentPayload, type SnapshotLink } from './link.ts';
import { snapshotDumpText } from './snapshot-dump.ts';

export interface SnapshotState {
  /** The snapshot on screen (the open dump is it), or null. */
  link: SnapshotLink | null;
  /** A snapshot link being opened. */
  opening: boolean;
  /** Open a decoded link: its bytes as a dump, then its view. */
  openLink(link: SnapshotLink): Promise<boolean>;
  /**
   * Open the link in a URL fragment; false when the fragment is not a share link or it fails. With
   * the full dump of the snapshot open already, only go to the link's place.
   */
  openFragment(hash: string): Promise<boolean>;
}

/** The link's place: its range, the first row it showed, the cursor, the selection; its display options and bookmarks. */
export function applyLinkView(link: SnapshotLink): boolean {
  const dump = useDumpStore.getState().dump;
  if (!dump) return false;
  const at = link.view.cursor ?? link.view.selection?.start ?? link.address;
  const r = findRangeAt(dump.ranges, at) ?? findRangeAt(dump.ranges, link.address);
  if (!r) return false;
  const start = foldAddress(r.address);
  const end = start + BigInt(r.length);
  const top = link.view.top !== null && link.view.top >= start && link.view.top < end ? link.view.top : at;
  useViewStore.getState().select({ kind: 'range', index: r.index }, top);
  // The link's options for this view; the user's saved defaults stay as they are.
  useHexStore.setState({ options: link.view.options });
  const sel = link.view.selection;
  if (sel && sel.start >= start && sel.end <= end) useHexStore.getState().select(sel.start, sel.end);
  else useHexStore.getState().setCursor(at >= start && at < end ? at : start);
  return true;
}

function importBookmarks(link: SnapshotLink): void {
  const bm = useBookmarksStore.getState();
  if (!bm.fingerprint) return;
  for (const b of link.bookmarks) {
    if (!bm.bookmarks.some((x) => x.address === b.address && x.name === b.name)) bm.add(b.address, b.name, b.note);
  }
}

/** Take the share link out of the address bar (the snapshot is closed). */
function clearFragment(): void {
  if (typeof location === 'undefined' || fragmentPayload(location.hash) === null) return;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

export const useSnapshotStore = create<SnapshotState>()((set, get) => ({
  link: null,
  opening: false,

  async openLink(link) {
    set({ opening: true });
    try {
      const ok = await useDumpStore.getState().open({ kind: 'bytes', bytes: snapshotDumpText(link), name: `${link.file.name} (snapshot)`, transient: true });
      if (!ok) return false;
      // The snapshot stands for its source dump: bookmarks follow the source's fingerprint, and its
      // one range is told apart as part of the source's range (offsets count from there).
      const dump = useDumpStore.getState().dump!;
      const part = { start: foldAddress(link.range.address), length: link.range.length };
      useDumpStore.setState({
        dump: { ...dump, fingerprint: link.file.fingerprint ?? dump.fingerprint, ranges: dump.ranges.map((r) => ({ ...r, part })) },
      });
      set({ link });
      applyLinkView(link);
      importBookmarks(link);
      return true;
    } catch (e) {
      useDumpStore.setState({ error: { kind: 'bad-link', message: `the snapshot does not open: ${(e as Error).message}` } });
      return false;
    } finally {
      set({ opening: false });
    }
  },

  async openFragment(hash) {
    const payload = fragmentPayload(hash);
    if (payload === null) return false;
    let link: SnapshotLink;
    try {
      link = decodeSnapshot(payload);
    } catch (e) {
      const message = e instanceof LinkError ? e.message : `unexpected error: ${(e as Error).message}`;
      useDumpStore.setState({ error: { kind: 'bad-link', message } });
      clearFragment(); // not carried into the next history entries
      return false;
    }
    // The full dump of this snapshot is open already (a link pasted into its own tab, or Back to
    // the snapshot's history entry): just go to the link's place.
    const dump = useDumpStore.getState().dump;
    if (dump && !get().link && link.file.fingerprint !== null && dump.fingerprint === link.file.fingerprint) {
      clearFragment();
      return applyLinkView(link);
    }
    return get().openLink(link);
  },
}));

/** A dump opened while a snapshot is on screen: the full dump at the same place, or another dump. */
export function followDumps(): () => void {
  return onDumpChange('snapshot', ({ dump }) => {
    const snap = useSnapshotStore.getState();
    if (snap.opening || !snap.link) return;
    const link = snap.link;
    useSnapshotStore.setState({ link: null });
    clearFragment();
    const notice = useNoticeStore.getState();
    // After the open has placed the view (synchronously, in the same call): then go to the link's place.
    queueMicrotask(() => {
      if (link.file.fingerprint && dump.fingerprint === link.file.fingerprint) {
        applyLinkView(link);
        notice.show(`Opened the full dump ${dump.fileName}, at the place of the snapshot (0x${link.address.toString(16)}).`);
      } else {
        notice.show(`${dump.fileName} is not the dump the snapshot was taken from (${link.file.name}: the fingerprints differ). It opens at its own start.`, 'warning');
      }
    });
  });
}

if (typeof window !== 'undefined') followDumps();
