// The dump text around one line (SourceContext shows it): asks the worker for the lines. The
// dialog renders this store; the request lives here, not in the component.
import { create } from 'zustand';
import type { SourceLine } from '../../protocol/worker-api.ts';
import { useDumpStore } from '../store.ts';
import { onDumpChange } from '../dump-lifecycle.ts';

/** Lines shown before and after the one asked for. */
export const BEFORE = 5;
export const AFTER = 5;

export type SourceLoaded = { status: 'loading' } | { status: 'ok'; lines: SourceLine[] } | { status: 'error'; message: string };

export interface SourceState {
  /** The line the loaded text is for. */
  line: number | null;
  loaded: SourceLoaded;
  /** Fetch the lines around `line` from the open dump's worker. Returns a cancel (drops a late answer). */
  load(line: number): () => void;
}

let seq = 0;

export const useSourceStore = create<SourceState>()((set) => ({
  line: null,
  loaded: { status: 'loading' },

  load(line) {
    const id = ++seq;
    const client = useDumpStore.getState().client;
    if (!client) {
      set({ line, loaded: { status: 'error', message: 'The source text can be shown once the dump has finished parsing.' } });
      return () => {};
    }
    set({ line, loaded: { status: 'loading' } });
    client.sourceLines(line, BEFORE, AFTER).then(
      (lines) => { if (id === seq) set({ loaded: { status: 'ok', lines } }); },
      (e: unknown) => { if (id === seq) set({ loaded: { status: 'error', message: e instanceof Error ? e.message : String(e) } }); },
    );
    return () => {
      // The view closed (or asks for another line): a late answer is dropped.
      if (id === seq) {
        seq++;
        set({ line: null });
      }
    };
  },
}));

// A new dump while the source view is open: its text is the new dump's.
onDumpChange('source view', () => {
  const { line, load } = useSourceStore.getState();
  if (line !== null) load(line);
});
