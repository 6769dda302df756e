// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { Rng, commandStream } from '../../gen/content.ts';
import { generateDump } from '../../gen/generate.ts';
import { parseDump } from '../../format/parser.ts';
import { foldAddress } from '../../format/addr.ts';
import { DEFAULT_OPTIONS } from '../hex/options.ts';
import {
  LINK_BUDGET, LinkError, MAX_INFLATED, SNAPSHOT_BUDGET, decodeSnapshot, encodeSnapshot, fragmentPayload,
  fromBase64Url, inflateCapped, snapshotUrl, toBase64Url, type SnapshotLink,
} from './link.ts';
import { hangFacts, snapshotDumpText } from './snapshot-dump.ts';

function sampleLink(bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), over: Partial<SnapshotLink> = {}): SnapshotLink {
  return {
    file: { name: 'hang.txt', size: 123456, fingerprint: 'ab'.repeat(32) },
    layout: 'xe',
    hang: { kernel: '6.19.0', reason: 'Timedout job', process: 'chrome [15990]', pciId: 0xe20b, engine: 'rcs0', acthd: 0x1a0054n, batch: [0x1a0000n] },
    range: { address: 0x1a0000n, length: 0x1000, properties: 'read_only|bo|mem_region=0x2|pat_index=8|cpu_caching=2' },
    address: 0x1a0040n,
    bytes,
    view: { cursor: 0x1a0044n, selection: { start: 0x1a0040n, end: 0x1a0048n }, top: 0x1a0000n, options: { ...DEFAULT_OPTIONS, group: 8 } },
    bookmarks: [{ address: 0x1a0054n, name: 'ACTHD', note: 'loops here' }],
    ...over,
  };
}

/** A packed payload from raw parts (to build hostile links). */
function pack(json: unknown, bytes = new Uint8Array(0), version = 1): string {
  const j = new TextEncoder().encode(JSON.stringify(json));
  const body = new Uint8Array(4 + j.length + bytes.length);
  new DataView(body.buffer).setUint32(0, j.length, true);
  body.set(j, 4);
  body.set(bytes, 4 + j.length);
  const z = deflateSync(body);
  const out = new Uint8Array(1 + z.length);
  out[0] = version;
  out.set(z, 1);
  return toBase64Url(out);
}

describe('base64url', () => {
  it('round-trips any bytes, with no padding and only URL-safe characters', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      const s = toBase64Url(b);
      expect(s).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(s)).toEqual(b);
    }));
  });
  it('matches the platform encoder', () => {
    const b = new Uint8Array([0xfb, 0xff, 0xbf, 0x00, 0x10]);
    expect(toBase64Url(b)).toBe(Buffer.from(b).toString('base64url'));
  });
});

describe('share link round trip', () => {
  it('state → link → state', () => {
    const link = sampleLink();
    const url = snapshotUrl('https://viewer.example/app/?range=0x1&addr=0x2#old', link);
    expect(url.startsWith('https://viewer.example/app/#s=')).toBe(true);
    const back = decodeSnapshot(fragmentPayload(new URL(url).hash)!);
    expect(back).toEqual(link);
  });

  it('any snapshot and view round-trips (property)', () => {
    fc.assert(fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 2048 }),
      fc.bigInt({ min: 0n, max: (1n << 48n) - 0x10000n }),
      fc.string({ maxLength: 40 }),
      fc.array(fc.record({ address: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), name: fc.string({ maxLength: 20 }), note: fc.string({ maxLength: 20 }) }), { maxLength: 5 }),
      (bytes, base, name, bookmarks) => {
        const start = base & ~0xfffn;
        const link = sampleLink(bytes, {
          file: { name, size: 1, fingerprint: null },
          range: { address: start, length: 0x10000, properties: null },
          address: start + 0x100n,
          bookmarks,
          hang: { kernel: null, reason: name, process: null, pciId: null, engine: null, acthd: null, batch: [] },
        });
        expect(decodeSnapshot(encodeSnapshot(link))).toEqual(link);
      },
    ), { numRuns: 60 });
  });

  it('fragmentPayload only takes #s=', () => {
    expect(fragmentPayload('#s=abc')).toBe('abc');
    expect(fragmentPayload('s=abc')).toBe('abc');
    expect(fragmentPayload('#x=abc')).toBeNull();
    expect(fragmentPayload('')).toBeNull();
  });

  it('the snapshot opens as a dump with the bytes at their GPU addresses and the hang facts', () => {
    const bytes = new Uint8Array(64).map((_, i) => i * 3);
    const link = sampleLink(bytes, { address: 0x1a0040n });
    const m = parseDump(snapshotDumpText(link));
    expect(m.diagnostics).toEqual([]);
    expect(m.header.kernel).toBe('6.19.0');
    expect(m.header.reason).toBe('Timedout job');
    expect(m.header.process).toBe('chrome');
    expect(m.header.pid).toBe(15990);
    expect(m.header.pciId).toBe(0xe20b);
    expect(m.batchAddresses).toEqual([0x1a0000n]);
    expect(m.engines.map((e) => e.name)).toEqual(['rcs0']);
    expect(m.engines[0].registers).toMatchObject([{ name: 'ACTHD', value: 0x1a0054n }]);
    expect(m.ranges).toHaveLength(1);
    expect(m.ranges[0].address).toBe(0x1a0040n);
    expect(m.ranges[0].data).toEqual(bytes);
    expect(m.ranges[0].properties?.raw).toBe(link.range.properties);
  });

  it('hang facts beyond ASCII survive the snapshot dump', () => {
    const link = sampleLink(new Uint8Array(8), { hang: { ...sampleLink().hang, reason: 'Timedout job — µs', process: 'glxgears-ü [42]' } });
    const m = parseDump(snapshotDumpText(link));
    expect(m.header.reason).toBe('Timedout job — µs');
    expect(m.header.process).toBe('glxgears-ü');
  });

  it('an RFC snapshot opens as an RFC dump; canonical addresses keep their form', () => {
    const canon = 0xffff_fffe_ffa0_0000n;
    const link = sampleLink(new Uint8Array(32).fill(7), {
      layout: 'xe-rfc',
      range: { address: canon, length: 0x1000, properties: null },
      address: foldAddress(canon) + 0x20n,
    });
    const m = parseDump(snapshotDumpText(link));
    expect(m.format).toBe('xe-rfc');
    expect(m.ranges[0].address).toBe(canon + 0x20n);
    expect(m.ranges[0].data).toEqual(new Uint8Array(32).fill(7));
  });

  it('a snapshot far into a huge range opens with only its own bytes (no padding from the range start)', () => {
    const bytes = new Uint8Array(16).fill(9);
    const start = 0x1_0000_0000n;
    const link = sampleLink(bytes, { range: { address: start, length: 2 ** 52, properties: null }, address: start + (1n << 45n) + 2n });
    const text = snapshotDumpText(link);
    expect(text.length).toBeLessThan(2000);
    const m = parseDump(text);
    expect(m.ranges).toHaveLength(1);
    expect(m.ranges[0].address).toBe(start + (1n << 45n));
    expect(m.ranges[0].data).toEqual(new Uint8Array([0, 0, ...bytes, 0, 0]));
  });

  it('hang facts come from the dump', () => {
    const m = parseDump(generateDump({ layout: '6.19', seed: 4 }).bytes);
    const f = hangFacts(m);
    expect(f.kernel).toBe(m.header.kernel);
    expect(f.reason).toBe(m.header.reason);
    expect(f.engine).toBe(m.engines[0].name);
    expect(f.acthd).toBe(m.engines[0].registers.find((r) => r.name === 'ACTHD')!.value);
    expect(f.batch).toEqual(m.batchAddresses);
  });
});

describe('budget', () => {
  it(`64 KiB of generated batch commands fit in a link of at most ${LINK_BUDGET} characters`, () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const words = new Uint32Array(SNAPSHOT_BUDGET / 4);
      commandStream(words, 0, words.length, 0x1a0000n, new Rng(seed));
      const link = sampleLink(new Uint8Array(words.buffer), { range: { address: 0x1a0000n, length: 0x20000, properties: null }, address: 0x1a0000n });
      const url = snapshotUrl('https://viewer.example/', link);
      expect(url.length).toBeLessThanOrEqual(LINK_BUDGET);
    }
  });

  it('the batch range of a generated dump fits too', () => {
    const m = parseDump(generateDump({ layout: '6.19', seed: 8, bigRange: 0 }).bytes);
    const b = m.ranges.find((r) => r.data && foldAddress(r.address) <= m.batchAddresses[0] && m.batchAddresses[0] < foldAddress(r.address) + BigInt(r.length))!;
    const n = Math.min(b.length, SNAPSHOT_BUDGET);
    const link = sampleLink(b.data!.slice(0, n), { range: { address: b.address, length: b.length, properties: null }, address: foldAddress(b.address) });
    expect(snapshotUrl('https://viewer.example/', link).length).toBeLessThanOrEqual(LINK_BUDGET);
  });
});

describe('hostile links', () => {
  const good = sampleLink();
  const fail = (payload: string, pattern: RegExp) => {
    expect(() => decodeSnapshot(payload)).toThrow(LinkError);
    expect(() => decodeSnapshot(payload)).toThrow(pattern);
  };

  it('bad base64', () => fail('abc$def', /not base64url/));
  it('empty', () => fail('', /no snapshot/));
  it('an impossible base64 length', () => fail('abcde', /length/));
  it('another version', () => fail(pack({}, undefined, 9), /another version/));

  it('a link cut anywhere gives a message, never a crash', () => {
    const full = encodeSnapshot(good);
    for (let n = 0; n < full.length; n += Math.max(1, Math.floor(full.length / 60))) {
      const cut = full.slice(0, n);
      expect(() => decodeSnapshot(cut)).toThrow(LinkError);
    }
  });

  it('flipped characters give a message or a valid snapshot, never a crash', () => {
    const full = encodeSnapshot(good);
    fc.assert(fc.property(fc.nat(full.length - 1), fc.constantFrom(...'AZaz09-_'), (i, c) => {
      const s = full.slice(0, i) + c + full.slice(i + 1);
      try {
        decodeSnapshot(s);
      } catch (e) {
        expect(e).toBeInstanceOf(LinkError);
      }
    }), { numRuns: 200 });
  });

  it('a decompression bomb is refused with the output capped', () => {
    const bomb = new Uint8Array(64 * 1024 * 1024); // 64 MiB of zeros: ~64 KB deflated
    const z = deflateSync(bomb, { level: 9 });
    expect(() => inflateCapped(z)).toThrow(/more than 2 MiB/);
    const out = new Uint8Array(1 + z.length);
    out[0] = 1;
    out.set(z, 1);
    fail(toBase64Url(out), /inflates to more than/);
    // Under the cap it inflates.
    expect(inflateCapped(deflateSync(new Uint8Array(MAX_INFLATED))).length).toBe(MAX_INFLATED);
  });

  const header = JSON.parse(JSON.stringify({
    file: { name: 'a', size: 1, fingerprint: null }, layout: 'xe',
    hang: { kernel: null, reason: null, engine: null, acthd: null, batch: [] },
    range: { address: '0x1000', length: 4096, properties: null }, address: '0x1000', length: 4,
    view: { cursor: null, selection: null, top: null, options: {} }, bookmarks: [],
  }));
  const four = new Uint8Array([1, 2, 3, 4]);

  it('a minimal hand-made link is read', () => {
    expect(decodeSnapshot(pack(header, four)).bytes).toEqual(four);
  });
  it('absurd addresses', () => {
    fail(pack({ ...header, address: '0x1ffffffffffffffff' }, four), /64-bit address/);
    fail(pack({ ...header, address: 'zz' }, four), /64-bit address/);
    fail(pack({ ...header, address: '0xfffffffffffffffe' , range: { address: '0xfffffffffffffff0', length: 16, properties: null } }, four), /past the end/);
    fail(pack({ ...header, address: '0x5000' }, four), /outside the range/);
  });
  it('absurd lengths', () => {
    fail(pack({ ...header, length: 8 }, four), /says 8 bytes but holds 4/);
    fail(pack({ ...header, length: -1 }, four), /snapshot length/);
    fail(pack({ ...header, length: 1e300 }, four), /snapshot length/);
    fail(pack({ ...header, range: { address: '0x1000', length: 2, properties: null } }, four), /outside the range/);
    fail(pack({ ...header, length: 0 }, new Uint8Array(0)), /no bytes/);
  });
  it('wrong types', () => {
    fail(pack({ ...header, file: 'x' }, four), /file/);
    fail(pack({ ...header, layout: 'nouveau' }, four), /layout/);
    fail(pack({ ...header, file: { name: 'a', size: 1, fingerprint: 'not hex' } }, four), /fingerprint/);
    fail(pack({ ...header, bookmarks: [{ address: 5, name: 'x' }] }, four), /bookmark 1 address/);
    fail(pack([1, 2], four), /snapshot header/);
  });
  it('a header length past the data', () => {
    const body = new Uint8Array(8);
    new DataView(body.buffer).setUint32(0, 1000, true);
    const z = deflateSync(body);
    const out = new Uint8Array(1 + z.length);
    out[0] = 1;
    out.set(z, 1);
    fail(toBase64Url(out), /header is longer than its data/);
  });
  it('unknown display options fall back to defaults', () => {
    const l = decodeSnapshot(pack({ ...header, view: { ...header.view, options: { group: 3, bytesPerRow: 'x', ascii: false } } }, four));
    expect(l.view.options).toEqual({ ...DEFAULT_OPTIONS, ascii: false });
  });
});

describe('links that would inject lines (issue 15)', () => {
  const good = sampleLink();
  const json = JSON.parse(JSON.stringify({
    file: good.file, layout: 'xe',
    hang: { kernel: '6.19.0', reason: 'r', process: 'p [1]', pciId: null, engine: 'rcs0', acthd: null, batch: [] },
    range: { address: '0x1000', length: 4096, properties: 'read_write|bo' }, address: '0x1000', length: 4,
    view: { cursor: null, selection: null, top: null, options: {} }, bookmarks: [{ address: '0x1000', name: 'b', note: 'two\nlines' }],
  }));
  const four = new Uint8Array([1, 2, 3, 4]);
  const injected = '\n[1000].length: 0x100000000\n**** HW Engines ****\nrcs9 (physical), logical instance=0';

  it.each([
    ['reason', (j: typeof json) => { j.hang.reason = `hang${injected}`; }],
    ['process', (j: typeof json) => { j.hang.process = `p${injected}`; }],
    ['kernel', (j: typeof json) => { j.hang.kernel = `6.19\r${injected}`; }],
    ['engine', (j: typeof json) => { j.hang.engine = `rcs0\u2028x`; }],
    ['range properties', (j: typeof json) => { j.range.properties = `bo${injected}`; }],
    ['file name', (j: typeof json) => { j.file.name = 'a\u0000b'; }],
  ])('a %s holding a control character is refused', (what, mutate) => {
    const j = structuredClone(json);
    mutate(j);
    expect(() => decodeSnapshot(pack(j, four))).toThrow(new RegExp(`the link's ${what} holds a control character`));
  });

  it('a bookmark note may hold line breaks (it is never written as dump text)', () => {
    expect(decodeSnapshot(pack(json, four)).bookmarks[0].note).toBe('two\nlines');
  });

  it('the snapshot writer never lets a value start a new line', () => {
    const link = sampleLink(new Uint8Array(8), { hang: { ...good.hang, reason: `hang${injected}`, process: `evil${injected} [7]` }, range: { ...good.range, properties: `bo${injected}` } });
    const text = new TextDecoder().decode(snapshotDumpText(link));
    const m = parseDump(snapshotDumpText(link));
    expect(m.ranges).toHaveLength(1);
    expect(m.engines.map((e) => e.name)).toEqual(['rcs0']);
    expect(m.header.reason).toBe(`hang${injected.replace(/\n/g, ' ')}`);
    expect(m.header.pid).toBe(7);
    expect(text.split('\n').filter((l) => l.startsWith('rcs9'))).toEqual([]);
  });
});
