// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { Rng, mixedBuffer } from '../../gen/content.ts';
import type { RangeInfo } from '../../protocol/worker-api.ts';
import { DEFAULT_OPTIONS } from '../hex/options.ts';
import { LINK_BUDGET, SNAPSHOT_BUDGET, decodeSnapshot, fragmentPayload, snapshotUrl, type SnapshotLink } from './link.ts';
import { LINK_BOOKMARKS, bugReportMarkdown, fitLength, linkBookmarks, shareRequest, snapshotBannerText } from './share.ts';

const range = (address: bigint, length: number, hasData = true): RangeInfo => ({
  index: 0, address, length, line: 1, properties: null, decodedLength: length, complete: true, error: null, hasData,
});

const link = (bytes: Uint8Array): SnapshotLink => ({
  file: { name: 'd.txt', size: 1, fingerprint: null },
  layout: 'xe',
  hang: { kernel: '6.19', reason: 'Timedout job', process: null, pciId: null, engine: 'ccs0', acthd: 0x1a0054n, batch: [0x1a0000n] },
  range: { address: 0x1a0000n, length: 0x100000, properties: null },
  address: 0x1a0000n,
  bytes,
  view: { cursor: null, selection: null, top: null, options: DEFAULT_OPTIONS },
  bookmarks: [],
});

describe('shareRequest', () => {
  const s = { ranges: [range(0xffff_8000_0000_0000n, 0x1000)] };
  const base = 0x8000_0000_0000n;
  it('takes the selection, dword-aligned outward and clipped to the range', () => {
    expect(shareRequest(s, 0, { start: base + 0x13n, end: base + 0x16n }, base, 256)).toMatchObject({ start: base + 0x10n, end: base + 0x18n, from: 'selection' });
    expect(shareRequest(s, 0, { start: base + 0xff1n, end: base + 0x2000n }, base, 256)).toMatchObject({ start: base + 0xff0n, end: base + 0x1000n });
  });
  it('without a selection, the rows on screen from the top row', () => {
    expect(shareRequest(s, 0, null, base + 0x100n, 320)).toMatchObject({ start: base + 0x100n, end: base + 0x240n, from: 'rows' });
    expect(shareRequest(s, 0, null, base + 0xf80n, 320)).toMatchObject({ start: base + 0xf80n, end: base + 0x1000n });
  });
  it('nothing to share: no range, or no data', () => {
    expect(shareRequest(s, null, null, null, 256)).toBeNull();
    expect(shareRequest({ ranges: [range(0x1000n, 0x1000, false)] }, 0, null, null, 256)).toBeNull();
  });
});

describe('fitLength', () => {
  it('keeps all the bytes when they fit', () => {
    const l = link(new Uint8Array(4096));
    expect(fitLength('https://x.example/', l)).toBe(4096);
  });
  it('trims random bytes to the longest 16-byte multiple whose link fits the budget', () => {
    const bytes = mixedBuffer(SNAPSHOT_BUDGET, new Rng(3), 0);
    const l = link(bytes);
    const n = fitLength('https://x.example/', l);
    expect(n % 16).toBe(0);
    expect(n).toBeGreaterThan(8000);
    expect(snapshotUrl('https://x.example/', { ...l, bytes: bytes.subarray(0, n) }).length).toBeLessThanOrEqual(LINK_BUDGET);
    expect(snapshotUrl('https://x.example/', { ...l, bytes: bytes.subarray(0, n + 64) }).length).toBeGreaterThan(LINK_BUDGET);
    // and the trimmed link reads back to those bytes
    const url = snapshotUrl('https://x.example/', { ...l, bytes: bytes.subarray(0, n) });
    expect(decodeSnapshot(fragmentPayload(new URL(url).hash)!).bytes).toEqual(bytes.subarray(0, n));
  });
});

describe('bookmarks, report, banner', () => {
  it('a link carries the bookmarks of its range first, at most LINK_BOOKMARKS', () => {
    const all = Array.from({ length: 300 }, (_, i) => ({ address: BigInt(i) * 0x1000n, name: `b${i}`, note: '' }));
    const out = linkBookmarks(all, 0x100000n, 0x110000n);
    expect(out).toHaveLength(LINK_BOOKMARKS);
    expect(out.slice(0, 16).map((b) => b.name)).toEqual(Array.from({ length: 16 }, (_, i) => `b${256 + i}`));
  });
  it('the bug report has the facts and the link', () => {
    const md = bugReportMarkdown(link(new Uint8Array(64)), 'https://x.example/#s=abc');
    expect(md).toContain('- Reason: Timedout job');
    expect(md).toContain('- Engine: `ccs0`, ACTHD `0x1a0054`');
    expect(md).toContain('- Batch: `0x1a0000`');
    expect(md).toContain('- Snapshot: 64 B at `0x1a0000`');
    expect(md).toContain('(https://x.example/#s=abc)');
    expect(snapshotBannerText(link(new Uint8Array(1234)))).toBe('Snapshot of d.txt: 1,234 bytes at 0x1a0000');
  });
});
