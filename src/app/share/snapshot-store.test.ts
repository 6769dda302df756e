// The snapshot store against real parses: a ParseSession (the worker's code) stands in for the worker.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDump } from '../../gen/generate.ts';
import { ParseSession } from '../../worker/session.ts';
import { foldAddress } from '../../format/addr.ts';
import { setClientFactory, useDumpStore, useViewStore } from '../store.ts';
import type { DumpClient } from '../dump-client.ts';
import type { DumpSummary, OpenSource, Progress, ProgressReport, Space } from '../../protocol/worker-api.ts';
import { applyDelta } from '../progress-merge.ts';
import { useHexStore } from '../hex/hex-store.ts';
import { DEFAULT_OPTIONS } from '../hex/options.ts';
import { useNoticeStore } from '../open/notice.ts';
import { useBookmarksStore } from '../bookmarks/bookmarks-store.ts';
import { encodeSnapshot, type SnapshotLink } from './link.ts';
import { followDumps, useSnapshotStore } from './snapshot-store.ts';
import { hangFacts } from './snapshot-dump.ts';

class SessionClient {
  session = new ParseSession();
  onCrash: ((m: string) => void) | null = null;
  open(source: OpenSource, onProgress: (p: Progress) => void) {
    let sofar: DumpSummary | null = null;
    const report = (p: ProgressReport) => {
      sofar = applyDelta(sofar, p.delta);
      onProgress({ ...p, summary: sofar });
    };
    return this.session.open(source, report).catch((e) => { throw e.failure ?? e; });
  }
  read(space: Space, address: bigint, length: number) {
    return Promise.resolve(this.session.read(space, address, length));
  }
  dispose() {}
}

const g = generateDump({ layout: '6.19', seed: 31 });
const other = generateDump({ layout: '6.19', seed: 32 });
let fingerprint = '';
let unfollow: () => void = () => {};

beforeAll(async () => {
  setClientFactory(() => new SessionClient() as unknown as DumpClient);
  const s = new ParseSession();
  fingerprint = (await s.open({ kind: 'bytes', bytes: g.bytes, name: 'g' }, () => {})).fingerprint!;
});

beforeEach(() => {
  unfollow();
  useDumpStore.setState({ dump: null, client: null, loading: null, error: null, generation: 0 });
  useViewStore.setState({ target: null, address: null, navSeq: 0 });
  useSnapshotStore.setState({ link: null, opening: false });
  useNoticeStore.getState().clear();
  useHexStore.setState({ cursor: null, anchor: null, options: { ...DEFAULT_OPTIONS } });
  unfollow = followDumps();
});

async function linkOf(): Promise<SnapshotLink> {
  const s = new ParseSession();
  const sum = await s.open({ kind: 'bytes', bytes: g.bytes, name: 'hang.txt' }, () => {});
  const r = sum.ranges.find((x) => x.hasData && x.length >= 0x1000)!;
  const start = foldAddress(r.address) + 0x100n;
  return {
    file: { name: 'hang.txt', size: g.bytes.length, fingerprint: sum.fingerprint ?? null },
    layout: sum.format,
    hang: hangFacts(sum),
    range: { address: r.address, length: r.length, properties: r.properties?.raw ?? null },
    address: start,
    bytes: s.read({ kind: 'gpu' }, start, 0x80).bytes,
    view: { cursor: start + 0x10n, selection: { start: start + 0x10n, end: start + 0x20n }, top: start, options: { ...DEFAULT_OPTIONS, group: 8 } },
    bookmarks: [{ address: start + 0x40n, name: 'here', note: 'n' }],
  };
}

describe('snapshot store', () => {
  it('opens a link: the bytes at their GPU addresses, the view, options and bookmarks of the link', async () => {
    const link = await linkOf();
    expect(await useSnapshotStore.getState().openFragment('#s=' + encodeSnapshot(link))).toBe(true);
    const dump = useDumpStore.getState().dump!;
    expect(dump.fingerprint).toBe(fingerprint);
    expect(dump.header.kernel).toBe(link.hang.kernel);
    expect(useSnapshotStore.getState().link).toEqual(link);
    const r = await useDumpStore.getState().client!.read({ kind: 'gpu' }, link.address, 0x80);
    expect(r.bytes).toEqual(link.bytes);
    expect(useViewStore.getState().address).toBe(link.address);
    expect(useHexStore.getState()).toMatchObject({ anchor: link.address + 0x10n, cursor: link.address + 0x1fn });
    expect(useHexStore.getState().options.group).toBe(8);
    expect(useBookmarksStore.getState().bookmarks.map((b) => [b.address, b.name])).toContainEqual([link.address + 0x40n, 'here']);
    // The one range is part of the source's range: offsets count from the source's start.
    expect(dump.ranges[0].part).toEqual({ start: foldAddress(link.range.address), length: link.range.length });
  });

  it('a bad link says why and opens nothing', async () => {
    expect(await useSnapshotStore.getState().openFragment('#s=%%%')).toBe(false);
    expect(useDumpStore.getState().error).toMatchObject({ kind: 'bad-link', message: expect.stringMatching(/base64url/) });
    expect(useDumpStore.getState().dump).toBeNull();
    expect(await useSnapshotStore.getState().openFragment('#other')).toBe(false);
  });

  it('the full dump with the same fingerprint opens at the snapshot\'s place', async () => {
    const link = await linkOf();
    await useSnapshotStore.getState().openLink(link);
    useViewStore.getState().select({ kind: 'range', index: 0 }); // the user moved meanwhile
    expect(await useDumpStore.getState().open({ kind: 'bytes', bytes: g.bytes, name: 'hang.txt' })).toBe(true);
    await Promise.resolve();
    expect(useSnapshotStore.getState().link).toBeNull();
    expect(useDumpStore.getState().dump!.ranges.length).toBeGreaterThan(1);
    expect(useViewStore.getState().address).toBe(link.address);
    expect(useHexStore.getState().anchor).toBe(link.address + 0x10n);
    expect(useNoticeStore.getState().notice).toMatchObject({ tone: 'info', message: expect.stringMatching(/full dump hang\.txt/) });
  });

  it('a link to the dump already open goes to its place, without opening the snapshot', async () => {
    const link = await linkOf();
    expect(await useDumpStore.getState().open({ kind: 'bytes', bytes: g.bytes, name: 'hang.txt' })).toBe(true);
    const generation = useDumpStore.getState().generation;
    expect(await useSnapshotStore.getState().openFragment('#s=' + encodeSnapshot(link))).toBe(true);
    expect(useDumpStore.getState().generation).toBe(generation);
    expect(useSnapshotStore.getState().link).toBeNull();
    expect(useViewStore.getState().address).toBe(link.address);
    expect(useHexStore.getState().anchor).toBe(link.address + 0x10n);
  });

  it('another dump says it is not the one', async () => {
    await useSnapshotStore.getState().openLink(await linkOf());
    expect(await useDumpStore.getState().open({ kind: 'bytes', bytes: other.bytes, name: 'other.txt' })).toBe(true);
    await Promise.resolve();
    expect(useSnapshotStore.getState().link).toBeNull();
    expect(useNoticeStore.getState().notice).toMatchObject({ tone: 'warning', message: expect.stringMatching(/other\.txt is not the dump the snapshot was taken from/) });
  });
});
