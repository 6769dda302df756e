import { afterEach, describe, expect, it } from 'vitest';
import type { DumpClient } from '../dump-client.ts';
import type { PointerScanResult } from '../../protocol/worker-api.ts';
import { useDumpStore } from '../store.ts';
import { usePointerStore } from './pointer-store.ts';
import { openAnotherDump } from '../dump-lifecycle-testing.ts';

const result = (align: 4 | 8): PointerScanResult => ({ hits: [{ offset: 8, value: 0x1000n, address: 0x1000n, target: 0 }], capped: false, words: 4, align });

function fakeClient(calls: unknown[][]): DumpClient {
  return { scanPointers: async (range: number, limit?: number, align?: 4 | 8) => { calls.push([range, limit, align]); return result(align ?? 8); } } as unknown as DumpClient;
}

afterEach(() => {
  useDumpStore.setState({ client: null, generation: 0 });
  usePointerStore.setState({ scan: null, busy: false, error: null, dwordAligned: false });
});

describe('pointer store', () => {
  it('scans the range in the worker with the chosen alignment and keeps the result', async () => {
    const calls: unknown[][] = [];
    useDumpStore.setState({ client: fakeClient(calls), generation: 1 });
    usePointerStore.getState().setDwordAligned(true);
    await usePointerStore.getState().run(2);
    expect(calls).toEqual([[2, undefined, 4]]);
    expect(usePointerStore.getState().scan).toEqual({ range: 2, result: result(4) });
    expect(usePointerStore.getState().busy).toBe(false);
  });

  it('forgets the result when another dump opens', async () => {
    useDumpStore.setState({ client: fakeClient([]), generation: 1 });
    await usePointerStore.getState().run(0);
    expect(usePointerStore.getState().scan).not.toBeNull();
    openAnotherDump();
    expect(usePointerStore.getState().scan).toBeNull();
  });

  it('reports a failed scan', async () => {
    useDumpStore.setState({ client: { scanPointers: async () => { throw new Error('boom'); } } as unknown as DumpClient, generation: 1 });
    await usePointerStore.getState().run(0);
    expect(usePointerStore.getState().error).toBe('boom');
  });
});
