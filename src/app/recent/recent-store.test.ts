import { describe, expect, it } from 'vitest';
import { emptyEntryTable } from '../../format/entries.ts';
import type { DumpSummary, OpenSource } from '../../protocol/worker-api.ts';
import { memoryBackend } from './backend.ts';
import { createRecentStore, DEFAULT_MAX_FILE, KEEP_KEY, keptBytes, MAX_FILE_KEY } from './recent-store.ts';
import { describeRecent, parseRecord, usageText } from './records.ts';

const fp = (n: number) => n.toString(16).padStart(64, '0');

function summary(n: number, name: string, size: number, kernel = '6.19.0'): DumpSummary {
  return {
    fileName: name, fileSize: size, compression: null, format: 'xe',
    header: { kernel } as DumpSummary['header'], sections: emptyEntryTable(), entries: emptyEntryTable(), ranges: [], blobs: [], engines: [], batchAddresses: [],
    vm: { uapiFlags: null, error: null }, diagnostics: [], lineCount: 1, byteCount: size, done: true, fingerprint: fp(n),
  };
}

const fileSource = (name: string, size: number): OpenSource => ({ kind: 'file', file: new File([new Uint8Array(size)], name), name });

function setup(opts: { quota?: number; keep?: string | null; max?: number } = {}) {
  const backend = memoryBackend(opts.quota);
  const settings = new Map<string, string>();
  if (opts.keep != null) settings.set(KEEP_KEY, opts.keep);
  let clock = 1_000;
  let openId: string | null = null;
  const opened: OpenSource[] = [];
  const store = createRecentStore({
    backend,
    settings: () => ({ getItem: (k) => settings.get(k) ?? null, setItem: (k, v) => void settings.set(k, v) }),
    open: async (s) => {
      opened.push(s);
      return true;
    },
    openId: () => openId,
    now: () => clock++,
    max: opts.max,
  });
  /** Open a file as the app does: the dump store reports it, and it is the open dump. */
  const openFile = async (n: number, name: string, size = 100) => {
    openId = fp(n);
    await store.getState().remember(fileSource(name, size), summary(n, name, size));
  };
  return { store, backend, settings, opened, openFile, setOpen: (id: string | null) => (openId = id) };
}

describe('recent dumps store', () => {
  it('keeps each file opened, newest first, with name, size, kernel and date; the bytes as given', async () => {
    const { store, backend, openFile } = setup();
    await openFile(1, 'a.txt', 100);
    await openFile(2, 'b.txt.gz', 40);
    const s = store.getState();
    expect(s.entries.map((e) => [e.name, e.size, e.kernel])).toEqual([['b.txt.gz', 40, '6.19.0'], ['a.txt', 100, '6.19.0']]);
    expect(s.entries[0].openedAt).toBeGreaterThan(s.entries[1].openedAt);
    expect(backend.bytes.get(fp(1))?.size).toBe(100);
    expect(s.figures).toEqual({ usage: 140, quota: Number.MAX_SAFE_INTEGER });
  });

  it('says "saving" while the bytes are stored, and stops saying it only with the new list in place', async () => {
    const { store, openFile } = setup();
    const seen: [string | null, number][] = [];
    store.subscribe((s, p) => {
      if (s.saving !== p.saving) seen.push([s.saving, s.entries.length]);
    });
    await openFile(1, 'a.txt');
    expect(seen).toEqual([['a.txt', 0], [null, 1]]);
  });

  it('never keeps the same dump twice: opening it again only moves it to the top', async () => {
    const { store, backend, openFile } = setup();
    await openFile(1, 'a.txt');
    await openFile(2, 'b.txt');
    await openFile(1, 'a-again.txt');
    expect(store.getState().entries.map((e) => e.name)).toEqual(['a-again.txt', 'b.txt']);
    expect(backend.bytes.size).toBe(2);
  });

  it('reopens a kept dump with one call, under its name, and forgets one whose copy is gone', async () => {
    const { store, backend, opened, openFile } = setup();
    await openFile(1, 'a.txt', 10);
    await openFile(2, 'b.txt', 20);
    expect(await store.getState().reopen(fp(1))).toBe(true);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ kind: 'file', name: 'a.txt' });
    expect((opened[0] as { file: Blob }).file.size).toBe(10);

    backend.bytes.delete(fp(2)); // the browser cleared it
    expect(await store.getState().reopen(fp(2))).toBe(false);
    expect(store.getState().note).toMatch(/kept copy of b\.txt is gone/);
    expect(store.getState().entries.map((e) => e.name)).toEqual(['a.txt']);
  });

  it('does not keep the bundled sample or blobs the page made; keeps pasted text only when asked', async () => {
    const { store } = setup();
    expect(keptBytes({ kind: 'file', file: new Blob(['x']), name: 'xe-6.19-sample.txt' })).toBeNull();
    await store.getState().remember({ kind: 'file', file: new Blob(['x']), name: 'sample' }, summary(1, 'sample', 1));
    expect(store.getState().entries).toEqual([]);
    await store.getState().remember({ kind: 'bytes', bytes: new Uint8Array(7), name: 'pasted text' }, summary(2, 'pasted text', 7));
    expect(store.getState().entries).toEqual([]);
    expect(store.getState().pasted).toBe('pasted text');
    await store.getState().keepPasted();
    expect(store.getState().pasted).toBeNull();
    expect(store.getState().entries.map((e) => [e.name, e.size])).toEqual([['pasted text', 7]]);
    // A share link's snapshot is not kept: the link holds it.
    await store.getState().remember({ kind: 'bytes', bytes: new Uint8Array(9), name: 'd.txt (snapshot)', transient: true }, summary(3, 'd.txt (snapshot)', 9));
    expect(store.getState().entries.map((e) => e.name)).toEqual(['pasted text']);
  });

  it('keeps nothing without a fingerprint', async () => {
    const { store } = setup();
    const s = { ...summary(1, 'a', 1), fingerprint: undefined };
    await store.getState().remember(fileSource('a', 1), s);
    expect(store.getState().entries).toEqual([]);
  });

  it('forgets one dump, or all', async () => {
    const { store, backend, openFile, setOpen } = setup();
    await openFile(1, 'a.txt');
    await openFile(2, 'b.txt');
    await openFile(3, 'c.txt');
    setOpen(null);
    await store.getState().forget(fp(2));
    expect(store.getState().entries.map((e) => e.name)).toEqual(['c.txt', 'a.txt']);
    expect([...backend.bytes.keys()].sort()).toEqual([fp(1), fp(3)]);
    await store.getState().forgetAll();
    expect(store.getState().entries).toEqual([]);
    expect(backend.bytes.size).toBe(0);
    expect(store.getState().figures?.usage).toBe(0);
  });

  it('keeps the bytes of a forgotten dump while it is open (its source lines read them), then deletes them', async () => {
    const { store, backend, openFile, setOpen } = setup();
    await openFile(1, 'a.txt');
    await store.getState().forget(fp(1));
    expect(store.getState().entries).toEqual([]);
    expect(backend.bytes.has(fp(1))).toBe(true);
    await store.getState().openChanged(); // still open: nothing happens
    expect(backend.bytes.has(fp(1))).toBe(true);
    setOpen(fp(9));
    await store.getState().openChanged();
    expect(backend.bytes.has(fp(1))).toBe(false);
  });

  it('opening a forgotten dump again while its bytes are still there keeps it again without a copy', async () => {
    const { store, backend, openFile } = setup();
    await openFile(1, 'a.txt');
    await store.getState().forgetAll();
    expect(backend.bytes.has(fp(1))).toBe(true);
    await openFile(1, 'a.txt');
    expect(store.getState().entries.map((e) => e.name)).toEqual(['a.txt']);
  });

  it('keeps the most recent MAX only', async () => {
    const { store, backend, openFile } = setup({ max: 3 });
    for (let i = 1; i <= 5; i++) await openFile(i, `d${i}.txt`);
    expect(store.getState().entries.map((e) => e.name)).toEqual(['d5.txt', 'd4.txt', 'd3.txt']);
    expect(backend.bytes.size).toBe(3);
  });

  it('says so when there is no room, and keeps nothing half-written', async () => {
    const { store, backend, openFile } = setup({ quota: 5 << 20 });
    await openFile(1, 'small.txt', 1000);
    await openFile(2, 'big.txt', 6 << 20);
    expect(store.getState().note).toBe('big.txt was not kept: the browser has no room left for it.');
    expect(store.getState().entries.map((e) => e.name)).toEqual(['small.txt']);
    expect(backend.bytes.size).toBe(1);
  });

  it('reports a failed save', async () => {
    const { store, backend, openFile } = setup();
    backend.save = async () => {
      throw new Error('disk on fire');
    };
    await openFile(1, 'a.txt');
    expect(store.getState().note).toBe('a.txt was not kept: disk on fire');
    expect(store.getState().saving).toBeNull();
    expect(store.getState().entries).toEqual([]);
  });

  it('with keeping off stores nothing (not even a new date); the kept ones can still be forgotten', async () => {
    const { store, backend, settings, openFile, setOpen } = setup();
    await openFile(1, 'a.txt');
    const before = store.getState().entries[0].openedAt;
    store.getState().setKeep(false);
    expect(settings.get(KEEP_KEY)).toBe('0');
    await openFile(2, 'b.txt');
    await openFile(1, 'a.txt');
    expect(store.getState().entries.map((e) => [e.name, e.openedAt])).toEqual([['a.txt', before]]);
    setOpen(null);
    await store.getState().forgetAll();
    expect(backend.bytes.size).toBe(0);
    store.getState().setKeep(true);
    expect(settings.get(KEEP_KEY)).toBe('1');
  });

  it('reads the setting at start', () => {
    expect(setup({ keep: '0' }).store.getState().keep).toBe(false);
    expect(setup({ keep: '1' }).store.getState().keep).toBe(true);
    expect(setup().store.getState().keep).toBe(true);
  });

  it('clears bytes left without a record on the first refresh, except the open dump', async () => {
    const { store, backend, setOpen } = setup();
    backend.bytes.set(fp(7), new Blob(['x']));
    backend.bytes.set(fp(8), new Blob(['y']));
    setOpen(fp(8));
    await store.getState().refresh();
    expect([...backend.bytes.keys()]).toEqual([fp(8)]);
    expect(store.getState().loaded).toBe(true);
  });

  it('runs one store operation at a time, in order', async () => {
    const { store, backend, openFile, setOpen } = setup();
    const a = openFile(1, 'a.txt');
    setOpen(null);
    const forget = store.getState().forget(fp(1)); // queued behind the save
    await Promise.all([a, forget]);
    expect(backend.bytes.size).toBe(0);
    expect(store.getState().entries).toEqual([]);
  });

  it('is unavailable without a backend', async () => {
    const store = createRecentStore({ backend: null, settings: () => null, open: async () => true, openId: () => null });
    expect(store.getState().available).toBe(false);
    await store.getState().remember(fileSource('a', 1), summary(1, 'a', 1));
    await store.getState().refresh();
    expect(store.getState().entries).toEqual([]);
  });
});

describe('recent dump records', () => {
  const good = { id: fp(1), name: 'a.txt', size: 12, compression: 'gzip', kernel: '6.19.0', openedAt: 5, keptAt: 4 };

  it('reads a stored record back, and nothing else', () => {
    expect(parseRecord(JSON.stringify(good))).toEqual(good);
    expect(parseRecord('not json')).toBeNull();
    expect(parseRecord('null')).toBeNull();
    expect(parseRecord(JSON.stringify({ ...good, id: '../x' }))).toBeNull();
    expect(parseRecord(JSON.stringify({ ...good, size: -1 }))).toBeNull();
    expect(parseRecord(JSON.stringify({ ...good, kernel: 3 }))).toBeNull();
  });

  it('describes a dump and the storage in words', () => {
    const d = new Date(2026, 10, 25, 14, 3).getTime();
    expect(describeRecent({ ...good, size: 1_234_567, openedAt: d })).toBe('1.18 MiB (gzip) · kernel 6.19.0 · opened 2026-11-25 14:03');
    expect(describeRecent({ ...good, compression: null, kernel: null, size: 999, openedAt: d })).toBe('999 B · opened 2026-11-25 14:03');
    expect(usageText({ usage: 3_400_000, quota: 1_200_000_000 })).toBe('3.24 MiB used of 1.12 GiB');
    expect(usageText(null)).toBeNull();
  });

  it('a file over the per-file cap is not kept, with a note; the cap is a setting', async () => {
    const { store, settings, openFile } = setup();
    expect(store.getState().maxFileBytes).toBe(DEFAULT_MAX_FILE);
    store.getState().setMaxFileBytes(1000);
    expect(settings.get(MAX_FILE_KEY)).toBe('1000');
    await openFile(1, 'big.txt', 1001);
    expect(store.getState().entries).toEqual([]);
    expect(store.getState().note).toBe('big.txt (1001 B) is not kept: larger than 1000 B, the most kept per dump.');
    await openFile(2, 'small.txt', 1000);
    expect(store.getState().entries.map((e) => e.name)).toEqual(['small.txt']);
    // A new store reads the setting back.
    const again = createRecentStore({ backend: null, settings: () => ({ getItem: (k) => settings.get(k) ?? null, setItem: () => {} }), open: async () => true, openId: () => null });
    expect(again.getState().maxFileBytes).toBe(1000);
  });

  it('unticking "Keep" offers to forget what is kept: yes forgets all, no leaves it', async () => {
    const { store, backend, openFile, setOpen } = setup();
    await openFile(1, 'a.txt');
    await openFile(2, 'b.txt');
    setOpen(null);
    store.getState().setKeep(false);
    expect(store.getState().offerForget).toBe(true);
    await store.getState().answerForget(false);
    expect(store.getState().offerForget).toBe(false);
    expect(store.getState().entries).toHaveLength(2);
    store.getState().setKeep(true);
    expect(store.getState().offerForget).toBe(false);
    store.getState().setKeep(false);
    await store.getState().answerForget(true);
    expect(store.getState().entries).toEqual([]);
    expect(backend.bytes.size).toBe(0);
    // With nothing kept there is nothing to offer.
    store.getState().setKeep(true);
    store.getState().setKeep(false);
    expect(store.getState().offerForget).toBe(false);
  });
});
