import { describe, expect, it } from 'vitest';
import { parseDump } from '../../format/parser.ts';
import { summarize } from '../../worker/session.ts';
import { generateDump } from '../../gen/generate.ts';
import { sampleDump } from '../../../scripts/make-sample.ts';
import type { RangeInfo } from '../../protocol/worker-api.ts';
import type { Engine, VmaProperties } from '../../format/model.ts';
import { blobAttributes, diagnosticCounts, displayDate, errnoName, filterRanges, formatError, formatPci, formatProperties, formatUptime, headerFields, hungEngines, isJumpRegister, jumpAddress, markedRanges, memRegionName, nextSort, nextTab, outlineMove, rangeRows, rangeStatus, sectionTitle, snapshotDate, sortRanges } from './rows.ts';
import { hexAddress } from '../../format/text.ts';

function props(raw: string, p: Partial<VmaProperties> = {}): VmaProperties {
  return { raw, permission: null, type: null, memRegion: null, patIndex: null, cpuCaching: null, other: {}, ...p };
}

function range(index: number, address: bigint, length: number, extra: Partial<RangeInfo> = {}): RangeInfo {
  return {
    index, address, length, line: 10 + index, properties: null, decodedLength: length, complete: true,
    error: null, hasData: true, ...extra,
  };
}

function engine(name: string, regs: [string, bigint, 32 | 64][]): Engine {
  return {
    name, engineClass: 'render', instance: 0, logicalInstance: 0, line: 1, captureSource: 'GuC', attributes: {},
    registers: regs.map(([n, value, bits], i) => ({ name: n, value, bits, line: 2 + i })),
  };
}

describe('errno names and errors', () => {
  it('names the errnos the driver returns', () => {
    expect(errnoName(-14)).toBe('EFAULT');
    expect(errnoName(-2)).toBe('ENOENT');
    expect(errnoName(-12)).toBe('ENOMEM');
    expect(errnoName(-19)).toBe('ENODEV');
    expect(errnoName('-14')).toBe('EFAULT');
    expect(errnoName(' -22 ')).toBe('EINVAL');
    expect(errnoName(-9999)).toBeNull();
    expect(errnoName('not mapped')).toBeNull();
  });
  it('formats an error value', () => {
    expect(formatError('-14')).toBe('error -14 (EFAULT)');
    expect(formatError('-2')).toBe('error -2 (ENOENT)');
    expect(formatError('-4242')).toBe('error -4242');
    expect(formatError('capture failed')).toBe('error capture failed');
  });
});

describe('properties', () => {
  it('names memory regions', () => {
    expect(memRegionName(0)).toBe('none');
    expect(memRegionName(1)).toBe('sys');
    expect(memRegionName(2)).toBe('vram0');
    expect(memRegionName(6)).toBe('vram0+vram1');
  });
  it('is compact', () => {
    expect(formatProperties(null)).toBe('');
    expect(formatProperties(props('read_only|bo|mem_region=0x2|pat_index=8|cpu_caching=2',
      { permission: 'read_only', type: 'bo', memRegion: 2, patIndex: 8, cpuCaching: 2 }))).toBe('ro bo vram0 pat 8 WC');
    expect(formatProperties(props('read_write|userptr|mem_region=0x1|pat_index=3|cpu_caching=0',
      { permission: 'read_write', type: 'userptr', memRegion: 1, patIndex: 3, cpuCaching: 0 }))).toBe('rw userptr sys pat 3');
    expect(formatProperties(props('x', { permission: 'weird', other: { foo: '1', bar: '' } }))).toBe('weird foo=1 bar');
  });
});

describe('range status', () => {
  it('tells error, sparse, no data, truncated and captured apart', () => {
    expect(rangeStatus(range(0, 0n, 4096, { error: '-14', hasData: false }))).toEqual({ kind: 'error', text: 'error -14 (EFAULT)' });
    expect(rangeStatus(range(0, 0n, 4096, { hasData: false, properties: props('', { type: 'null_sparse' }) })))
      .toEqual({ kind: 'sparse', text: 'null_sparse' });
    expect(rangeStatus(range(0, 0n, 4096, { hasData: false }))).toEqual({ kind: 'nodata', text: 'no data' });
    expect(rangeStatus(range(0, 0n, 65536, { complete: false, decodedLength: 12288 })))
      .toEqual({ kind: 'truncated', text: 'truncated 12 KiB of 64 KiB' });
    expect(rangeStatus(range(0, 0n, 4096))).toEqual({ kind: 'ok', text: 'data' });
  });
});

describe('registers', () => {
  it('knows the address registers and masks BBADDR flag bits', () => {
    for (const n of ['ACTHD', 'RING_BBADDR', 'BBADDR', 'RING_START', 'DMA_FADD', 'RING_DMA_FADD', 'DMA_FADDR']) expect(isJumpRegister(n)).toBe(true);
    expect(isJumpRegister('RING_HEAD')).toBe(false);
    expect(jumpAddress({ name: 'RING_BBADDR', value: 0x1a0001n })).toBe(0x1a0000n);
    expect(jumpAddress({ name: 'BBADDR', value: 0x1a0007n })).toBe(0x1a0000n);
    expect(jumpAddress({ name: 'ACTHD', value: 0x1a0055n })).toBe(0x1a0055n);
  });
  it('lists hung engines with ACTHD and BBADDR as printed', () => {
    const e = engine('rcs0', [['ACTHD', 0x1a0054n, 64], ['RING_BBADDR', 0x1a0001n, 64], ['RING_HEAD', 0x68n, 32]]);
    expect(hungEngines([e])).toEqual([{
      name: 'rcs0', acthd: '0x00000000001a0054', acthdValue: 0x1a0054n, bbaddr: '0x00000000001a0001', bbaddrValue: 0x1a0000n,
    }]);
    expect(hungEngines([engine('bcs0', [])])[0]).toMatchObject({ acthd: null, bbaddr: null });
  });
});

describe('range rows', () => {
  const ranges = [
    range(0, 0x1a0000n, 0x1000, { properties: props('read_only|bo', { permission: 'read_only', type: 'bo' }) }),
    range(1, 0x100000000n, 0x200000, { hasData: false, properties: props('read_write|null_sparse', { permission: 'read_write', type: 'null_sparse' }) }),
    range(2, 0x7f3a2c400000n, 0x10000, { error: '-14', hasData: false }),
    range(3, 0xfffffffe00000000n, 0xc000),
    range(4, 0x200000n, 0x1000),
  ];
  const summary = {
    ranges,
    engines: [engine('rcs0', [['ACTHD', 0x200010n, 64], ['RING_BBADDR', 0x1a0001n, 64]])],
    batchAddresses: [0x1a0000n],
  };
  const rows = rangeRows(summary);

  it('derives addresses, ends, sizes, status and badges', () => {
    expect(rows.map((r) => r.address)).toEqual(['0x1a0000', '0x100000000', '0x7f3a2c400000', '0xfffffffe00000000', '0x200000']);
    expect(rows[0].end).toBe(0x1a0fffn);
    expect(rows[0].sizeText).toBe('4 KiB');
    expect(rows[0].badges).toEqual(['batch']);
    expect(rows[4].badges).toEqual(['ACTHD']);
    expect(rows[2].status.text).toBe('error -14 (EFAULT)');
    expect(rows[3].folded).toBe(0xfffe00000000n);
    expect(markedRanges(summary)).toEqual({ batch: new Set([0]), acthd: new Set([4]) });
  });

  it('sorts by every column, stably, both ways', () => {
    expect(sortRanges(rows, { key: 'start', dir: 'asc' }).map((r) => r.index)).toEqual([0, 4, 1, 2, 3]);
    expect(sortRanges(rows, { key: 'start', dir: 'desc' }).map((r) => r.index)).toEqual([3, 2, 1, 4, 0]);
    expect(sortRanges(rows, { key: 'size', dir: 'asc' }).map((r) => r.index)).toEqual([0, 4, 3, 2, 1]);
    expect(sortRanges(rows, { key: 'size', dir: 'desc' }).map((r) => r.index)).toEqual([1, 2, 3, 0, 4]);
    expect(sortRanges(rows, { key: 'status', dir: 'asc' }).map((r) => r.status.text))
      .toEqual(['data', 'data', 'data', 'error -14 (EFAULT)', 'null_sparse']);
    expect(sortRanges(rows, { key: 'end', dir: 'asc' })[0].index).toBe(0);
    expect(sortRanges(rows, { key: 'props', dir: 'asc' }).map((r) => r.props)[4]).toBe('rw null_sparse');
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]); // input untouched
  });

  it('toggles sort direction on the same column', () => {
    expect(nextSort({ key: 'start', dir: 'asc' }, 'start')).toEqual({ key: 'start', dir: 'desc' });
    expect(nextSort({ key: 'start', dir: 'desc' }, 'start')).toEqual({ key: 'start', dir: 'asc' });
    expect(nextSort({ key: 'start', dir: 'desc' }, 'size')).toEqual({ key: 'size', dir: 'asc' });
  });

  it('filters by address, properties, status and containment', () => {
    const idx = (q: string) => filterRanges(rows, q).map((r) => r.index);
    expect(idx('')).toEqual([0, 1, 2, 3, 4]);
    expect(idx('   ')).toEqual([0, 1, 2, 3, 4]);
    expect(idx('0x1a')).toEqual([0]);
    expect(idx('1A0000')).toEqual([0]);
    expect(idx('7f3a')).toEqual([2]);
    expect(idx('fffe0')).toEqual([3]); // folded form
    expect(idx('0x00000000001a0000')).toEqual([0]); // padded form
    expect(idx('null_sparse')).toEqual([1]);
    expect(idx('efault')).toEqual([2]);
    expect(idx('read_only')).toEqual([0]);
    expect(idx('0x1a0800')).toEqual([0]); // an address inside the range
    expect(idx('batch')).toEqual([0]);
    expect(idx('no-such-thing')).toEqual([]);
  });

  it('prints addresses as the dump does', () => {
    expect(hexAddress(0x1a0000n)).toBe('0x1a0000');
    expect(hexAddress(0n)).toBe('0x0');
  });
});

describe('header', () => {
  it('formats PCI, uptime, snapshot date', () => {
    expect(formatPci(0xe20b, 0)).toBe('0xe20b rev 0x00');
    expect(formatPci(0x56a0, null)).toBe('0x56a0');
    expect(formatPci(null, 3)).toBeNull();
    expect(formatUptime('496536.182313450')).toBe('5d 17h 55m 36s');
    expect(formatUptime('59.1')).toBe('59s');
    expect(formatUptime('3600.000000000')).toBe('1h 0m 0s');
    expect(formatUptime('garbage')).toBeNull();
    expect(snapshotDate('1785480702.031137905')).toBe('2026-07-31T06:51:42.031Z');
    expect(snapshotDate('0.5')).toBe('1970-01-01T00:00:00.500Z');
    expect(snapshotDate('soon')).toBeNull();
    expect(snapshotDate(null)).toBeNull();
    expect(displayDate('2026-07-31T06:51:42.031Z')).toBe('2026-07-31 06:51:42.031 UTC');
    expect(displayDate(null)).toBeNull();
  });

  it('lists the fields a dump has, omitting missing ones', () => {
    const g = sampleDump();
    const s = summarize(parseDump(g.bytes), { fileName: 's.txt', fileSize: g.bytes.length, compression: 'zstd' }, true);
    const f = Object.fromEntries(headerFields(s).map((x) => [x.label, x.value]));
    expect(f.File).toBe('s.txt (zstd)');
    expect(f.Format).toBe('xe');
    expect(f.Kernel).toBe(g.header.kernel);
    expect(f.Reason).toBe(g.header.reason);
    expect(f.Process).toBe(`${g.header.process} [${g.header.pid}]`);
    expect(f.PCI).toBe(formatPci(g.header.pciId, g.header.pciRevision));
    expect(f.Snapshot).toBe(displayDate(snapshotDate(g.header.snapshotTime)));
    expect(f.GTs).toBe('0 main (IP 20.1.4), 1 media (IP 13.1.0)');

    const bare = headerFields({ ...s, compression: null, format: 'xe-rfc', header: { ...s.header, reason: null, pid: null, pciId: null, snapshotTime: null, uptime: null, gts: [] } });
    const labels = bare.map((x) => x.label);
    expect(labels).toEqual(['File', 'Format', 'Kernel', 'Process']);
    expect(bare[1].value).toBe('2023 RFC layout');
    expect(bare[3].value).toBe(g.header.process);
  });

  it('derives rows from a real dump: addresses match inspect --json', () => {
    const g = sampleDump();
    const s = summarize(parseDump(g.bytes), { fileName: 's.txt', fileSize: g.bytes.length, compression: null }, true);
    const rows = rangeRows(s);
    expect(rows.map((r) => r.address)).toEqual(g.expected.ranges.map((r) => r.address));
    expect(rows.filter((r) => r.badges.includes('batch')).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.badges.includes('ACTHD')).length).toBeGreaterThan(0);
    expect(rows.some((r) => r.status.text === 'error -14 (EFAULT)')).toBe(true);
  });

  it('reports truncation on a cut dump', () => {
    const g = generateDump({ layout: '6.14', seed: 3, truncateAt: 300000 });
    const s = summarize(parseDump(g.bytes), { fileName: 't.txt', fileSize: g.bytes.length, compression: null }, true);
    const rows = rangeRows(s);
    if (g.truncated?.partial) {
      const row = rows.find((r) => r.address === g.truncated!.partial!.address)!;
      expect(row.status.kind).toBe('truncated');
      expect(row.status.text).toMatch(/^truncated .* of .*$/);
    }
    expect(diagnosticCounts(s.diagnostics).total).toBeGreaterThan(0);
  });
});

describe('small helpers', () => {
  it('names sections, counts diagnostics, lists blob attributes', () => {
    expect(sectionTitle('')).toBe('(preamble)');
    expect(sectionTitle('VM state')).toBe('VM state');
    expect(diagnosticCounts([{ severity: 'error' }, { severity: 'warning' }, { severity: 'info' }, { severity: 'error' }]))
      .toEqual({ total: 4, errors: 2, warnings: 1 });
    expect(blobAttributes({ attributes: { replay_offset: '0x3000', replay_length: '0x1000' } })).toBe('replay_offset=0x3000, replay_length=0x1000');
  });

  it('moves between tabs and maps Alt+digit shortcuts', () => {
    expect(nextTab('ranges', 'ArrowRight')).toBe('sections');
    expect(nextTab('ranges', 'ArrowLeft')).toBe('blobs');
    expect(nextTab('blobs', 'ArrowRight')).toBe('ranges');
    expect(nextTab('engines', 'Home')).toBe('ranges');
    expect(nextTab('engines', 'End')).toBe('blobs');
    expect(nextTab('engines', 'a')).toBeNull();
    // (Alt+digit: the keymap, src/app/shortcuts/keymap.test.ts.)
  });

  it('moves in the section list: arrows, pages, ends, clipped to the list', () => {
    expect(outlineMove(0, 1_000_000, 'End', 10)).toBe(999_999);
    expect(outlineMove(999_999, 1_000_000, 'ArrowDown', 10)).toBe(999_999);
    expect(outlineMove(5, 1_000_000, 'ArrowDown', 10)).toBe(6);
    expect(outlineMove(5, 1_000_000, 'ArrowUp', 10)).toBe(4);
    expect(outlineMove(0, 1_000_000, 'ArrowUp', 10)).toBe(0);
    expect(outlineMove(5, 1_000_000, 'PageDown', 10)).toBe(15);
    expect(outlineMove(5, 1_000_000, 'PageUp', 10)).toBe(0);
    expect(outlineMove(999_995, 1_000_000, 'PageDown', 10)).toBe(999_999);
    expect(outlineMove(500, 1_000_000, 'Home', 10)).toBe(0);
    expect(outlineMove(5, 1_000_000, 'a', 10)).toBeNull();
    expect(outlineMove(0, 0, 'End', 10)).toBeNull();
  });
});
