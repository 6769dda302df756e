import { afterEach, describe, expect, it } from 'vitest';
import type { DumpClient } from '../dump-client.ts';
import { useDumpStore } from '../store.ts';
import { useSourceStore } from './source-store.ts';

afterEach(() => useDumpStore.setState({ client: null }));

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('source store', () => {
  it('asks the worker for the lines around one line', async () => {
    const calls: number[][] = [];
    useDumpStore.setState({ client: { sourceLines: async (l: number, b: number, a: number) => { calls.push([l, b, a]); return [{ line: l, text: 'x' }]; } } as unknown as DumpClient });
    useSourceStore.getState().load(12);
    expect(useSourceStore.getState()).toMatchObject({ line: 12, loaded: { status: 'loading' } });
    await flush();
    expect(calls).toEqual([[12, 5, 5]]);
    expect(useSourceStore.getState().loaded).toEqual({ status: 'ok', lines: [{ line: 12, text: 'x' }] });
  });

  it('drops an answer that was cancelled, and says when no dump has finished parsing', async () => {
    useDumpStore.setState({ client: { sourceLines: async () => [{ line: 1, text: 'late' }] } as unknown as DumpClient });
    const cancel = useSourceStore.getState().load(1);
    cancel();
    await flush();
    expect(useSourceStore.getState().loaded).toEqual({ status: 'loading' });
    useDumpStore.setState({ client: null });
    useSourceStore.getState().load(3);
    expect(useSourceStore.getState().loaded.status).toBe('error');
  });
});
