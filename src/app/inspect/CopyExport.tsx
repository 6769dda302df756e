// Copy the selection (or the cursor byte) as hex / hex dump / C array / base64, and download it
// or the whole range as a .bin file. Formatting lives in copy.ts, chunked reading in read.ts.
import { useEffect, useMemo, useRef, useState } from 'react';
import { humanBytes } from '../../format/units.ts';
import { selectionOf, useHexStore } from '../hex/hex-store.ts';
import { selectSource, selectSummary, useDumpStore, useViewStore } from '../store.ts';
import { CLIPBOARD_CAP, FORMAT_NAMES, formatBytes, selectionFileName, type CopyFormat } from './copy.ts';
import { readAll, readBlob } from './read.ts';
import { clipSpan, inspectTarget, type InspectTarget } from './target.ts';
import { saveBlob } from '../download.ts';
import { isTextField } from '../open/format.ts';

interface Span {
  start: bigint;
  end: bigint;
  /** True when it is the selection, false for the cursor byte alone. */
  selection: boolean;
}

/** What a copy takes, for the current target and hex state: the selection, else the cursor byte. */
function currentSpan(t: InspectTarget | null, hex: { cursor: bigint | null; anchor: bigint | null }): Span | null {
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

function currentTarget(): InspectTarget | null {
  return inspectTarget(selectSummary(useDumpStore.getState()), useViewStore.getState().target);
}


export function CopyExport() {
  const cursor = useHexStore((s) => s.cursor);
  const anchor = useHexStore((s) => s.anchor);
  const target = useViewStore((s) => s.target);
  const summary = useDumpStore(selectSummary);
  const source = useDumpStore(selectSource);
  const t = useMemo(() => inspectTarget(summary, target), [summary, target]);
  const span = currentSpan(t, { cursor, anchor });
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<AbortController | null>(null);
  const busyRef = useRef<AbortController | null>(null);
  const clearTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const say = (text: string, keep = false) => {
    clearTimeout(clearTimer.current);
    setStatus(text);
    if (!keep) clearTimer.current = setTimeout(() => setStatus(''), 6000);
  };

  const run = async (job: (signal: AbortSignal) => Promise<void>) => {
    busyRef.current?.abort();
    const ac = new AbortController();
    busyRef.current = ac;
    setBusy(ac);
    try {
      await job(ac.signal);
    } catch (e) {
      if (ac.signal.aborted) say('Cancelled.');
      else say(`Failed: ${(e as Error).message}`);
    } finally {
      if (busyRef.current === ac) {
        busyRef.current = null;
        setBusy(null);
      }
    }
  };

  const copy = (format: CopyFormat, sp: Span | null = currentSpan(currentTarget(), useHexStore.getState())) => {
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
  };

  const download = (whole: boolean) => {
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
  };

  // Ctrl+C: hex dump of the selection; Ctrl+Shift+C: hex of the selection or the cursor byte.
  const copyRef = useRef(copy);
  copyRef.current = copy;
  const downloadRef = useRef(download);
  downloadRef.current = download;
  // Ctrl+S: download the selection (or the cursor byte) as .bin; Ctrl+Alt+S: the whole range or blob.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.defaultPrevented || e.key.toLowerCase() !== 's') return;
      if (isTextField(document.activeElement) || !currentTarget()) return;
      e.preventDefault(); // not the browser's "save page"
      downloadRef.current(e.altKey);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented || e.key.toLowerCase() !== 'c') return;
      if (isTextField(document.activeElement)) return;
      const sp = currentSpan(currentTarget(), useHexStore.getState());
      if (!sp) return;
      if (!e.shiftKey) {
        if (!sp.selection) return;
        // Text selected elsewhere on the page is the browser's to copy.
        const ds = window.getSelection();
        if (ds && !ds.isCollapsed && !ds.anchorNode?.parentElement?.closest('.hex-pane')) return;
      }
      e.preventDefault();
      copyRef.current(e.shiftKey ? 'hex' : 'hexdump', sp);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => () => clearTimeout(clearTimer.current), []);

  const n = span ? Number(span.end - span.start) : 0;
  const what = !span ? 'Nothing selected' : span.selection ? `${n} byte${n === 1 ? '' : 's'} selected` : 'the cursor byte';
  const off = !span || busy !== null;
  return (
    <div className="insp-copy" role="group" aria-label="Copy and export">
      <p className="insp-at">
        {span ? (
          <>
            Copy {what} <span className="mono">0x{span.start.toString(16)}</span>
          </>
        ) : (
          'Place the cursor or select bytes to copy them.'
        )}
      </p>
      <div className="insp-buttons">
        <button type="button" disabled={off} onClick={() => copy('hex')} title="Ctrl+Shift+C">
          Copy hex
        </button>
        <button type="button" disabled={off} onClick={() => copy('hexdump')} title="Ctrl+C with a selection">
          Copy hex dump
        </button>
        <button type="button" disabled={off} onClick={() => copy('c')}>
          Copy as C array
        </button>
        <button type="button" disabled={off} onClick={() => copy('base64')}>
          Copy base64
        </button>
      </div>
      <div className="insp-buttons">
        <button type="button" disabled={off} onClick={() => download(false)} title="Ctrl+S">
          Download .bin
        </button>
        <button type="button" disabled={!t || !t.hasData || busy !== null} onClick={() => download(true)} title={t ? `${t.fileName} (Ctrl+Alt+S)` : undefined}>
          Download range
        </button>
        {busy && (
          <button type="button" onClick={() => busy.abort()}>
            Cancel
          </button>
        )}
      </div>
      <p className="insp-status" role="status">
        {status}
      </p>
    </div>
  );
}
