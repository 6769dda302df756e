// App state (zustand). Components read these stores and call their actions; the logic lives here.
import { create } from 'zustand';
import { findRangeAt, foldAddress } from '../format/addr.ts';
import { DumpClient, prestartWorker } from './dump-client.ts';
import type { ByteSource } from './byte-source.ts';
import { dumpChanged } from './dump-lifecycle.ts';
import type { DumpSummary, OpenFailure, OpenSource, Progress } from '../protocol/worker-api.ts';

export const SAMPLE_URL = `${import.meta.env.BASE_URL}samples/xe-6.19-sample.txt`;
export const SAMPLE_NAME = 'xe-6.19-sample.txt';

/** The bundled samples of the other formats (public/samples/, made by scripts/make-sample.ts). */
export const OTHER_SAMPLES = [
  { file: 'i915-error-sample.txt', label: 'i915 error state' },
  { file: 'msm-a6xx-sample.txt', label: 'msm devcoredump' },
  { file: 'amdgpu-sample.txt', label: 'amdgpu devcoredump' },
] as const;
export type SampleFile = typeof SAMPLE_NAME | (typeof OTHER_SAMPLES)[number]['file'];

export interface Loading {
  name: string;
  client: DumpClient;
  progress: Progress | null;
  startedAt: number;
}

export interface DumpState {
  /** The open dump, and the worker that holds its memory. */
  dump: DumpSummary | null;
  client: DumpClient | null;
  /** A dump being opened (it replaces `dump` only once it parses). */
  loading: Loading | null;
  /** The last failure to show (the open dump, if any, stays open). */
  error: OpenFailure | null;
  /** Incremented on every successful open (views reset what belongs to the old dump). */
  generation: number;
  open(source: OpenSource): Promise<boolean>;
  openFile(file: File): Promise<boolean>;
  openText(text: string, name?: string): Promise<boolean>;
  /** Open a bundled sample: the xe one unless another is named. */
  openSample(file?: SampleFile): Promise<boolean>;
  cancel(): void;
  dismissError(): void;
}

/**
 * Start the next open's parse worker ahead (see prestartWorker), unless a dump is already opening
 * or open (a link or a recent dump opened at start-up has its own worker).
 */
export function prestartParseWorker(): void {
  const s = useDumpStore.getState();
  if (!s.dump && !s.loading) prestartWorker();
}

export type ClientFactory = () => DumpClient;
let makeClient: ClientFactory = () => new DumpClient();
/** Tests swap the worker client. */
export function setClientFactory(f: ClientFactory): void {
  makeClient = f;
}

export const useDumpStore = create<DumpState>()((set, get) => ({
  dump: null,
  client: null,
  loading: null,
  error: null,
  generation: 0,

  async open(source) {
    get().loading?.client.dispose();
    const client = makeClient();
    const loading: Loading = { name: source.name, client, progress: null, startedAt: performance.now() };
    set({ loading, error: null });
    client.onCrash = (message) => {
      // A crash after the dump opened: say so; the summary stays readable.
      if (get().client === client) set({ error: { kind: 'internal', message: `the parse worker crashed: ${message}` } });
    };
    // The view's navigation count when this open started, or after the automatic pick below: a
    // navigation since then is the user's (a range clicked while the dump parses), and stays.
    let autoNav = useViewStore.getState().navSeq;
    const first = get().dump === null;
    try {
      const summary = await client.open(source, (progress) => {
        const cur = get().loading;
        if (cur?.client !== client) return;
        // The progress bar wants every report; the partial summary (and every view of it) is
        // renewed only when something new appeared in it.
        const prev = cur.progress?.summary;
        const same = prev && prev.sections.count === progress.summary.sections.count
          && prev.ranges.length === progress.summary.ranges.length
          && prev.ranges.filter((r) => r.complete).length === progress.summary.ranges.filter((r) => r.complete).length
          && prev.diagnostics.length === progress.summary.diagnostics.length
          && prev.engines.length === progress.summary.engines.length && prev.blobs.length === progress.summary.blobs.length;
        set({ loading: { ...cur, progress: same ? { ...progress, summary: prev } : progress } });
        // With no dump open yet, show the first fully decoded range while the rest parses.
        const view = useViewStore.getState();
        if (get().dump === null && view.target === null) {
          const r = progress.summary.ranges.find((x) => x.hasData && x.complete);
          if (r) {
            view.select({ kind: 'range', index: r.index });
            autoNav = useViewStore.getState().navSeq;
          }
        }
      });
      if (get().loading?.client !== client) {
        client.dispose(); // cancelled or replaced meanwhile
        return false;
      }
      get().client?.dispose();
      // Keep the range picked while parsing if the user has moved since; else open on the batch.
      const moved = first && useViewStore.getState().navSeq !== autoNav;
      const previous = get().dump;
      const generation = get().generation + 1;
      set({ dump: summary, client, loading: null, error: null, generation });
      // The one trigger of the dump lifecycle: every per-dump feature resets or rebuilds here.
      dumpChanged({ dump: summary, previous, source, generation });
      if (!moved) useViewStore.getState().reset(summary);
      return true;
    } catch (e) {
      const failure = e as OpenFailure;
      if (get().loading?.client === client) {
        client.dispose();
        set({ loading: null, error: failure.kind === 'cancelled' ? null : failure });
        if (!get().dump) useViewStore.setState({ target: null, address: null });
      }
      return false;
    }
  },

  openFile(file) {
    return get().open({ kind: 'file', file, name: file.name });
  },

  openText(text, name = 'pasted text') {
    return get().open({ kind: 'bytes', bytes: new TextEncoder().encode(text), name });
  },

  async openSample(file: SampleFile = SAMPLE_NAME) {
    try {
      const res = await fetch(file === SAMPLE_NAME ? SAMPLE_URL : `${import.meta.env.BASE_URL}samples/${file}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const blob = await res.blob();
      return get().open({ kind: 'file', file: blob, name: file });
    } catch (e) {
      set({ error: { kind: 'read-error', message: `cannot load the sample dump: ${(e as Error).message}` } });
      return false;
    }
  },

  cancel() {
    const l = get().loading;
    if (!l) return;
    l.client.dispose(); // stops the work and frees its memory
    set({ loading: null });
    if (!get().dump) useViewStore.setState({ target: null, address: null });
  },

  dismissError() {
    set({ error: null });
  },
}));

/** The summary to show: the open dump, or with none open, what a parse in progress has read. */
export const selectSummary = (s: DumpState): DumpSummary | null => s.dump ?? s.loading?.progress?.summary ?? null;
/** Where views read bytes: the open dump's worker, or with none open, the worker parsing one. */
export const selectSource = (s: DumpState): ByteSource | null => s.client ?? s.loading?.client ?? null;

/** What the hex view shows: a range (by index) or a blob. */
export type ViewTarget = { kind: 'range'; index: number } | { kind: 'blob'; index: number };

export type Panel = 'ranges' | 'sections' | 'engines' | 'diagnostics' | 'blobs';

export interface ViewState {
  target: ViewTarget | null;
  /** Address of the byte the hex view is at (GPU address for a range, offset for a blob). */
  address: bigint | null;
  panel: Panel;
  /** Section shown in the sections panel (index in summary.sections). */
  section: number | null;
  /** Source line shown in context (from a diagnostic or an entry). */
  sourceLine: number | null;
  /** Counts navigations (select, goTo, reset): each is a history entry; scrolling is not. */
  navSeq: number;
  reset(summary: DumpSummary): void;
  select(target: ViewTarget | null, address?: bigint | null): void;
  goTo(address: bigint): boolean;
  setAddress(address: bigint | null): void;
  setPanel(panel: Panel): void;
  setSection(index: number | null): void;
  showLine(line: number | null): void;
}

export const useViewStore = create<ViewState>()((set, get) => ({
  target: null,
  address: null,
  panel: 'ranges',
  section: null,
  sourceLine: null,
  navSeq: 0,

  reset(summary) {
    // Open on the hung batch when it was captured, else on the first range with data.
    const ranges = summary.ranges;
    let index = -1;
    for (const b of summary.batchAddresses) {
      const r = findRangeAt(ranges, b);
      if (r && r.hasData) {
        index = r.index;
        break;
      }
    }
    if (index < 0) index = ranges.findIndex((r) => r.hasData);
    set({
      target: index >= 0 ? { kind: 'range', index } : null,
      address: index >= 0 ? foldAddress(ranges[index].address) : null,
      section: null,
      sourceLine: null,
      navSeq: get().navSeq + 1,
    });
  },

  select(target, address = null) {
    // While a first dump parses, its ranges are those read so far.
    const dump = useDumpStore.getState().dump ?? useDumpStore.getState().loading?.progress?.summary ?? null;
    let a = address;
    if (a === null && target && dump) a = target.kind === 'range' ? foldAddress(dump.ranges[target.index].address) : 0n;
    set({ target, address: a, navSeq: get().navSeq + 1 });
  },

  goTo(address) {
    const dump = useDumpStore.getState().dump;
    if (!dump) return false;
    const r = findRangeAt(dump.ranges, address);
    if (!r) return false;
    set({ target: { kind: 'range', index: r.index }, address: foldAddress(address), navSeq: get().navSeq + 1 });
    return true;
  },

  setAddress(address) {
    if (address !== get().address) set({ address });
  },

  setPanel(panel) {
    set({ panel });
  },

  setSection(index) {
    set({ section: index, panel: 'sections' });
  },

  showLine(line) {
    set({ sourceLine: line });
  },
}));

// Automation hook (end-to-end tests and the browser benchmark read the stores through it).
declare global {
  interface Window {
    __devcoredump?: { dump: typeof useDumpStore; view: typeof useViewStore };
  }
}
if (typeof window !== 'undefined') window.__devcoredump = { dump: useDumpStore, view: useViewStore };
