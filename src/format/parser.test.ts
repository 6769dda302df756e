import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DumpParser, parseDump } from './parser.ts';
import { NotADumpError, type DumpModel } from './model.ts';
import { detectFirstLine } from './detect.ts';
import { foldAddress, findRangeAt, parseAddress } from './addr.ts';
import { entriesOf } from './entries.ts';

const enc = (s: string) => new TextEncoder().encode(s);

function parseIn(text: string | Uint8Array, cuts: number[] = []): DumpModel {
  const bytes = typeof text === 'string' ? enc(text) : text;
  const p = new DumpParser();
  let prev = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    p.push(bytes.subarray(prev, c));
    prev = c;
  }
  p.push(bytes.subarray(prev));
  return p.finish();
}

const words = (m: DumpModel, i: number) => {
  const d = m.ranges[i].data!;
  return Array.from(new Uint32Array(d.buffer.slice(d.byteOffset, d.byteOffset + d.length)));
};

// A small dump in the 6.19 layout, written by hand from the kernel's print code.
const DUMP = [
  '**** Xe Device Coredump ****',
  'Reason: Timedout job - seqno=4294967171, lrc_seqno=4294967171, guc_id=2, flags=0x0',
  'kernel: 6.19.0-test',
  'module: xe',
  'Snapshot time: 1767225600.123456789',
  'Uptime: 345.678901234',
  'Process: hang test [4242]',
  'PCI ID: 0xe20b',
  'PCI revision: 0x04',
  'GT id: 0',
  '\tTile: 0',
  '\tType: main',
  '\tIP ver: 20.1.4',
  '\tCS reference clock: 19200000',
  '',
  '**** Contexts ****',
  'GuC ID: 7',
  '\tName: rcs2',
  '\t[HWSP].length: 0x8',
  '\t[HWSP].data: s8W-!z',
  '\t[HWCTX].length: 0x4',
  '',
  '\t[HWCTX].replay_offset: 0x0',
  '',
  '\t[HWCTX].replay_length: 0x4',
  '\t[HWCTX].data: !!!!"',
  '',
  '**** Job ****',
  'batch_addr[0]: 0x00000000001a0000',
  'batch_addr[1]: 0x0000fffeffdee000',
  '',
  '**** Made Up Section ****',
  'Foo: bar',
  '',
  '**** HW Engines ****',
  'rcs0 (physical), logical instance=0',
  '\tCapture_source: GuC',
  '\tForcewake: domain 0x1, ref 1',
  '\tRING_HEAD: 0x00000048',
  '\tACTHD: 0x00000000001a0008',
  '\tRING_BBADDR: 0x00000000001a0001',
  '\tSAMPLER_INSTDONE[1]: 0xffffffff',
  '\tNEW_THING: hello',
  '',
  '**** VM state ****',
  'VM.uapi_flags: 0x2',
  '[1a0000].length: 0x18',
  '[1a0000].properties: read_write|bo|mem_region=0x2|pat_index=8|cpu_caching=2',
  '[1a0000].data: zz(k;Vf!#bh;z"TSN&',
  '[7f3a2c400000].length: 0x10000',
  '[7f3a2c400000].properties: read_write|userptr|mem_region=0x1|pat_index=3|cpu_caching=0',
  '[7f3a2c400000].error: -14',
  '[100000000].length: 0x200000',
  '[100000000].properties: read_only|null_sparse|mem_region=0x0|pat_index=0|cpu_caching=0',
  '[ffff80000000].length: 0x8',
  '[ffff80000000].data: s8W-!s8W-!',
  '',
].join('\n');

function checkDump(m: DumpModel): void {
  expect(m.format).toBe('xe');
  expect(m.header).toMatchObject({
    kernel: '6.19.0-test', module: 'xe', reason: expect.stringContaining('guc_id=2'),
    snapshotTime: '1767225600.123456789', uptime: '345.678901234', process: 'hang test', pid: 4242,
    pciId: 0xe20b, pciRevision: 4,
  });
  expect(m.header.gts).toEqual([{ id: 0, line: 10, tile: 0, type: 'main', ipVersion: '20.1.4', csReferenceClock: 19200000 }]);
  expect(m.sections.map((s) => [s.title, s.line])).toEqual([
    ['Xe Device Coredump', 1], ['Contexts', 16], ['Job', 28], ['Made Up Section', 32], ['HW Engines', 35], ['VM state', 45],
  ]);
  expect(entriesOf(m.entries, m.sections[3]).toArray()).toEqual([{ key: 'Foo', value: 'bar', indent: 0, line: 33 }]);
  expect(m.blobs.map((b) => [b.name, b.length, b.decodedLength, b.complete, b.gucId, b.line])).toEqual([
    ['HWSP', 8, 8, true, 7, 19], ['HWCTX', 4, 4, true, 7, 21],
  ]);
  expect(m.blobs[1].attributes).toEqual({ replay_offset: '0x0', replay_length: '0x4' });
  expect(m.batchAddresses).toEqual([0x1a0000n, 0xfffeffdee000n]);
  const e = m.engines[0];
  expect(e).toMatchObject({ name: 'rcs0', engineClass: 'render', instance: 0, logicalInstance: 0, captureSource: 'GuC', line: 36 });
  expect(e.attributes).toEqual({ Capture_source: 'GuC', Forcewake: 'domain 0x1, ref 1', NEW_THING: 'hello' });
  expect(e.registers.map((r) => [r.name, r.value, r.bits])).toEqual([
    ['RING_HEAD', 0x48n, 32], ['ACTHD', 0x1a0008n, 64], ['RING_BBADDR', 0x1a0001n, 64], ['SAMPLER_INSTDONE[1]', 0xffffffffn, 32],
  ]);
  expect(m.vm).toEqual({ uapiFlags: 2, error: null });
  expect(m.ranges.map((r) => [r.address, r.length, r.error, r.complete, r.data?.length ?? null])).toEqual([
    [0x1a0000n, 24, null, true, 24],
    [0x7f3a2c400000n, 0x10000, '-14', true, null],
    [0x100000000n, 0x200000, null, true, null],
    [0xffff80000000n, 8, null, true, 8],
  ]);
  expect(words(m, 0)).toEqual([0, 0, 0x18800101, 0x001a0000, 0, 0x05000000]);
  expect(words(m, 3)).toEqual([0xffffffff, 0xffffffff]);
  expect(m.ranges[0].properties).toEqual({
    raw: 'read_write|bo|mem_region=0x2|pat_index=8|cpu_caching=2', permission: 'read_write', type: 'bo',
    memRegion: 2, patIndex: 8, cpuCaching: 2, other: {},
  });
  expect(m.ranges[2].properties?.permission).toBe('read_only');
  expect(m.diagnostics).toEqual([]);
  expect(m.lineCount).toBe(56);
}

describe('xe parser', () => {
  it('reads every part of a 6.19 dump', () => {
    checkDump(parseIn(DUMP));
  });

  it('gives the same model for every split of the input into two chunks', () => {
    const bytes = enc(DUMP);
    for (let cut = 0; cut <= bytes.length; cut++) checkDump(parseIn(bytes, [cut]));
  });

  it('gives the same model when fed one byte at a time', () => {
    const bytes = enc(DUMP);
    checkDump(parseIn(bytes, Array.from({ length: bytes.length }, (_, i) => i)));
  });

  it('reads CRLF line ends, a BOM, and tabs expanded to spaces, in any chunking', () => {
    const variant = '\ufeff' + DUMP.replace(/\t/g, '        ').replace(/\n/g, '\r\n');
    const bytes = enc(variant);
    for (let cut = 0; cut <= 12; cut++) checkDump(parseIn(bytes, [cut, cut + 7]));
    const m = parseIn(bytes);
    expect(entriesOf(m.entries, m.sections[0]).toArray().find((x) => x.key === 'Tile')).toEqual({ key: 'Tile', value: '0', indent: 1, line: 11 });
  });

  it('keeps unknown keys as entries with their line numbers', () => {
    const m = parseIn(DUMP);
    const engines = m.sections.find((s) => s.title === 'HW Engines')!;
    expect(entriesOf(m.entries, engines).toArray().find((e) => e.key === 'NEW_THING')).toEqual({ key: 'NEW_THING', value: 'hello', indent: 1, line: 43 });
  });

  it('joins a blob split over lines by the count that .length gives', () => {
    const data = 'zz(k;Vf!#bh;z"TSN&';
    const split = DUMP.replace(`[1a0000].data: ${data}`, `[1a0000].data: ${data.slice(0, 7)}\n${data.slice(7, 9)}\n${data.slice(9)}`);
    const m = parseIn(split);
    expect(words(m, 0)).toEqual([0, 0, 0x18800101, 0x001a0000, 0, 0x05000000]);
    expect(m.diagnostics).toEqual([]);
    // Later line numbers move by the two continuation lines.
    expect(m.ranges[1].line).toBe(52);
  });

  it('reports data shorter than .length and reads the next line normally', () => {
    const m = parseIn(DUMP.replace('[1a0000].length: 0x18', '[1a0000].length: 0x20'));
    expect(m.ranges[0].complete).toBe(false);
    expect(m.ranges[0].decodedLength).toBe(24);
    expect(m.ranges[1].error).toBe('-14');
    expect(m.diagnostics).toEqual([
      { line: 49, severity: 'error', message: 'range 0x1a0000: data shorter than .length: truncated: decoded 24 of 32 bytes' },
    ]);
  });

  it('reports data longer than .length', () => {
    const m = parseIn(DUMP.replace('[1a0000].length: 0x18', '[1a0000].length: 0x10'));
    expect(m.ranges[0].complete).toBe(true);
    expect(words(m, 0)).toEqual([0, 0, 0x18800101, 0x001a0000]);
    expect(m.diagnostics.map((d) => [d.line, d.severity])).toEqual([[49, 'error']]);
    expect(m.diagnostics[0].message).toMatch(/longer than \.length/);
  });

  it('reports a group above 0xFFFFFFFF with its line', () => {
    const m = parseIn(DUMP.replace('[ffff80000000].data: s8W-!s8W-!', '[ffff80000000].data: s8W-"s8W-!'));
    expect(m.diagnostics).toHaveLength(1);
    expect(m.diagnostics[0]).toMatchObject({ line: 56, severity: 'error' });
    expect(m.diagnostics[0].message).toMatch(/above 0xFFFFFFFF/);
  });

  it('keeps every complete range of a truncated file and marks the partial one', () => {
    const cutAt = DUMP.indexOf('[ffff80000000].data: s8W-!s8W-!') + '[ffff80000000].data: s8W-!s8'.length;
    const m = parseIn(DUMP.slice(0, cutAt));
    expect(m.ranges).toHaveLength(4);
    expect(words(m, 0)).toEqual([0, 0, 0x18800101, 0x001a0000, 0, 0x05000000]);
    expect(m.ranges[3]).toMatchObject({ complete: false, decodedLength: 4, length: 8 });
    expect(m.diagnostics.map((d) => d.message)).toEqual([
      'range 0xffff80000000: file ends inside the data: truncated: decoded 4 of 8 bytes',
      'range 0xffff80000000: incomplete ascii85 group (2 of 5 characters) at the end of the data',
      'the file does not end with a line break (truncated?)',
    ]);
  });

  it('reads the whole-snapshot error and a glued "Size not word aligned"', () => {
    const m = parseIn('**** Xe Device Coredump ****\nkernel: 6.9.0\n\n**** GuC CT ****\nSize not word aligned: 13H2G CTB (all sizes in DW):\n\n**** VM state ****\n[0].error: -19\n');
    expect(m.vm.error).toBe('-19');
    expect(m.ranges).toEqual([]);
    expect(entriesOf(m.entries, m.sections[1]).at(0)!.key).toBe('H2G CTB (all sizes in DW)');
    expect(m.diagnostics).toEqual([{ line: 5, severity: 'warning', message: 'blob skipped by the kernel: size not word aligned (13 bytes)' }]);
  });

  it('reads 6.9 engine names and the split 0x%08x_%08x form', () => {
    const m = parseIn('**** Xe Device Coredump ****\n\n**** HW Engines ****\nbcs0 (physical), logical instance=0\n\tForcewake: domain 0x2, ref 1\n\tACTHD:  0x00000001_001a0008\n\tBBADDR: 0x0000fffeffdee1c0\n\tDMA_FADDR: 0x0000000001f4d090\n');
    expect(m.engines[0].engineClass).toBe('copy');
    expect(m.engines[0].registers.map((r) => [r.name, r.value, r.bits])).toEqual([
      ['ACTHD', 0x1001a0008n, 64], ['BBADDR', 0xfffeffdee1c0n, 64], ['DMA_FADDR', 0x1f4d090n, 64],
    ]);
  });

  it('decodes a data line longer than any chunk, split anywhere', () => {
    const n = 300_000;
    const body = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'z' : 's8W-!')).join('');
    const text = enc(`**** Xe Device Coredump ****\n\n**** VM state ****\n[200000000].length: 0x${(n * 4).toString(16)}\n[200000000].data: ${body}\n[300000000].length: 0x4\n[300000000].data: !!!!"\n`);
    const m = parseIn(text, [10, 60, 70, 80, 4096, 65536, 1_000_000]);
    expect(m.diagnostics).toEqual([]);
    const w = words(m, 0);
    expect(w.length).toBe(n);
    expect(w.every((v, i) => v === (i % 3 === 0 ? 0 : 0xffffffff))).toBe(true);
    expect(words(m, 1)).toEqual([1]);
    expect(m.lineCount).toBe(7);
  });

  it('keeps only the start of an overlong non-data line', () => {
    const long = 'x'.repeat((1 << 20) + 100);
    const m = parseIn(`**** Xe Device Coredump ****\nNote: ${long}\nkernel: 6.14\n`, [100, 200_000]);
    expect(m.header.kernel).toBe('6.14');
    expect(m.diagnostics[0]).toMatchObject({ line: 2, severity: 'warning' });
    expect(entriesOf(m.entries, m.sections[0]).at(0)!.value.length).toBeLessThan((1 << 20) + 10);
  });
});

describe('RFC layout', () => {
  const line = (addr: number, base: number) =>
    `[${addr.toString(16)}] = { ${Array.from({ length: 16 }, (_, i) => (base + i).toString(16).padStart(8, '0')).join(', ')} }`;
  const RFC = [
    '**** Xe Device Coredump ****', 'kernel: 6.6.0-rc2-xe+', 'Boot time: 12.000000001', '',
    '**** Job ****', 'batch_addr[0]: 0x00000000001a0000', '',
    '**** VM state ****',
    line(0x1a0000, 0), line(0x1a0040, 16), line(0x1a0080, 32),
    line(0x200000000, 0xdead0000),
    'Unable to capture range [7f3a2c400000-7f3a2c40ffff]',
    line(0x200001000, 7), '',
  ].join('\n');

  it('joins contiguous word lines into ranges and reads capture failures', () => {
    for (const cut of [0, 100, 290, 500, RFC.length - 3]) {
      const m = parseIn(RFC, [cut]);
      expect(m.format).toBe('xe-rfc');
      expect(m.header.bootTime).toBe('12.000000001');
      expect(m.ranges.map((r) => [r.address, r.length, r.error])).toEqual([
        [0x1a0000n, 192, null], [0x200000000n, 64, null], [0x7f3a2c400000n, 0x10000, 'Unable to capture range'], [0x200001000n, 64, null],
      ]);
      expect(words(m, 0)).toEqual(Array.from({ length: 48 }, (_, i) => i));
      expect(words(m, 1)[15]).toBe(0xdead000f);
      expect(m.diagnostics).toEqual([]);
      // Word lines collapse into one entry per range.
      expect(entriesOf(m.entries, m.sections[2]).toArray().map((e) => e.key)).toEqual(['[1a0000]', '[200000000]', '[7f3a2c400000]', '[200001000]']);
    }
  });

  it('keeps the words of a truncated last line', () => {
    const cutAt = RFC.lastIndexOf('00000009, 0000000a') + '00000009, 0000'.length;
    const m = parseIn(RFC.slice(0, cutAt));
    expect(m.ranges[3].length).toBe(12);
    expect(words(m, 3)).toEqual([7, 8, 9]);
    expect(m.ranges[3].complete).toBe(false);
    expect(m.diagnostics.some((d) => /without "}"/.test(d.message))).toBe(true);
  });
});

describe('detection', () => {
  const refuse = (text: string | Uint8Array) => {
    try {
      parseDump(typeof text === 'string' ? enc(text) : text);
    } catch (e) {
      expect(e).toBeInstanceOf(NotADumpError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };

  it('refuses other files with a one-line reason', () => {
    expect(refuse('')).toMatch(/empty/);
    expect(refuse('\n\n  \n')).toMatch(/blank/);
    expect(refuse('| xe 0000:00:02.0: [drm] *ERROR* H2G CTB (all sizes in DW):\n| **** VM state ****\n')).toMatch(/kernel log/);
    expect(refuse('[  12.345678] xe 0000:03:00.0: [drm] Xe device coredump has been created\n')).toMatch(/kernel log/);
    // The other GPU crash dumps are read now (src/format/i915.ts, msm.ts, amdgpu.ts), each as its format.
    expect(parseDump(enc('GPU HANG: ecode 9:1:85dffffb, in Xorg [906]\n')).format).toBe('i915');
    expect(parseDump(enc('**** AMDGPU Device Coredump ****\nversion: 1\n')).format).toBe('amdgpu');
    expect(parseDump(enc('---\nkernel: 6.1\nmodule: msm\n')).format).toBe('msm');
    expect(refuse(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0))).toMatch(/gzip/);
    expect(refuse(Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0, 0))).toMatch(/zstd/);
    expect(refuse(new Uint8Array(5000).fill(0x41))).toMatch(/not an xe devcoredump/);
    for (const r of [refuse('hello world\n'), refuse('\u0000\u0001binary')]) expect(r).not.toContain('\n');
  });

  it('refuses a huge first line early, without waiting for its end', () => {
    const p = new DumpParser();
    expect(() => p.push(new Uint8Array(1 << 16).fill(0x61))).toThrow(NotADumpError);
  });

  it('accepts an excerpt that starts at a known section, with a warning', () => {
    const m = parseIn('**** VM state ****\n[1000].length: 0x4\n[1000].data: z\n');
    expect(m.ranges).toHaveLength(1);
    expect(m.diagnostics[0].severity).toBe('warning');
    expect(detectFirstLine('**** GT #1 ****')).toMatchObject({ ok: true, excerpt: true });
  });
});

describe('addresses', () => {
  it('folds canonical forms and finds ranges by containment', () => {
    expect(foldAddress(0xffffffffdee000n)).toBe(0xffffffffdee000n);
    expect(foldAddress(0xfffffffeffdee000n)).toBe(0xfffeffdee000n);
    expect(foldAddress(0x1a0000n)).toBe(0x1a0000n);
    expect(parseAddress('0xffff_fffe_ffde_e000')).toBe(0xfffffffeffdee000n);
    expect(parseAddress('1a0000')).toBe(0x1a0000n);
    expect(parseAddress('zz')).toBeNull();
    const ranges = [{ address: 0xfffeffdee000n, length: 0x1000 }];
    expect(findRangeAt(ranges, 0xfffffffeffdeefffn)).toBe(ranges[0]);
    expect(findRangeAt(ranges, 0xfffeffdef000n)).toBeUndefined();
  });
});

describe('property: chunking never changes the model', () => {
  it('for random cut points', () => {
    const bytes = enc(DUMP);
    const base = parseIn(bytes);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }), (cuts) => {
        const m = parseIn(bytes, [...new Set(cuts)]);
        expect(m).toEqual(base);
      }),
      { numRuns: 200 },
    );
  });
});

describe('fingerprint', () => {
  it('is the same for the same dump in any chunking, and differs when a byte of a range differs', async () => {
    const { dumpFingerprint } = await import('./fingerprint.ts');
    const bytes = enc(DUMP);
    const a = await dumpFingerprint(parseIn(bytes), bytes);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await dumpFingerprint(parseIn(bytes, [17, 900]), bytes)).toBe(a);
    const other = enc(DUMP.replace('[ffff80000000].data: s8W-!s8W-!', '[ffff80000000].data: s8W-!s8W-z'));
    expect(await dumpFingerprint(parseIn(other), other)).not.toBe(a);
  });
});
