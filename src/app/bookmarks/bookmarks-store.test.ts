import { beforeEach, describe, expect, it } from 'vitest';
import { createBookmarksStore, followDump, type StorageLike } from './bookmarks-store.ts';
import { openAnotherDump as show } from '../dump-lifecycle-testing.ts';
import { useDumpStore } from '../store.ts';
import type { DumpSummary } from '../../protocol/worker-api.ts';

class FakeStorage implements StorageLike {
  map = new Map<string, string>();
  failWrites = false;
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

let storage: FakeStorage;
let ids: number;
const make = () => createBookmarksStore({ storage: () => storage, makeId: () => `id${++ids}`, now: () => 1000 });

beforeEach(() => {
  storage = new FakeStorage();
  ids = 0;
});

describe('bookmarks store', () => {
  it('adds nothing without a dump', () => {
    const s = make();
    expect(s.getState().add(0x1000n, 'x')).toBeNull();
    expect(s.getState().bookmarks).toEqual([]);
    expect(s.getState().exportJson()).toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it('adds, updates and removes; every change persists under the fingerprint', () => {
    const s = make();
    s.getState().load('fp1', 'a.txt');
    const id = s.getState().add(0xffff_8000_0000_1000n, 'batch', 'hung')!;
    expect(id).toBe('id1');
    expect(s.getState().bookmarks).toEqual([{ id: 'id1', address: 0x8000_0000_1000n, name: 'batch', note: 'hung', created: 1000 }]);
    expect(JSON.parse(storage.getItem('devcoredump.bookmarks.fp1')!).bookmarks[0].address).toBe('0x800000001000');

    s.getState().add(0x2000n, '  ', '');
    expect(s.getState().bookmarks[1].name).toBe('0x2000'); // default name: the address

    expect(s.getState().update(id, { name: 'renamed', note: 'n2' })).toBe(true);
    expect(s.getState().update('nope', { name: 'x' })).toBe(false);
    expect(s.getState().bookmarks[0]).toMatchObject({ name: 'renamed', note: 'n2' });

    expect(s.getState().remove('id2')).toBe(true);
    expect(s.getState().remove('id2')).toBe(false);
    const again = make();
    again.getState().load('fp1', 'a.txt');
    expect(again.getState().bookmarks).toEqual(s.getState().bookmarks);

    s.getState().remove(id);
    expect(storage.map.has('devcoredump.bookmarks.fp1')).toBe(false); // an empty list leaves no key
  });

  it('keeps dumps apart', () => {
    const s = make();
    s.getState().load('fp1', 'a.txt');
    s.getState().add(0x1000n, 'one');
    s.getState().load('fp2', 'b.txt');
    expect(s.getState().bookmarks).toEqual([]);
    s.getState().add(0x3000n, 'two');
    s.getState().load('fp1', 'a.txt');
    expect(s.getState().bookmarks.map((b) => b.name)).toEqual(['one']);
    s.getState().load(null);
    expect(s.getState().bookmarks).toEqual([]);
    expect(s.getState().add(1n)).toBeNull();
  });

  it('exports and imports; import skips duplicates and junk, flags another dump', () => {
    const s = make();
    s.getState().load('fp1', 'a.txt');
    s.getState().add(0x1000n, 'batch', 'hung');
    const doc = s.getState().exportJson()!;
    expect(doc).toEqual({ fingerprint: 'fp1', fileName: 'a.txt', bookmarks: [{ address: '0x1000', name: 'batch', note: 'hung' }] });
    const text = JSON.stringify(doc);

    expect(s.getState().importJson(text)).toEqual({ ok: true, added: 0, skipped: 1, otherDump: false });

    const t = make();
    t.getState().load('ab12', 'b.txt');
    const r = t.getState().importJson(JSON.stringify({ ...doc, fingerprint: 'cd34', bookmarks: [...doc.bookmarks, { address: 'junk' }] }));
    expect(r).toEqual({ ok: true, added: 1, skipped: 1, otherDump: true });
    expect(t.getState().bookmarks).toMatchObject([{ address: 0x1000n, name: 'batch', note: 'hung' }]);
    expect(storage.getItem('devcoredump.bookmarks.ab12')).toContain('0x1000');

    expect(t.getState().importJson('nonsense')).toMatchObject({ ok: false, added: 0, error: 'not a JSON file' });
    expect(t.getState().bookmarks).toHaveLength(1);
    expect(make().getState().importJson(text)).toMatchObject({ ok: false, error: 'no dump is open' });
  });

  it('reads junk storage as no bookmarks, and works without storage', () => {
    storage.setItem('devcoredump.bookmarks.fp1', '{not json');
    const s = make();
    s.getState().load('fp1');
    expect(s.getState().bookmarks).toEqual([]);
    storage.failWrites = true;
    expect(s.getState().add(0x10n, 'x')).not.toBeNull(); // kept in memory
    expect(s.getState().bookmarks).toHaveLength(1);

    const none = createBookmarksStore({ storage: () => null });
    none.getState().load('fp1');
    expect(none.getState().add(0x10n)).not.toBeNull();
  });
});

describe('following the dump store', () => {
  const dump = (fingerprint: string | undefined, fileName: string) =>
    ({ fileName, fingerprint, ranges: [], done: true }) as unknown as DumpSummary;

  beforeEach(() => {
    useDumpStore.setState({ dump: null });
  });

  it('loads the list of the dump that opens, by fingerprint', () => {
    const s = make();
    const stop = followDump(s, 'test bookmarks');
    expect(s.getState().fingerprint).toBeNull();

    show(dump('fp1', 'a.txt'));
    expect(s.getState()).toMatchObject({ fingerprint: 'fp1', fileName: 'a.txt' });
    s.getState().add(0x1000n, 'one');

    show(dump('fp2', 'b.txt'));
    expect(s.getState().bookmarks).toEqual([]);

    show(dump(undefined, 'partial.txt'));
    expect(s.getState().fingerprint).toBeNull();

    // The same content under another name: same bookmarks, new file name for exports.
    show(dump('fp1', 'renamed.txt'));
    expect(s.getState().bookmarks.map((b) => b.name)).toEqual(['one']);
    expect(s.getState().exportJson()!.fileName).toBe('renamed.txt');
    stop();
    show(dump('fp2', 'b.txt'));
    expect(s.getState().fingerprint).toBe('fp1');
  });
});
