import { beforeEach, describe, expect, it } from 'vitest';
import { parseDump } from '../../format/parser.ts';
import { summarize } from '../../worker/session.ts';
import { sampleDump } from '../../../scripts/make-sample.ts';
import { useDumpStore, useViewStore } from '../store.ts';
import { DEFAULT_SORT, usePanelsStore } from './panels-store.ts';
import { openAnotherDump } from '../dump-lifecycle-testing.ts';

describe('panels store', () => {
  beforeEach(() => {
    usePanelsStore.setState({ rangeSort: DEFAULT_SORT, rangeFilter: '', lastJump: null });
  });

  it('sorts by a column, then flips it', () => {
    const s = usePanelsStore.getState();
    s.sortRangesBy('size');
    expect(usePanelsStore.getState().rangeSort).toEqual({ key: 'size', dir: 'asc' });
    s.sortRangesBy('size');
    expect(usePanelsStore.getState().rangeSort).toEqual({ key: 'size', dir: 'desc' });
    s.sortRangesBy('start');
    expect(usePanelsStore.getState().rangeSort).toEqual({ key: 'start', dir: 'asc' });
  });

  it('keeps the filter text', () => {
    usePanelsStore.getState().setRangeFilter('1a00');
    expect(usePanelsStore.getState().rangeFilter).toBe('1a00');
  });

  it('jumps into a captured range, and remembers a miss', () => {
    const g = sampleDump();
    const summary = summarize(parseDump(g.bytes), { fileName: 's', fileSize: g.bytes.length, compression: null }, true);
    useDumpStore.setState({ dump: summary, generation: useDumpStore.getState().generation + 1 });
    const acthd = summary.engines[0].registers.find((r) => r.name === 'ACTHD')!.value;
    expect(usePanelsStore.getState().jump('rcs0:ACTHD', acthd)).toBe(true);
    const t = useViewStore.getState().target;
    expect(t?.kind).toBe('range');
    const r = summary.ranges[t!.index];
    expect(acthd >= r.address && acthd < r.address + BigInt(r.length)).toBe(true);
    expect(useViewStore.getState().address).toBe(acthd);
    expect(usePanelsStore.getState().lastJump).toEqual({ key: 'rcs0:ACTHD', ok: true });

    expect(usePanelsStore.getState().jump('rcs0:RING_START', 0xdead0000000n)).toBe(false);
    expect(usePanelsStore.getState().lastJump).toEqual({ key: 'rcs0:RING_START', ok: false });
    expect(useViewStore.getState().target).toEqual(t); // unchanged

    // A new dump forgets the result.
    openAnotherDump();
    expect(usePanelsStore.getState().lastJump).toBeNull();
  });
});
