// Copy the selection (or the cursor byte) as hex / hex dump / C array / base64, and download it or
// the whole range as a .bin file: the actions behind CopyExport's buttons and its keys (Ctrl+C,
// Ctrl+Shift+C, Ctrl+S, Ctrl+Alt+S), with their status line and the job running. Formatting lives
// in copy.ts, chunked reading in read.ts.
import { create } from 'zustand';
import { humanBytes } from '../../format/units.ts';
import { selectionOf, useHexStore } from '../hex/hex-store.ts';
import { selectSource, selectSummary, useDumpStore, useViewStore } from '../store.ts';
import { CLIPBOARD_CAP, FORMAT_NAMES, formatBytes, selectionFileName, type CopyFormat } from './copy.ts';
import { readAll, readBlob } from './read.ts';
import { clipSpan, inspectTarget, type InspectTarget } from './target.ts';
import { saveBlob } from '../download.ts';

export interface Span {
  start: bigint;
  end: bigint;
  /** True when it is the selection, false for the cursor byte alone. */
  selection: boolean;
}

/** What a copy takes, for the current target and hex state: the selection, else the cursor byte. */
export function currentSpan(t: InspectTarget | null, hex: { cursor: bigint | null; anchor: bigint | null }): Span | null {
  if (!t || !t.hasData) return null;
  const sel = selectionOf(hex);
  if (sel) {
    const c = clipSpan(t, sel.start, sel.end);
    return c && { ...c, selection: true };
  }
  if (hex.cursor === null) return null;
  const c = clipSpan(t, hex.cursor, hex.cursor + 1n);
  return c && { ...c, selection: false };
}

export function currentTarget(): InspectTarget | null {
  return inspectTarget(selectSummary(useDumpStore.getState()), useViewStore.getState().target);
}

export interface CopyState {
  /** The status line ("Copied 16 bytes as hex"). */
  status: string;
  /** The copy or download running (its abort cancels it), or null. */
  busy: AbortController | null;
  copy(format: CopyFormat, span?: Span | null): void;
  /** Download the selection (or the cursor byte), or with `whole` the whole range or blob. */
  download(whole: boolean): void;
  cancel(): void;
}

let clearTimer: ReturnType<typeof setTimeout> | undefined;

export const useCopyStore = create<CopyState>()((set, get) => {
  const say = (text: string, keep = false) => {
    clearTimeout(clearTimer);
    set({ status: text });
    if (!keep) clearTimer = setTimeout(() => set({ status: '' }), 6000);
  };

  const run = async (job: (signal: AbortSignal) => Promise<void>) => {
    get().busy?.abort();
    const ac = new AbortController();
    set({ busy: ac });
    try {
      await job(ac.signal);
    } catch (e) {
      if (ac.signal.aborted) say('Cancelled.');
      else say(`Failed: ${(e as Error).message}`);
    } finally {
      if (get().busy === ac) set({ busy: null });
    }
  };

  return {
    status: '',
    busy: null,

    copy(format, sp = currentSpan(currentTarget(), useHexStore.getState())) {
      const tt = currentTarget();
      const src = selectSource(useDumpStore.getState());
      if (!sp || !tt || !src) return;
      const length = Number(sp.end - sp.start);
      if (length > CLIPBOARD_CAP) {
        say(`The selection is ${humanBytes(length)}: copies are limited to ${humanBytes(CLIPBOARD_CAP)}. Use “Download .bin” instead.`, true);
        return;
      }
      void run(async (signal) => {
        if (length > 1 << 20) say(`Reading ${humanBytes(length)}…`, true);
        const bytes = await readAll(src, tt.space, sp.start, sp.end, { signal });
        const text = formatBytes(format, bytes, sp.start);
        await navigator.clipboard.writeText(text);
        say(`Copied ${bytes.length} byte${bytes.length === 1 ? '' : 's'} as ${FORMAT_NAMES[format]}`);
      });
    },

    download(whole) {
      const tt = currentTarget();
      const src = selectSource(useDumpStore.getState());
      const sp = whole ? tt && { start: tt.start, end: tt.end } : currentSpan(tt, useHexStore.getState());
      if (!sp || !tt || !src) return;
      const length = Number(sp.end - sp.start);
      const name = whole ? tt.fileName : selectionFileName(sp.start, length);
      void run(async (signal) => {
        say(`Reading ${humanBytes(length)}…`, true);
        let lastPct = -1;
        const blob = await readBlob(src, tt.space, sp.start, sp.end, {
          signal,
          onProgress: (done, total) => {
            const pct = Math.floor((done / total) * 100);
            if (pct !== lastPct && length > 1 << 20) {
              lastPct = pct;
              say(`Reading ${humanBytes(length)}… ${pct}%`, true);
            }
          },
        });
        saveBlob(blob, name);
        say(`Saved ${name} (${blob.size} bytes)`);
      });
    },

    cancel() {
      get().busy?.abort();
    },
  };
});

/**
 * Ctrl+C / Ctrl+Shift+C: copy as a hex dump (a selection is needed) or as hex (the selection or the
 * cursor byte). False when the key is the browser's: nothing to copy, or text selected elsewhere.
 */
export function copyKey(asHex: boolean): boolean {
  const sp = currentSpan(currentTarget(), useHexStore.getState());
  if (!sp) return false;
  if (!asHex) {
    if (!sp.selection) return false;
    // Text selected elsewhere on the page is the browser's to copy.
    const ds = typeof window !== 'undefined' ? window.getSelection() : null;
    if (ds && !ds.isCollapsed && !ds.anchorNode?.parentElement?.closest('.hex-pane')) return false;
  }
  useCopyStore.getState().copy(asHex ? 'hex' : 'hexdump', sp);
  return true;
}

/** Ctrl+S / Ctrl+Alt+S: download. False with nothing shown (the browser's "save page" then). */
export function downloadKey(whole: boolean): boolean {
  if (!currentTarget()) return false;
  useCopyStore.getState().download(whole);
  return true;
}
