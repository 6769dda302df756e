// The Commands view's worker side over generated dumps: the listing the page gets, its windows,
// ACTHD, filter, positions, the hang summary's instruction and the context register table.
import { describe, expect, it } from 'vitest';
import { generateDump, LAYOUTS } from '../gen/generate.ts';
import { findRangeAt, foldAddress } from '../format/addr.ts';
import { ParseSession } from './session.ts';

async function opened(layout: (typeof LAYOUTS)[number], seed = 1) {
  const g = generateDump({ layout, seed });
  const s = new ParseSession();
  const summary = await s.open({ kind: 'bytes', bytes: g.bytes, name: 'g.txt' }, () => {});
  return { g, s, summary };
}

describe('CommandService', () => {
  for (const layout of LAYOUTS) {
    it(`lists the batch range with ACTHD marked and the batch start aligned (${layout})`, async () => {
      const { g, s, summary } = await opened(layout);
      const acthd = foldAddress(BigInt(g.expected.engines[0].registers.ACTHD));
      const batch = foldAddress(summary.batchAddresses[0]);
      const r = findRangeAt(summary.ranges, acthd)!;
      const info = s.commands.open({ kind: 'range', index: r.index }, null);
      expect(info.count).toBeGreaterThan(0);
      expect(info.bytes).toBe(r.decodedLength);
      expect(info.acthd).not.toBeNull();
      expect(info.acthd!.address).toBe(acthd);
      const [row] = s.commands.rows(info.key, null, info.acthd!.index, 1).rows;
      expect(row.acthd).toBe(true);
      expect(row.address <= acthd && acthd < row.address + BigInt(row.length * 4)).toBe(true);
      // IPEHR names the header the engine was parsing; here that is the ACTHD instruction's.
      if (info.acthd!.ipehr !== null) expect(info.acthd!.ipehrName).toBe(row.name);
      // The batch start begins an instruction (an anchor), whatever precedes it in the range.
      if (findRangeAt(summary.ranges, batch)?.index === r.index) {
        const p = s.commands.posOf(info.key, null, batch);
        const [b] = s.commands.rows(info.key, null, p, 1).rows;
        expect(b.address).toBe(batch);
      }
      // Opening says where an address (else ACTHD) is, in the same call.
      expect(info.at).toBe(info.acthd!.index);
      const again = s.commands.open({ kind: 'range', index: r.index }, null, row.address + 4n);
      expect(again.key).toBe(info.key);
      expect(again.at).toBe(s.commands.posOf(info.key, null, row.address + 4n));
      // Windows agree with each other and cover the range without gaps.
      const all = s.commands.rows(info.key, null, 0, 2048).rows;
      let next = foldAddress(r.address);
      for (const x of all) {
        expect(x.address).toBe(next);
        next += BigInt(x.length * 4);
      }
      if (info.count <= 2048) expect(next).toBe(foldAddress(r.address) + BigInt(r.decodedLength & ~3));
    });
  }

  it('filters by name and maps addresses to filtered positions', async () => {
    const { g, s, summary } = await opened('6.19', 2);
    const acthd = foldAddress(BigInt(g.expected.engines[0].registers.ACTHD));
    const r = findRangeAt(summary.ranges, acthd)!;
    const info = s.commands.open({ kind: 'range', index: r.index }, null);
    const f = s.commands.filter(info.key, 'pipe_control');
    expect(f.count).toBeGreaterThan(0);
    expect(f.count).toBeLessThan(info.count);
    const rows = s.commands.rows(info.key, f.key, 0, f.count).rows;
    expect(rows).toHaveLength(f.count);
    expect(rows.every((x) => x.name === 'PIPE_CONTROL')).toBe(true);
    rows.forEach((x, i) => expect(x.pos).toBe(i));
    // The position of a PIPE_CONTROL's address is its own; an address inside the last one (its last
    // dword as the walk took it: random data at the range's end may cut it) maps to it.
    expect(s.commands.posOf(info.key, f.key, rows[1].address)).toBe(1);
    const last = rows[rows.length - 1];
    expect(s.commands.posOf(info.key, f.key, last.address + BigInt((last.length - 1) * 4))).toBe(rows.length - 1);
    expect(s.commands.posOf(info.key, null, foldAddress(r.address) - 4n)).toBe(-1);
  });

  it('names the instruction at ACTHD and the one before it, as the listing does', async () => {
    const { g, s, summary } = await opened('6.14', 3);
    const acthd = foldAddress(BigInt(g.expected.engines[0].registers.ACTHD));
    const r = findRangeAt(summary.ranges, acthd)!;
    const at = s.commands.instructionAt(acthd, null)!;
    const info = s.commands.open({ kind: 'range', index: r.index }, null);
    const [before, here] = s.commands.rows(info.key, null, info.acthd!.index - 1, 2).rows;
    expect(at.at.name).toBe(here.name);
    expect(at.at.address).toBe(here.address);
    expect(at.before?.address).toBe(before.address);
    expect(at.platform).toBe(info.platform);
    expect(s.commands.instructionAt(0xdead_0000_0000n, null)).toBeNull();
  });

  it('decodes as the platform chosen, and says which one the dump names', async () => {
    const { s, summary } = await opened('6.19');
    const idx = summary.ranges.findIndex((x) => x.hasData);
    const auto = s.commands.open({ kind: 'range', index: idx }, null);
    expect(auto.detected).toBe(auto.platform);
    expect(auto.detectedFrom).toMatch(/IP ver|PCI ID/);
    expect(auto.platforms.map((p) => p.id)).toContain('tgl');
    const tgl = s.commands.open({ kind: 'range', index: idx }, 'tgl');
    expect(tgl.platform).toBe('tgl');
    expect(tgl.detected).toBe(auto.detected);
    expect(tgl.key).not.toBe(auto.key);
  });

  it('lists the registers of the context image with the ring head and tail', async () => {
    const { s, summary } = await opened('6.19');
    const blob = summary.blobs.findIndex((b) => /HWCTX/.test(b.name) && b.hasData);
    expect(blob).toBeGreaterThanOrEqual(0);
    const img = s.commands.contextImage(blob, null)!;
    expect(img.registers.length).toBeGreaterThan(4);
    const head = img.registers.find((x) => x.name === 'RING_HEAD' || x.name?.endsWith(' RING_HEAD'));
    expect(head).toBeDefined();
    expect(img.ring?.head).toBe(head!.value);
  });

  it('says so when a target has no bytes, and forgets nothing it still holds', async () => {
    const { s, summary } = await opened('6.12');
    const empty = summary.ranges.findIndex((x) => !x.hasData);
    if (empty >= 0) expect(() => s.commands.open({ kind: 'range', index: empty }, null)).toThrow(/no captured bytes/);
    expect(() => s.commands.rows('nope', null, 0, 1)).toThrow(/no longer kept/);
  });
});
