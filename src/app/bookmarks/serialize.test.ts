import { describe, expect, it } from 'vitest';
import { MAX_NAME, parseAddressText, parseEntry, parseImport, parseStored, pickAddress, exportFileName, serializeStored, storageKey, toExport, type Bookmark } from './serialize.ts';
import { hexAddress } from '../../format/text.ts';

const bm = (id: string, address: bigint, name = 'n', note = ''): Bookmark => ({ id, address, name, note, created: 1700000000000 });

describe('addresses', () => {
  it('writes 0x… and reads it back, folded', () => {
    expect(hexAddress(0x1a0000n)).toBe('0x1a0000');
    expect(parseAddressText('0x1a0000')).toBe(0x1a0000n);
    expect(parseAddressText('1A0000')).toBe(0x1a0000n);
    expect(parseAddressText('0xffff_8000_0000_1000')).toBe(0x8000_0000_1000n); // canonical form folds
    expect(parseAddressText('0xffffffffffffffff')).toBe((1n << 48n) - 1n);
  });
  it('rejects what is not an address', () => {
    for (const v of ['', '0x', 'zz', '0x1_0000_0000_0000_0000', '12345678901234567', 12, null, undefined, {}, '0x12 34', '-1'])
      expect(parseAddressText(v)).toBeNull();
  });
});

describe('localStorage form', () => {
  it('round-trips bigints as 0x strings', () => {
    const list = [bm('a', 0x1000n, 'batch', 'hung here'), bm('b', 0xffff_ffff_f000n, 'top', '')];
    const text = serializeStored(list);
    expect(text).toContain('"address":"0x1000"');
    expect(text).not.toMatch(/"address":\d/);
    expect(parseStored(text)).toEqual(list);
  });
  it('survives junk: not JSON, wrong shapes, bad entries', () => {
    expect(parseStored(null)).toEqual([]);
    expect(parseStored('')).toEqual([]);
    expect(parseStored('{')).toEqual([]);
    expect(parseStored('42')).toEqual([]);
    expect(parseStored('{"bookmarks":5}')).toEqual([]);
    let n = 0;
    const got = parseStored(
      JSON.stringify({ bookmarks: [{ id: 'x', address: '0x10', name: 'ok' }, { address: 16 }, 'str', null, { id: 'x', address: '0x20', name: 5 }, { id: 'x', address: '0x30' }] }),
      () => `gen${++n}`,
    );
    expect(got.map((b) => [b.id, b.address, b.name, b.note, b.created])).toEqual([
      ['x', 0x10n, 'ok', '', 0],
      ['gen1', 0x30n, '0x30', '', 0], // duplicate id renewed, empty name = the address
    ]);
  });
});

describe('export and import', () => {
  it('exports fingerprint, file name and the bookmarks with 0x addresses', () => {
    const doc = toExport('abc123', 'dump.txt', [bm('a', 0x1000n, 'batch', 'note')]);
    expect(doc).toEqual({ fingerprint: 'abc123', fileName: 'dump.txt', bookmarks: [{ address: '0x1000', name: 'batch', note: 'note' }] });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
  it('reads an export back', () => {
    const text = JSON.stringify(toExport('ABC123', 'dump.txt', [bm('a', 0x1000n, 'batch', 'note'), bm('b', 0x2000n, 'ring', '')]));
    expect(parseImport(text)).toEqual({
      fingerprint: 'abc123',
      skipped: 0,
      bookmarks: [{ address: 0x1000n, name: 'batch', note: 'note' }, { address: 0x2000n, name: 'ring', note: '' }],
    });
  });
  it('accepts a bare list; skips and counts junk entries', () => {
    const r = parseImport(JSON.stringify([{ address: '0x10', name: 'a' }, { address: 'nope' }, 7, { address: '0x20', note: ['x'] }, { address: '0x30', name: '  ' }]));
    expect(r.fingerprint).toBeNull();
    expect(r.skipped).toBe(3);
    expect(r.bookmarks).toEqual([{ address: 0x10n, name: 'a', note: '' }, { address: 0x30n, name: '0x30', note: '' }]);
  });
  it('ignores a fingerprint that is not hex', () => {
    expect(parseImport(JSON.stringify({ fingerprint: '<script>', bookmarks: [] })).fingerprint).toBeNull();
  });
  it('clips long names', () => {
    const r = parseImport(JSON.stringify({ bookmarks: [{ address: '0x1', name: 'x'.repeat(1000) }] }));
    expect(r.bookmarks[0].name.length).toBe(MAX_NAME);
  });
  it('throws with a message for what is not a bookmarks file', () => {
    expect(() => parseImport('not json')).toThrow(/JSON/);
    expect(() => parseImport('{"fingerprint":"ab"}')).toThrow(/no bookmarks/);
    expect(() => parseImport('"str"')).toThrow(/no bookmarks/);
    expect(() => parseImport('null')).toThrow(/no bookmarks/);
  });
  it('entries must be objects with an address', () => {
    expect(parseEntry([])).toBeNull();
    expect(parseEntry({ name: 'x' })).toBeNull();
    expect(parseEntry({ address: '0x5', name: 'x', note: null })).toEqual({ address: 5n, name: 'x', note: '' });
  });
});

describe('storage key and picked address', () => {
  it('keys by fingerprint', () => {
    expect(storageKey('deadbeef')).toBe('devcoredump.bookmarks.deadbeef');
  });
  const ranges = [
    { index: 0, address: 0x1000n, length: 0x1000 },
    { index: 1, address: 0xffff_8000_0000_0000n, length: 0x100 },
  ];
  it('takes the cursor in the range, else the view address, else the range start', () => {
    const t = { kind: 'range' as const, index: 0 };
    expect(pickAddress(ranges, t, 0x1100n, 0x1234n)).toBe(0x1234n);
    expect(pickAddress(ranges, t, 0x1100n, 0x9999n)).toBe(0x1100n);
    expect(pickAddress(ranges, t, 0x1100n, null)).toBe(0x1100n);
    expect(pickAddress(ranges, t, null, null)).toBe(0x1000n);
    expect(pickAddress(ranges, { kind: 'range', index: 1 }, null, 0xffff_8000_0000_0010n)).toBe(0x8000_0000_0010n);
  });
  it('has nothing for a blob or no target', () => {
    expect(pickAddress(ranges, { kind: 'blob', index: 0 }, 0n, 0n)).toBeNull();
    expect(pickAddress(ranges, null, 0n, 0n)).toBeNull();
    expect(pickAddress(ranges, { kind: 'range', index: 7 }, 0n, 0n)).toBeNull();
  });
});

describe('export file name', () => {
  it('is bookmarks-<file name>.json, with no path characters', () => {
    expect(exportFileName('xe-6.19-sample.txt')).toBe('bookmarks-xe-6.19-sample.txt.json');
    expect(exportFileName('a/b\\c:d.txt')).toBe('bookmarks-a_b_c_d.txt.json');
    expect(exportFileName('')).toBe('bookmarks-dump.json');
  });
});
