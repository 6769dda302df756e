import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DumpSummary, OpenSource } from '../protocol/worker-api.ts';
import { dumpChangeFeatures, dumpChanged, onDumpChange, type DumpChange } from './dump-lifecycle.ts';

const source: OpenSource = { kind: 'bytes', bytes: new Uint8Array(0), name: 'a.txt' };
const change = (generation: number): DumpChange => ({ dump: { fileName: `d${generation}` } as DumpSummary, previous: null, source, generation });

const offs: (() => void)[] = [];
afterEach(() => {
  for (const off of offs.splice(0)) off();
});

describe('dump lifecycle', () => {
  it('tells every registered feature, in registration order', () => {
    const seen: string[] = [];
    offs.push(onDumpChange('t-a', (c) => seen.push(`a${c.generation}`)));
    offs.push(onDumpChange('t-b', (c) => seen.push(`b${c.dump.fileName}`)));
    dumpChanged(change(1));
    expect(seen).toEqual(['a1', 'bd1']);
    expect(dumpChangeFeatures()).toEqual(expect.arrayContaining(['t-a', 't-b']));
  });

  it('one registration per feature: the same name replaces the earlier one', () => {
    const first = vi.fn();
    const second = vi.fn();
    offs.push(onDumpChange('t-same', first));
    offs.push(onDumpChange('t-same', second));
    dumpChanged(change(2));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('a failing feature does not stop the others, and is named', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    offs.push(onDumpChange('t-broken', () => { throw new Error('boom'); }));
    offs.push(onDumpChange('t-after', after));
    expect(dumpChanged(change(3))).toEqual(['t-broken']);
    expect(after).toHaveBeenCalled();
    err.mockRestore();
  });

  it('unregistering stops the calls', () => {
    const fn = vi.fn();
    const off = onDumpChange('t-off', fn);
    off();
    dumpChanged(change(4));
    expect(fn).not.toHaveBeenCalled();
    expect(dumpChangeFeatures()).not.toContain('t-off');
  });
});
