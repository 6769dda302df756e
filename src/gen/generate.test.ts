// @vitest-environment node
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InspectJson } from '../format/report.ts';
import { generateDump, generateLargeDump, LAYOUTS, type GenOptions, type Layout } from './generate.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');

/** Reference decoder for groups; returns decoded bytes of the complete groups and the chars consumed. */
function decodeGroups(text: string, maxWords: number): { bytes: Uint8Array; words: number; partial: boolean } {
  const out = new Uint8Array(maxWords * 4);
  let n = 0;
  let i = 0;
  while (n < maxWords && i < text.length) {
    let v = 0;
    if (text[i] === 'z') {
      i++;
    } else {
      if (i + 5 > text.length) return { bytes: out.subarray(0, n * 4), words: n, partial: true };
      for (let k = 0; k < 5; k++) v = v * 85 + (text.charCodeAt(i + k) - 33);
      i += 5;
    }
    out[n * 4] = v & 0xff;
    out[n * 4 + 1] = (v >>> 8) & 0xff;
    out[n * 4 + 2] = (v >>> 16) & 0xff;
    out[n * 4 + 3] = (v >>> 24) & 0xff;
    n++;
  }
  return { bytes: out.subarray(0, n * 4), words: n, partial: n < maxWords };
}

/**
 * A deliberately small, independent reader of the generated text, producing InspectJson. Used to
 * check that `expected` describes the text (not to test a real parser).
 */
function miniParse(bytes: Uint8Array): InspectJson & { rangeData: Map<string, Uint8Array> } {
  let text = latin1(bytes);
  if (text.startsWith('\xef\xbb\xbf')) text = text.slice(3);
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines[lines.length - 1] === '') lines.pop();
  const res: InspectJson & { rangeData: Map<string, Uint8Array> } = {
    format: lines[0] === '**** Xe Device Coredump ****' && lines.some((l) => / = \{ /.test(l)) ? 'xe-rfc' : 'xe',
    kernel: null,
    sections: [],
    ranges: [],
    blobs: [],
    engines: [],
    batchAddresses: [],
    diagnostics: [],
    rangeData: new Map(),
  };
  const lengths = new Map<string, number>();
  let engine: InspectJson['engines'][number] | null = null;
  let rfc: { addr: bigint; words: number[] } | null = null;
  const flushRfc = () => {
    if (!rfc) return;
    const data = new Uint8Array(new Uint32Array(rfc.words).buffer);
    const address = '0x' + rfc.addr.toString(16);
    res.ranges.push({ address, length: data.length, sha256: sha(data), error: null, properties: null });
    res.rangeData.set(address, data);
    rfc = null;
  };
  const readPayload = (first: string, i: number, length: number): { data: Uint8Array; next: number } => {
    // Consume groups across line breaks until length/4 dwords (count first, decode once).
    const parts = [first];
    let j = i;
    let groups = 0;
    let inGroup = 0;
    const count = (s: string) => {
      for (let k = 0; k < s.length; k++) {
        if (s.charCodeAt(k) === 0x7a && inGroup === 0) groups++;
        else if (++inGroup === 5) {
          groups++;
          inGroup = 0;
        }
      }
    };
    count(first);
    while (groups < length / 4 && j + 1 < lines.length) {
      j++;
      parts.push(lines[j]);
      count(lines[j]);
    }
    return { data: decodeGroups(parts.join(''), length / 4).bytes, next: j };
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const t = raw.replace(/^(\t| +)/, '');
    let m: RegExpExecArray | null;
    if ((m = /^\*\*\*\* (.*) \*\*\*\*$/.exec(raw))) {
      flushRfc();
      res.sections.push({ title: m[1], line: i + 1 });
      engine = null;
      continue;
    }
    if ((m = /^kernel: (.*)$/.exec(raw))) res.kernel = m[1];
    if ((m = /^batch_addr\[\d+\]: (0x[0-9a-f]{16})$/.exec(raw))) res.batchAddresses.push(m[1]);
    if ((m = /^(\w+) \(physical\), logical instance=\d+$/.exec(raw))) {
      engine = { name: m[1], registers: {} };
      res.engines.push(engine);
      continue;
    }
    if (engine && (m = /^([A-Z0-9_]+(?:\[\d+\])?): (0x[0-9a-f]+)$/.exec(t))) {
      engine.registers[m[1]] = m[2];
      continue;
    }
    if ((m = /^\[([0-9a-f]+)\] = \{ ((?:[0-9a-f]{8}, ){15}[0-9a-f]{8}) \}$/.exec(raw))) {
      const addr = BigInt('0x' + m[1]);
      if (rfc && rfc.addr + BigInt(rfc.words.length * 4) !== addr) flushRfc();
      if (!rfc) rfc = { addr, words: [] };
      for (const w of m[2].split(', ')) rfc.words.push(parseInt(w, 16));
      continue;
    }
    flushRfc();
    if ((m = /^Unable to capture range \[([0-9a-f]+)-([0-9a-f]+)\]$/.exec(raw))) {
      const a = BigInt('0x' + m[1]);
      const len = Number(BigInt('0x' + m[2]) - a + 1n);
      res.ranges.push({ address: '0x' + m[1], length: len, sha256: null, error: 'Unable to capture range', properties: null });
      continue;
    }
    if ((m = /^\[([0-9a-f]+)\]\.(length|properties|data|error): ?(.*)$/.exec(t))) {
      const address = '0x' + m[1];
      if (m[2] === 'length') {
        lengths.set(address, parseInt(m[3], 16));
        res.ranges.push({ address, length: parseInt(m[3], 16), sha256: null, error: null, properties: null });
        continue;
      }
      const r = res.ranges.find((x) => x.address === address)!;
      if (m[2] === 'properties') r.properties = m[3];
      else if (m[2] === 'error') r.error = m[3];
      else {
        const { data, next } = readPayload(m[3], i, r.length);
        i = next;
        r.sha256 = sha(data);
        res.rangeData.set(address, data);
      }
      continue;
    }
    if ((m = /^\[([A-Z]+)\]\.(length|data): (.*)$/.exec(t))) {
      if (m[2] === 'length') {
        res.blobs.push({ name: m[1], length: parseInt(m[3], 16), sha256: null });
      } else {
        const b = res.blobs[res.blobs.length - 1];
        const { data, next } = readPayload(m[3], i, b.length);
        i = next;
        b.sha256 = sha(data);
      }
    }
  }
  flushRfc();
  return res;
}

const strip = (p: ReturnType<typeof miniParse>): InspectJson => {
  const rest: Omit<typeof p, 'rangeData'> & { rangeData?: unknown } = { ...p };
  delete rest.rangeData;
  return rest;
};

const textOf = (opts: GenOptions) => latin1(generateDump(opts).bytes);

describe('generateDump: expected matches the text', () => {
  const variants: Omit<GenOptions, 'layout'>[] = [
    {},
    { seed: 2, crlf: true },
    { seed: 3, bom: true, spaces: true },
    { seed: 4, splitBlobs: true },
    { seed: 5, splitBlobs: true, splitMode: 'groups', crlf: true, spaces: true },
    { seed: 6, extraRanges: 5 },
  ];
  for (const layout of LAYOUTS) {
    for (const v of variants) {
      it(`${layout} ${JSON.stringify(v)}`, () => {
        const d = generateDump({ layout, ...v });
        const parsed = miniParse(d.bytes);
        expect(strip(parsed)).toEqual(d.expected);
        for (const [addr, bytes] of d.rangeBytes) expect(sha(parsed.rangeData.get(addr)!)).toBe(sha(bytes));
        expect(d.expected.format).toBe(layout === 'rfc' ? 'xe-rfc' : 'xe');
        expect(d.truncated).toBeUndefined();
      });
    }
  }

  it('is deterministic per seed', () => {
    const a = generateDump({ layout: '6.19', seed: 42 });
    const b = generateDump({ layout: '6.19', seed: 42 });
    const c = generateDump({ layout: '6.19', seed: 43 });
    expect(sha(a.bytes)).toBe(sha(b.bytes));
    expect(sha(a.bytes)).not.toBe(sha(c.bytes));
  });
});

describe('generateDump: layouts', () => {
  it('6.19: uapi_flags, properties, replay lines, null_sparse without data', () => {
    const d = generateDump({ layout: '6.19', seed: 1 });
    const text = latin1(d.bytes);
    expect(text).toMatch(/\n\*\*\*\* VM state \*\*\*\*\nVM\.uapi_flags: 0x0\n/);
    expect(text).toMatch(/\n\t\[HWCTX\]\.length: 0x[0-9a-f]+\n\n\t\[HWCTX\]\.replay_offset: 0x0\n\n\t\[HWCTX\]\.replay_length: 0x[0-9a-f]+\n\t\[HWCTX\]\.data: /);
    expect(text).toMatch(/\n\[100000000\]\.length: 0x200000\n\[100000000\]\.properties: read_write\|null_sparse\|mem_region=0x0\|pat_index=0\|cpu_caching=0\n\[/);
    expect(text).toContain('[7f3a2c400000].error: -14\n');
    expect(text).toMatch(/^Reason: Timedout job - seqno=\d+, lrc_seqno=\d+, guc_id=\d+, flags=0x0$/m);
    expect(text).toMatch(/^Process: [\w-]+ \[\d+\]$/m);
    const sparse = d.expected.ranges.find((r) => r.address === '0x100000000')!;
    expect(sparse).toMatchObject({ sha256: null, error: null, length: 0x200000 });
    expect(sparse.properties).toContain('null_sparse');
    expect(d.expected.ranges.find((r) => r.address === '0x7f3a2c400000')).toMatchObject({ error: '-14', sha256: null });
    expect(d.expected.blobs.map((b) => b.name)).toEqual(['LOG', 'CTB', 'HWSP', 'HWCTX']);
    expect(d.expected.sections.map((s) => s.title)).toEqual([
      'Xe Device Coredump', 'GT #0', 'GuC Log', 'GuC CT', 'Contexts', 'Job', 'HW Engines', 'VM state',
    ]);
    expect(text).toMatch(/\nrcs0 \(physical\), logical instance=0\n\tCapture_source: GuC\n\tCoverage: full-capture\n\tForcewake: domain 0x1, ref 1\n\tReserved: no\n/);
    expect(Object.keys(d.expected.engines[0].registers)).not.toContain('Capture_source');
    expect(d.expected.engines[0].registers).toHaveProperty('RING_BBADDR');
    expect(d.expected.engines[0].registers).toHaveProperty('RING_DMA_FADD');
    expect(d.header).toMatchObject({ module: 'xe', pciId: 0xe20b, gtCount: 2 });
    expect(d.header.pid).toBeTypeOf('number');
  });

  it('6.14: Contexts and blobs, no VM.uapi_flags / properties / replay lines', () => {
    const text = textOf({ layout: '6.14', seed: 1 });
    expect(text).toContain('\n**** Contexts ****\nGuC ID: ');
    expect(text).toContain('\n[LOG].length: ');
    expect(text).toContain('\n[CTB].data: ');
    expect(text).not.toContain('VM.uapi_flags');
    expect(text).not.toContain('.properties');
    expect(text).not.toContain('replay_offset');
    expect(text).not.toContain('null_sparse');
    expect(text).toContain('\tRING_BBADDR: 0x');
    expect(text).not.toContain('\tBBADDR:');
  });

  it('6.12: exec queue under GuC CT after a blank line, HWSP/HWCTX blobs, old register names', () => {
    const d = generateDump({ layout: '6.12', seed: 1 });
    const text = latin1(d.bytes);
    expect(text).toMatch(/\n\*\*\*\* GuC CT \*\*\*\*\n\nH2G CTB \(all sizes in DW\):\n/);
    expect(text).toMatch(/\tg2h outstanding: 0\n\nGuC ID: \d+\n/);
    expect(text).toContain('\t[HWSP].length: 0x1000\n\t[HWSP].data: ');
    expect(text).not.toContain('**** Contexts ****');
    expect(text).not.toContain('**** GuC Log ****');
    expect(text).not.toContain('[CTB]');
    expect(text).toMatch(/^Process: [\w-]+$/m);
    expect(text).toContain('\tBBADDR: 0x');
    expect(text).toContain('\tDMA_FADDR: 0x');
    expect(d.expected.blobs.map((b) => b.name)).toEqual(['HWSP', 'HWCTX']);
  });

  it('6.9: BBADDR, cmd[] lines, no blobs, no Process line', () => {
    const d = generateDump({ layout: '6.9', seed: 1 });
    const text = latin1(d.bytes);
    expect(text).toContain('\tBBADDR: 0x');
    expect(text).not.toContain('[HWSP]');
    expect(text).not.toContain('[HWCTX]');
    expect(text).toMatch(/\n\tcmd\[\d+\]: 0x[0-9a-f]{8}\n/);
    expect(text).not.toMatch(/^Process:/m);
    expect(text).not.toMatch(/^Reason:/m);
    expect(text).toMatch(/\n\tForcewake: domain 0x2, ref 1\n\tHWSTAM: 0xffffffff\n/);
    expect(text).toMatch(/\n\[[0-9a-f]+\]\.length: 0x[0-9a-f]+\n\[[0-9a-f]+\]\.data: /);
    expect(d.expected.blobs).toEqual([]);
    expect(d.header.process).toBeNull();
  });

  it('rfc: header, 16-word lines, inclusive Unable-to-capture end, xe-rfc format', () => {
    const d = generateDump({ layout: 'rfc', seed: 1, extraRanges: 3 });
    const text = latin1(d.bytes);
    expect(text).toMatch(/^\*\*\*\* Xe Device Coredump \*\*\*\*\nkernel: 6\.\d+\.0-rc\d-xe\+\nmodule: xe\nSnapshot time: \d+\.\d{9}\nUptime: \d+\.\d{9}\nBoot time: \d+\.\d{9}\n/);
    expect(d.expected.sections.map((s) => s.title)).toEqual(['Xe Device Coredump', 'GuC CT', 'Job', 'HW Engines', 'VM state']);
    const vm = text.slice(text.indexOf('**** VM state ****'));
    const memLines = vm.split('\n').slice(1).filter((l) => l.length > 0);
    let dataLines = 0;
    for (const l of memLines) {
      if (l.startsWith('Unable')) {
        expect(l).toMatch(/^Unable to capture range \[[0-9a-f]+-[0-9a-f]+\]$/);
        continue;
      }
      expect(l).toMatch(/^\[[0-9a-f]+\] = \{ (?:[0-9a-f]{8}, ){15}[0-9a-f]{8} \}$/);
      dataLines++;
    }
    expect(dataLines).toBeGreaterThan(100);
    expect(text).toContain('Unable to capture range [7f3a2c400000-7f3a2c40ffff]');
    const un = d.expected.ranges.find((r) => r.error === 'Unable to capture range')!;
    expect(un).toEqual({ address: '0x7f3a2c400000', length: 0x10000, sha256: null, error: 'Unable to capture range', properties: null });
    for (const r of d.expected.ranges) expect(r.length % 64).toBe(0);
    expect(d.expected.blobs).toEqual([]);
    expect(d.expected.format).toBe('xe-rfc');
    expect(text).toContain('\tBBADDR: 0x');
  });

  for (const layout of LAYOUTS) {
    it(`${layout}: batch, ACTHD and BBADDR agree with the VM contents`, () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const d = generateDump({ layout, seed });
        expect(d.expected.batchAddresses).toHaveLength(1);
        const batch = BigInt(d.expected.batchAddresses[0]);
        const regs = d.expected.engines[0].registers;
        const bb = BigInt(regs.RING_BBADDR ?? regs.BBADDR);
        expect(bb).toBe(batch | 1n);
        const acthd = BigInt(regs.ACTHD);
        const range = d.expected.ranges.find((r) => {
          const a = BigInt(r.address);
          return a <= batch && batch < a + BigInt(r.length);
        })!;
        expect(range).toBeDefined();
        const data = d.rangeBytes.get(range.address)!;
        const at = Number(acthd - BigInt(range.address));
        expect(at).toBeGreaterThanOrEqual(Number(batch - BigInt(range.address)));
        const dv = new DataView(data.buffer, data.byteOffset, data.length);
        expect(dv.getUint32(at, true)).toBe(0x18800101); // MI_BATCH_BUFFER_START at ACTHD
        expect(BigInt(dv.getUint32(at + 4, true)) | (BigInt(dv.getUint32(at + 8, true)) << 32n)).toBe(batch);
        expect(parseInt(regs.IPEHR, 16)).toBe(0x18800101);
        const batchOff = Number(batch - BigInt(range.address));
        const words = Array.from({ length: (at - batchOff) / 4 + 4 }, (_, k) => dv.getUint32(batchOff + k * 4, true));
        expect(words).toContain(0x05000000); // MI_BATCH_BUFFER_END follows the jump
      }
    });
  }
});

describe('generateDump: text variants', () => {
  const base = generateDump({ layout: '6.19', seed: 9 });
  const baseText = latin1(base.bytes);

  it('crlf: every line ends with \\r\\n', () => {
    const d = generateDump({ layout: '6.19', seed: 9, crlf: true });
    const text = latin1(d.bytes);
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '\n')).toBe(baseText);
    expect(d.expected).toEqual(base.expected);
  });

  it('bom: BOM first, then the same text', () => {
    const d = generateDump({ layout: '6.19', seed: 9, bom: true });
    expect(Array.from(d.bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(sha(d.bytes.subarray(3))).toBe(sha(base.bytes));
    expect(d.expected).toEqual(base.expected);
  });

  it('spaces: leading TABs become 8 spaces, nothing else changes', () => {
    const d = generateDump({ layout: '6.19', seed: 9, spaces: true });
    const text = latin1(d.bytes);
    expect(text).not.toContain('\t');
    expect(text).toContain('\n        [HWSP].data: ');
    expect(text.replace(/^ {8}/gm, '\t')).toBe(baseText);
  });

  for (const splitMode of ['exact', 'groups'] as const) {
    it(`splitBlobs (${splitMode}): payload pieces ≤ 800 chars, continuation lines bare`, () => {
      const d = generateDump({ layout: '6.19', seed: 9, splitBlobs: true, splitMode });
      const lines = latin1(d.bytes).split('\n');
      let inPayload = false;
      let continuation = 0;
      for (const l of lines) {
        const m = /^(\t?\[[0-9a-zA-Z]+\]\.data: )(.*)$/.exec(l);
        if (m) {
          expect(m[2].length).toBeLessThanOrEqual(800);
          if (splitMode === 'exact' && m[2].length < 800) inPayload = false;
          else inPayload = true;
          continue;
        }
        if (inPayload && /^[!-uz]+$/.test(l)) {
          continuation++;
          expect(l.length).toBeLessThanOrEqual(800);
          expect(l[0]).not.toBe('\t');
          if (splitMode === 'exact' && l.length < 800) inPayload = false;
          continue;
        }
        inPayload = false;
      }
      expect(continuation).toBeGreaterThan(100);
      expect(d.expected.ranges).toEqual(base.expected.ranges);
      expect(d.expected.blobs).toEqual(base.expected.blobs);
      expect(d.expected.sections.at(-1)!.line).toBeGreaterThan(base.expected.sections.at(-1)!.line);
    });
  }

  it('sections point at **** lines in every variant', () => {
    for (const layout of LAYOUTS) {
      for (const v of [{}, { crlf: true, bom: true }, { splitBlobs: true, spaces: true }] as Omit<GenOptions, 'layout'>[]) {
        const d = generateDump({ layout, seed: 11, ...v });
        let text = latin1(d.bytes);
        if (v.bom) text = text.slice(3);
        const lines = text.split(/\r?\n/);
        expect(d.expected.sections[0]).toEqual({ title: 'Xe Device Coredump', line: 1 });
        for (const s of d.expected.sections) expect(lines[s.line - 1]).toBe(`**** ${s.title} ****`);
      }
    }
  });

  it('bigRange adds one long single-line range', () => {
    const big = 8 << 20;
    const d = generateDump({ layout: '6.19', seed: 3, bigRange: big });
    const r = d.expected.ranges.find((x) => x.address === '0x400000000')!;
    expect(r.length).toBe(big);
    expect(r.sha256).toBe(sha(d.rangeBytes.get('0x400000000')!));
    const text = latin1(d.bytes);
    const start = text.indexOf('[400000000].data: ');
    const end = text.indexOf('\n', start);
    expect(end - start).toBeGreaterThan(big * 0.5);
    expect(strip(miniParse(d.bytes))).toEqual(d.expected);
  });
});

describe('generateDump: truncation', () => {
  const cases: { layout: Layout; opts?: Omit<GenOptions, 'layout'>; addr: string; into: number }[] = [
    { layout: '6.19', addr: '13f780000', into: 1003 },
    { layout: '6.9', opts: { splitBlobs: true }, addr: 'fffeffa00000', into: 2500 },
    { layout: '6.14', opts: { crlf: true, splitBlobs: true, splitMode: 'groups' }, addr: '1ff7ef000', into: 1650 },
    { layout: '6.19', addr: '1a0000', into: 0 },
  ];
  for (const c of cases) {
    it(`${c.layout} ${JSON.stringify(c.opts ?? {})}: cut ${c.into} chars into [${c.addr}] data`, () => {
      const full = generateDump({ layout: c.layout, seed: 5, ...c.opts });
      const fullText = latin1(full.bytes);
      const prefix = `[${c.addr}].data: `;
      const dataStart = fullText.indexOf(prefix) + prefix.length;
      // `into` counts payload chars (line breaks are skipped).
      let cut = dataStart;
      for (let n = 0; n < c.into; cut++) if (fullText[cut] !== '\n' && fullText[cut] !== '\r') n++;
      const d = generateDump({ layout: c.layout, seed: 5, ...c.opts, truncateAt: cut });
      expect(d.bytes.length).toBe(cut);
      expect(sha(d.bytes)).toBe(sha(full.bytes.subarray(0, cut)));
      expect(d.expected).toEqual(full.expected);
      const t = d.truncated!;
      expect(t.atByte).toBe(cut);
      const payload = fullText.slice(dataStart, cut).replace(/[\r\n]/g, '');
      const ref = decodeGroups(payload, 1 << 30);
      expect(t.partial).toEqual({ address: '0x' + c.addr, decodedLength: ref.bytes.length, sha256: sha(ref.bytes) });
      expect(sha(full.rangeBytes.get('0x' + c.addr)!.subarray(0, ref.bytes.length))).toBe(t.partial!.sha256);
      const before = full.expected.ranges.map((r) => r.address).slice(0, full.expected.ranges.findIndex((r) => r.address === '0x' + c.addr));
      expect(t.completeRanges).toEqual(before);
    });
  }

  it('rfc: cut inside a range counts complete words', () => {
    const full = generateDump({ layout: 'rfc', seed: 5 });
    const text = latin1(full.bytes);
    const lineStart = text.indexOf('[13f780000] = { ');
    const cut = text.indexOf('\n', lineStart) + 1 + 16 + 10 * 3 + 4; // 2nd line, 3 words + half of the 4th
    const d = generateDump({ layout: 'rfc', seed: 5, truncateAt: cut });
    expect(d.truncated!.partial).toEqual({
      address: '0x13f780000',
      decodedLength: (16 + 3) * 4,
      sha256: sha(full.rangeBytes.get('0x13f780000')!.subarray(0, 76)),
    });
    expect(d.truncated!.completeRanges).toEqual(['0x1a0000']);
  });

  it('a cut outside any data line has no partial range; truncateAt past the end changes nothing', () => {
    const full = generateDump({ layout: '6.19', seed: 5 });
    const text = latin1(full.bytes);
    const cut = text.indexOf('[7f3a2c400000].error: -14') + '[7f3a2c400000].error: -14'.length;
    const d = generateDump({ layout: '6.19', seed: 5, truncateAt: cut });
    expect(d.truncated!.partial).toBeUndefined();
    expect(d.truncated!.completeRanges.at(-1)).toBe('0x7f3a2c400000');
    const same = generateDump({ layout: '6.19', seed: 5, truncateAt: full.bytes.length });
    expect(same.truncated).toBeUndefined();
    expect(same.bytes.length).toBe(full.bytes.length);
  });
});

describe('generateLargeDump', () => {
  for (const layout of ['6.19', '6.14'] as const) {
    it(`${layout}: streams about targetBytes; ranges and hashes match the text`, () => {
      const chunks: Uint8Array[] = [];
      let maxChunk = 0;
      const target = 24 << 20;
      const res = generateLargeDump({ targetBytes: target, seed: 3, layout }, (c) => {
        maxChunk = Math.max(maxChunk, c.length);
        chunks.push(c.slice());
      });
      const total = chunks.reduce((n, c) => n + c.length, 0);
      expect(res.textBytes).toBe(total);
      expect(Math.abs(total - target) / target).toBeLessThan(0.05);
      expect(maxChunk).toBeLessThanOrEqual(5 << 20);
      const all = new Uint8Array(total);
      let o = 0;
      for (const c of chunks) {
        all.set(c, o);
        o += c.length;
      }
      const parsed = miniParse(all);
      const withData = parsed.ranges.filter((r) => r.sha256 !== null);
      expect(withData.map((r) => ({ address: r.address, length: r.length, sha256: r.sha256 }))).toEqual(res.ranges);
      expect(res.decodedBytes).toBe(res.ranges.reduce((n, r) => n + r.length, 0));
      expect(parsed.sections.map((s) => s.title)).toContain('VM state');
      expect(res.ranges.length).toBeGreaterThan(3);
      if (layout === '6.19') expect(parsed.ranges.every((r) => r.properties !== null)).toBe(true);
    });
  }

  it('zeroFraction changes the text density', () => {
    const size = (zeroFraction: number) => {
      const r = generateLargeDump({ targetBytes: 8 << 20, seed: 1, zeroFraction }, () => {});
      const decoded = r.decodedBytes;
      return decoded / r.textBytes;
    };
    expect(size(0.9)).toBeGreaterThan(size(0.1) * 2);
  });
});
