// The i915, msm and amdgpu importers against the generator (src/gen/i915.ts, msm.ts, amdgpu.ts):
// every range at its address with its name and bytes, in any chunking, with CRLF, and cut short.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DumpParser, parseDump } from './parser.ts';
import type { DumpModel } from './model.ts';
import { sha256Hex } from '../gen/generate.ts';
import { generateI915, i915ObjectLine, type I915Variant } from '../gen/i915.ts';
import { generateMsm } from '../gen/msm.ts';
import { generateAmdgpu } from '../gen/amdgpu.ts';
import type { GeneratedOther } from '../gen/other-formats.ts';

function chunked(bytes: Uint8Array, cuts: number[]): DumpModel {
  const p = new DumpParser();
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    p.push(bytes.subarray(at, c));
    at = c;
  }
  p.push(bytes.subarray(at));
  return p.finish();
}

function check(m: DumpModel, g: GeneratedOther): void {
  const e = g.expected;
  expect(m.format).toBe(e.format);
  expect(m.ranges.map((r) => ({
    address: '0x' + r.address.toString(16), name: r.name, length: r.length, sha256: r.data ? sha256Hex(r.data) : null,
  }))).toEqual(e.ranges);
  expect(m.ranges.every((r) => r.complete)).toBe(true);
  expect(m.blobs.map((b) => ({ name: b.name, length: b.length, sha256: b.data ? sha256Hex(b.data.subarray(0, b.decodedLength)) : null }))).toEqual(e.blobs);
  for (const [engine, regs] of Object.entries(e.registers)) {
    const en = m.engines.find((x) => x.name === engine);
    expect(en, engine).toBeDefined();
    for (const [name, value] of Object.entries(regs)) expect(en!.registers.find((r) => r.name === name)?.value, `${engine} ${name}`).toBe(value);
  }
  expect(m.batchAddresses.map((a) => '0x' + a.toString(16))).toEqual(e.batchAddresses);
  expect(m.fault ? '0x' + m.fault.address.toString(16) : null).toBe(e.fault);
  expect(m.addressBits ?? null).toBe(e.addressBits);
  expect(m.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
}

const VARIANTS: I915Variant[] = ['compressed', 'raw', 'legacy'];

describe('i915 error state', () => {
  for (const variant of VARIANTS) {
    it(`reads the ${variant} layout: objects as named ranges at their GTT address, engines, header`, () => {
      const g = generateI915({ variant, userObjects: [10000, 4096] });
      const m = parseDump(g.bytes);
      check(m, g);
      expect(m.header.kernel).toMatch(variant === 'legacy' ? /^3\./ : /^6\./);
      expect(m.header.snapshotTime).toBe('1733000000.123456000');
      if (variant !== 'legacy') expect([m.header.uptime, m.header.bootTime]).toEqual(['4990.100000', '5000.250000']);
      const rcs = m.engines.find((e) => e.name === (variant === 'legacy' ? 'render ring' : 'rcs0'))!;
      const acthd = rcs.registers.find((r) => r.name === 'ACTHD')!;
      const batch = m.ranges.find((r) => r.name?.endsWith(' batch'))!;
      expect(acthd.value >= batch.address && acthd.value < batch.address + BigInt(batch.length)).toBe(true);
    });

    it(`reads the ${variant} layout in any chunking and with CRLF`, () => {
      const g = generateI915({ variant, seed: 3, crlf: true });
      fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: g.bytes.length }), { maxLength: 10 }), (cuts) => {
        check(chunked(g.bytes, cuts), g);
      }), { numRuns: 25 });
    });
  }

  it('prints engines in reverse id order and keeps the global registers and fences', () => {
    const m = parseDump(generateI915({ variant: 'compressed' }).bytes);
    expect(m.engines.map((e) => e.name)).toEqual(['global', 'vecs0', 'vcs0', 'bcs0', 'rcs0']);
    const g = m.engines[0];
    expect(g.registers.find((r) => r.name === 'fence[0]')?.value).toBe(0x00a1b00000a00001n);
    expect(g.registers.find((r) => r.name === 'CCID')?.value).toBe(0x00e00109n);
    expect(m.header.process).toBe('glxgears');
    expect(m.header.pid).toBe(1234);
    expect(m.header.pciId).toBe(0x9a49);
    expect(m.ranges.find((r) => r.name === 'rcs0 HW context')?.properties?.other.gtt_page_sizes).toBe('0x00010000');
  });

  it('accepts a zlib stream padded with up to 3 zero bytes, and says when one is corrupt', () => {
    const bytes = new Uint8Array(4096).map((_, i) => i * 7);
    for (let pad = 0; pad < 4; pad++) {
      const line = i915ObjectLine(bytes, true);
      const text = `GPU HANG: ecode 12:1:0\nrcs0 --- batch = 0x00000000 00001000\n${line}${'z'.repeat(pad)}\n`;
      const m = parseDump(new TextEncoder().encode(text));
      expect(m.ranges[0].data && sha256Hex(m.ranges[0].data)).toBe(sha256Hex(bytes));
    }
    const bad = parseDump(new TextEncoder().encode('GPU HANG: ecode 9:1:0\nrcs0 --- batch = 0x00000000 00001000\n:s8W-!s8W-!s8W-!\n'));
    expect(bad.ranges[0].complete).toBe(false);
    expect(bad.diagnostics.some((d) => d.severity === 'error' && /zlib/.test(d.message) && d.line === 3)).toBe(true);
  });

  it('keeps what was read when the file ends inside an object, and marks it incomplete', () => {
    for (const variant of ['compressed', 'raw'] as const) {
      const g = generateI915({ variant, batchBytes: 65536 });
      const text = new TextDecoder().decode(g.bytes);
      const at = text.indexOf('\n', text.indexOf('rcs0 --- batch')) + 1 + 4000; // inside the batch's data line
      const m = parseDump(g.bytes.subarray(0, at));
      const batch = m.ranges.find((r) => r.name === 'rcs0 batch')!;
      expect(batch.complete).toBe(false);
      expect(batch.data!.length).toBeGreaterThan(0);
      const full = g.rangeBytes.get('rcs0 batch')!;
      expect(sha256Hex(batch.data!)).toBe(sha256Hex(full.subarray(0, batch.data!.length)));
      expect(m.diagnostics.some((d) => d.severity === 'error' && /ends inside/.test(d.message))).toBe(true);
    }
  });

  it('reads "No error state collected" as an i915 state without a hang', () => {
    const m = parseDump(generateI915({ variant: 'empty' }).bytes);
    expect(m.format).toBe('i915');
    expect(m.ranges).toEqual([]);
    expect(m.diagnostics.map((d) => d.severity)).toEqual(['info']);
  });

  it('reports object data without an object line, with its line number', () => {
    const m = parseDump(new TextEncoder().encode('GPU HANG: ecode 9:1:0\nKernel: 6.1\n~zzzz\n'));
    expect(m.diagnostics).toContainEqual(expect.objectContaining({ line: 3, severity: 'error' }));
  });
});

describe('msm devcoredump', () => {
  it('reads rings and bos as named ranges (trimmed payloads padded), registers, fault, a6xx blobs', () => {
    const g = generateMsm();
    const m = parseDump(g.bytes);
    check(m, g);
    expect(m.header.process).toBe('deqp-vk');
    expect(m.header.module).toBe('msm');
    expect(m.fault?.detail).toMatch(/dir=READ/);
    const zero = m.ranges.find((r) => r.name === 'bo zero-bo')!;
    expect(zero.data).toBeNull();
    expect(zero.length).toBe(4096);
    const ring0 = m.engines.find((e) => e.name === 'ringbuffer 0')!;
    expect(ring0.attributes['last-fence']).toBe('12');
    expect(ring0.attributes['retired-fence']).toBe('11');
  });

  it('reads in any chunking and with CRLF', () => {
    const g = generateMsm({ seed: 5, crlf: true });
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: g.bytes.length }), { maxLength: 10 }), (cuts) => {
      check(chunked(g.bytes, cuts), g);
    }), { numRuns: 25 });
  });

  it('keeps a bo cut by the end of the file as incomplete', () => {
    const g = generateMsm();
    const text = new TextDecoder().decode(g.bytes);
    const at = text.indexOf('\n', text.indexOf('name: vertex-buffer')) + 1;
    const cut = text.indexOf('\n', at) + 1 + 3000;
    const m = parseDump(g.bytes.subarray(0, cut));
    const bo = m.ranges.find((r) => r.name === 'bo vertex-buffer')!;
    expect(bo.complete).toBe(false);
    expect(bo.decodedLength).toBeLessThan(bo.length);
    expect(m.diagnostics.some((d) => d.severity === 'error' && /ends inside/.test(d.message))).toBe(true);
  });
});

describe('amdgpu devcoredump', () => {
  it('reads sections, registers, the page fault and ring words; says it holds no memory', () => {
    const g = generateAmdgpu();
    const m = parseDump(g.bytes);
    check(m, g);
    expect(m.header.process).toBe('glxgears');
    expect(m.header.pid).toBe(1234);
    expect(m.sections.map((s) => s.title)).toContain('Ring buffer information');
    expect(m.diagnostics.find((d) => d.severity === 'info')?.message).toMatch(/no GPU memory/);
  });

  it('reads in any chunking', () => {
    const g = generateAmdgpu({ crlf: true });
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: g.bytes.length }), { maxLength: 8 }), (cuts) => {
      check(chunked(g.bytes, cuts), g);
    }), { numRuns: 20 });
  });
});

describe('cut anywhere', () => {
  const dumps = [
    ['i915 compressed', generateI915({ variant: 'compressed', batchBytes: 8192 }).bytes],
    ['i915 legacy', generateI915({ variant: 'legacy', batchBytes: 4096 }).bytes],
    ['msm', generateMsm().bytes],
    ['amdgpu', generateAmdgpu().bytes],
  ] as const;
  for (const [label, bytes] of dumps) {
    it(`${label}: a file cut at any byte still reads, keeping what came before the cut`, () => {
      const firstLine = bytes.indexOf(10);
      const full = parseDump(bytes);
      fc.assert(fc.property(fc.integer({ min: firstLine + 1, max: bytes.length }), (cut) => {
        const m = parseDump(bytes.subarray(0, cut));
        expect(m.format).toBe(full.format);
        // Every range but the last one read is whole: the same as in the full file.
        for (let i = 0; i + 1 < m.ranges.length; i++) {
          const r = m.ranges[i];
          const f = full.ranges[i];
          expect({ a: r.address, n: r.name, l: r.length, s: r.data && sha256Hex(r.data) }).toEqual({ a: f.address, n: f.name, l: f.length, s: f.data && sha256Hex(f.data) });
        }
        const last = m.ranges.at(-1);
        if (last?.data) expect(last.decodedLength).toBeLessThanOrEqual(last.data.length);
      }), { numRuns: 60 });
    });
  }

  it('i915: garbage after an object line is reported, not thrown', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.constantFrom(':', '~'), (junk, mark) => {
      const head = new TextEncoder().encode(`GPU HANG: ecode 9:1:0\nrcs0 --- batch = 0x00000000 00001000\n${mark}`);
      const text = new Uint8Array(head.length + junk.length + 1);
      text.set(head);
      text.set(junk.map((b) => (b === 10 ? 32 : b)), head.length);
      text[text.length - 1] = 10;
      const m = parseDump(text);
      expect(m.ranges).toHaveLength(1);
    }), { numRuns: 200 });
  });
});

describe('the command-stream decoder on an i915 error state', () => {
  it('looks at the hung engine (rcs0, not the first idle one) and finds ACTHD in the batch object', async () => {
    const { hangContext } = await import('./gpu/index.ts');
    const g = generateI915({ variant: 'compressed' });
    const h = hangContext(parseDump(g.bytes));
    expect(h.platform.family).toBe('gen12');
    expect(h.engine?.name).toBe('rcs0');
    expect(h.acthd).toBe(g.expected.registers.rcs0.ACTHD);
    expect(h.walk.acthd).not.toBeNull();
    const b = h.walk.batches[h.walk.acthd!.batch];
    expect(b.instructions[h.walk.acthd!.instruction].address).toBe(g.expected.registers.rcs0.ACTHD);
  });
});
