// The Share dialog and the Export snapshot dialog (zustand): what the link holds, its length against
// the budget, the trim or the snapshot file when it does not fit, the copies to the clipboard.
import { create } from 'zustand';
import { foldAddress } from '../../format/addr.ts';
import { selectSource, useDumpStore, useViewStore } from '../store.ts';
import { onDumpChange } from '../dump-lifecycle.ts';
import { selectionOf, useHexStore } from '../hex/hex-store.ts';
import { useBookmarksStore } from '../bookmarks/bookmarks-store.ts';
import { saveBlob } from '../download.ts';
import { hangReport } from '../hang/hang.ts';
import type { SnapshotOptions } from '../../protocol/worker-api.ts';
import { LINK_BUDGET, SNAPSHOT_BUDGET, snapshotUrl, type SnapshotLink } from './link.ts';
import { bugReportMarkdown, fitLength, linkBookmarks, linkSource, makeLink, shareRequest, type ShareRequest } from './share.ts';
import { useSnapshotStore } from './snapshot-store.ts';

export type SharePhase = 'closed' | 'reading' | 'ready' | 'over' | 'error';

export interface Over {
  /** 'bytes': more than SNAPSHOT_BUDGET selected; 'length': the link would pass LINK_BUDGET. */
  reason: 'bytes' | 'length';
  /** Bytes asked for. */
  bytes: number;
  /** Link length with all of them (for 'length'). */
  urlLength: number | null;
}

export type ExportScope = 'request' | 'range' | 'hang';

export interface ShareState {
  phase: SharePhase;
  request: ShareRequest | null;
  link: SnapshotLink | null;
  url: string | null;
  over: Over | null;
  /** Trimmed to fit: bytes kept of those asked for. */
  trimmedFrom: number | null;
  /** Fewer bytes were decoded than asked for (a range cut short in the dump): how many were asked. */
  shortOf: number | null;
  message: string | null;
  /** Last copy done ('link' | 'report'), for the dialog's status line. */
  copied: 'link' | 'report' | null;
  exportOpen: boolean;
  exportScope: ExportScope;
  exportBlobs: boolean;
  exportUncaptured: boolean;
  exporting: boolean;
  show(): Promise<void>;
  hide(): void;
  trim(): Promise<void>;
  copyLink(): Promise<boolean>;
  copyReport(): Promise<boolean>;
  showExport(scope?: ExportScope): void;
  hideExport(): void;
  setExport(patch: Partial<Pick<ShareState, 'exportScope' | 'exportBlobs' | 'exportUncaptured'>>): void;
  exportSnapshot(): Promise<boolean>;
}

/** The app's own address, for links. */
function base(): string {
  return typeof location !== 'undefined' ? location.href : 'http://localhost/';
}

/** What is on screen now: the request the dialogs work from, or why there is none. */
function currentRequest(): ShareRequest | string {
  const dump = useDumpStore.getState().dump;
  if (!dump) return 'Open a dump first.';
  const { target, address } = useViewStore.getState();
  if (!target || target.kind !== 'range') return 'A share link holds GPU memory: show a range with data in the hex view (blobs cannot be shared).';
  const hex = useHexStore.getState();
  const req = shareRequest(dump, target.index, selectionOf(hex), address, hex.visibleRows * hex.options.bytesPerRow);
  return req ?? 'This range holds no data to share.';
}

async function readBytes(start: bigint, length: number): Promise<Uint8Array> {
  const src = selectSource(useDumpStore.getState());
  if (!src) return new Uint8Array(0);
  const r = await src.read({ kind: 'gpu' }, start, length);
  return r.bytes.subarray(0, r.valid);
}

function buildLink(req: ShareRequest, bytes: Uint8Array): SnapshotLink {
  const dump = useDumpStore.getState().dump!;
  const hex = useHexStore.getState();
  const r0 = foldAddress(req.range.address);
  const end = req.start + BigInt(bytes.length);
  const sel = selectionOf(hex);
  const clip = sel && sel.start < end && sel.end > req.start
    ? { start: sel.start < req.start ? req.start : sel.start, end: sel.end > end ? end : sel.end }
    : null;
  const cursor = hex.cursor !== null && hex.cursor >= req.start && hex.cursor < end ? hex.cursor : req.start;
  const top = useViewStore.getState().address;
  const marks = useBookmarksStore.getState().bookmarks;
  return makeLink(
    linkSource(dump, req.range, useSnapshotStore.getState().link),
    req.start,
    bytes,
    { cursor, selection: clip, top: top !== null && top >= req.start && top < end ? top : req.start, options: hex.options },
    linkBookmarks(marks, r0, r0 + BigInt(req.range.length)),
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function exportName(fileName: string): string {
  const stem = fileName.replace(/ \(snapshot\)$/, '').replace(/\.(gz|zst|xz)$/i, '').replace(/\.(txt|devcoredump)$/i, '');
  return `${stem}.snapshot.txt`;
}

export const useShareStore = create<ShareState>()((set, get) => ({
  phase: 'closed',
  request: null,
  link: null,
  url: null,
  over: null,
  trimmedFrom: null,
  shortOf: null,
  message: null,
  copied: null,
  exportOpen: false,
  exportScope: 'request',
  exportBlobs: false,
  exportUncaptured: true,
  exporting: false,

  async show() {
    let req = currentRequest();
    set({ phase: 'reading', request: null, link: null, url: null, over: null, trimmedFrom: null, shortOf: null, message: null, copied: null });
    if (typeof req === 'string') {
      set({ phase: 'error', message: req });
      return;
    }
    const length = Number(req.end - req.start);
    if (length > SNAPSHOT_BUDGET) {
      set({ phase: 'over', request: req, over: { reason: 'bytes', bytes: length, urlLength: null } });
      return;
    }
    const bytes = await readBytes(req.start, length);
    if (get().phase !== 'reading') return; // closed meanwhile
    if (bytes.length === 0) {
      set({ phase: 'error', message: `The bytes at 0x${req.start.toString(16)} were not decoded: the dump is cut short in this range. Share bytes before the cut.` });
      return;
    }
    const shortOf = bytes.length < length ? length : null;
    if (shortOf !== null) req = { ...req, end: req.start + BigInt(bytes.length) };
    const link = buildLink(req, bytes);
    const url = snapshotUrl(base(), link);
    if (url.length > LINK_BUDGET) {
      set({ phase: 'over', request: req, link, shortOf, over: { reason: 'length', bytes: bytes.length, urlLength: url.length } });
      return;
    }
    set({ phase: 'ready', request: req, link, url, shortOf });
  },

  hide() {
    set({ phase: 'closed', copied: null });
  },

  async trim() {
    const { request: req, over } = get();
    if (!req || !over) return;
    const bytes = get().link?.bytes ?? (await readBytes(req.start, SNAPSHOT_BUDGET));
    if (get().phase !== 'over') return; // closed meanwhile
    if (bytes.length === 0) {
      set({ phase: 'error', message: `The bytes at 0x${req.start.toString(16)} were not decoded: the dump is cut short in this range.` });
      return;
    }
    const whole = buildLink(req, bytes);
    const n = fitLength(base(), whole);
    if (n === 0) {
      set({ phase: 'error', message: 'Not even 16 bytes of this data fit in a link: export a snapshot file instead.' });
      return;
    }
    const link = buildLink({ ...req, end: req.start + BigInt(n) }, bytes.slice(0, n));
    set({ phase: 'ready', link, url: snapshotUrl(base(), link), over: null, trimmedFrom: over.bytes });
  },

  async copyLink() {
    const url = get().url;
    if (!url) return false;
    const ok = await copyText(url);
    set({ copied: ok ? 'link' : null, message: ok ? null : 'The browser did not let the page write to the clipboard: select the link and copy it.' });
    return ok;
  },

  async copyReport() {
    const { url, link } = get();
    if (!url || !link) return false;
    const ok = await copyText(bugReportMarkdown(link, url));
    set({ copied: ok ? 'report' : null, message: ok ? null : 'The browser did not let the page write to the clipboard.' });
    return ok;
  },

  showExport(scope) {
    const req = currentRequest();
    const fallback: ExportScope = typeof req === 'string' ? 'hang' : 'request';
    set({ exportOpen: true, exportScope: scope ?? (get().exportScope === 'request' && typeof req === 'string' ? fallback : get().exportScope), phase: 'closed' });
  },

  hideExport() {
    set({ exportOpen: false });
  },

  setExport(patch) {
    set(patch);
  },

  async exportSnapshot() {
    const state = useDumpStore.getState();
    const dump = state.dump;
    const client = state.client;
    if (!dump || !client) return false;
    const pieces = exportPieces(get().exportScope);
    set({ exporting: true });
    try {
      const opts: SnapshotOptions = { pieces, blobs: get().exportBlobs, uncaptured: get().exportUncaptured };
      const chunks = await client.exportSnapshot(opts);
      saveBlob(new Blob(chunks as Uint8Array<ArrayBuffer>[], { type: 'text/plain' }), exportName(dump.fileName));
      set({ exportOpen: false });
      return true;
    } finally {
      set({ exporting: false });
    }
  },
}));

/** The memory an export keeps, for each choice. */
export function exportPieces(scope: ExportScope): SnapshotOptions['pieces'] {
  const dump = useDumpStore.getState().dump;
  if (!dump) return [];
  if (scope === 'request' || scope === 'range') {
    const req = currentRequest();
    if (typeof req === 'string') return [];
    if (scope === 'range') return [{ address: foldAddress(req.range.address), length: req.range.length }];
    return [{ address: req.start, length: Number(req.end - req.start) }];
  }
  // The ranges the hang names: the batch, where ACTHD and the other registers point.
  const seen = new Set<number>();
  for (const x of hangReport(dump).xrefs) if (x.range !== null) seen.add(x.range);
  return [...seen].sort((a, b) => a - b).map((i) => ({ address: foldAddress(dump.ranges[i].address), length: dump.ranges[i].length }));
}

/** Words for an export choice, with what it holds now ("12 KiB at 0x…"). */
export function describeScope(scope: ExportScope): { label: string; pieces: number; bytes: number } {
  const pieces = exportPieces(scope);
  const bytes = pieces.reduce((n, p) => n + p.length, 0);
  const label = scope === 'request' ? 'The selection (or the rows on screen)' : scope === 'range' ? 'The whole range shown' : 'The ranges the hang names (batch, ACTHD, ring)';
  return { label, pieces: pieces.length, bytes };
}


// Another dump opened: the dialogs belonged to the old one.
onDumpChange('share', () => {
  useShareStore.setState({ phase: 'closed', exportOpen: false, link: null, url: null, request: null, over: null, copied: null });
});
