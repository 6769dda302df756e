import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDump, generateLargeDump, LAYOUTS } from '../gen/generate.ts';
import { main } from './main.ts';
import { generateI915 } from '../gen/i915.ts';
import { generateMsm } from '../gen/msm.ts';
import { generateAmdgpu } from '../gen/amdgpu.ts';

const dir = mkdtempSync(join(tmpdir(), 'devcoredump-cli-'));
const bin = fileURLToPath(new URL('../../scripts/devcoredump.mjs', import.meta.url));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

function write(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('devcoredump inspect', () => {
  it.each(LAYOUTS)('--json prints exactly the expected report for layout %s', async (layout) => {
    const g = generateDump({ layout, seed: 4 });
    const r = await run('inspect', write(`d-${layout}.txt`, g.bytes), '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual(g.expected);
    expect(Object.keys(JSON.parse(r.out))).toEqual(['format', 'kernel', 'sections', 'ranges', 'blobs', 'engines', 'batchAddresses', 'diagnostics']);
  });

  it('prints a human summary', async () => {
    const g = generateDump({ layout: '6.19', seed: 4 });
    const r = await run('inspect', write('h.txt', g.bytes));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Kernel:     ${g.header.kernel}`);
    expect(r.out).toContain(`Reason:     ${g.header.reason}`);
    expect(r.out).toContain(`Process:    ${g.header.process} [${g.header.pid}]`);
    expect(r.out).toMatch(/Snapshot: +\d+\.\d{9} \(\d{4}-\d\d-\d\dT/);
    expect(r.out).toMatch(new RegExp(`Ranges: +${g.expected.ranges.length} `));
    expect(r.out).toMatch(/Batch: +0x[0-9a-f]{16} in range 0x[0-9a-f]+ \(\+0x[0-9a-f]+\)/);
    expect(r.out).toContain('Diagnostics: none');
  });

  it('exits 0 with diagnostics for a damaged dump, and lists them', async () => {
    const g = generateDump({ layout: '6.14', seed: 4, truncateAt: 200_000 });
    const r = await run('inspect', write('t.txt', g.bytes), '--json');
    expect(r.code).toBe(0);
    const diags = JSON.parse(r.out).diagnostics;
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0]).toEqual({ line: expect.any(Number), severity: expect.stringMatching(/error|warning/), message: expect.any(String) });
  });

  it('exits 2 with a one-line reason for a file that is not a dump', async () => {
    const r = await run('inspect', write('dmesg.txt', '| xe 0000:00:02.0: [drm] *ERROR* \tRING_HEAD: 0x00000090\n'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/kernel log/);
  });

  it('exits 1 for an I/O error and for bad arguments', async () => {
    expect((await run('inspect', join(dir, 'missing.txt'))).code).toBe(1);
    expect((await run('inspect', dir)).code).toBe(1);
    expect((await run('frobnicate', 'x')).code).toBe(1);
    expect((await run('extract', 'x')).err).toMatch(/--address/);
  });

  it('inspect with bad arguments exits at once, though its hash worker was started before the arguments were read', async () => {
    // The worker is unreferenced until taken: were it not, this process would never exit (the test times out).
    const r = await run('inspect');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no FILE given/);
  });
});

describe('devcoredump extract', () => {
  const g = generateDump({ layout: '6.19', seed: 8 });
  const file = write('x.txt', g.bytes);
  const [address, bytes] = [...g.rangeBytes].find(([, b]) => b.length >= 4096)!;
  const base = BigInt(address);

  it('writes the bytes of the range from the address on', async () => {
    const out = join(dir, 'whole.bin');
    expect((await run('extract', file, '--address', address, '-o', out)).code).toBe(0);
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(bytes))).toBe(true);
    const part = join(dir, 'part.bin');
    expect((await run('extract', file, '--address', '0x' + (base + 0x104n).toString(16), '--length', '0x40', '-o', part)).code).toBe(0);
    expect(Buffer.from(readFileSync(part)).equals(Buffer.from(bytes.subarray(0x104, 0x144)))).toBe(true);
  });

  it('accepts the canonical sign-extended form of a high address', async () => {
    const high = [...g.rangeBytes].find(([a]) => BigInt(a) >= 0x800000000000n);
    if (!high) return expect.fail('generator gave no high range');
    const canonical = '0x' + (BigInt(high[0]) | 0xffff000000000000n).toString(16);
    const out = join(dir, 'high.bin');
    expect((await run('extract', file, '--address', canonical, '--length', '16', '-o', out)).code).toBe(0);
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(high[1].subarray(0, 16)))).toBe(true);
  });

  it('says so when no range holds the address, or the range has no data', async () => {
    const r = await run('extract', file, '--address', '0x10', '-o', join(dir, 'none.bin'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no captured range holds 0x10/);
    const err = g.expected.ranges.find((x) => x.error !== null)!;
    const r2 = await run('extract', file, '--address', err.address, '-o', join(dir, 'none.bin'));
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/has no data \(error -14\)/);
  });
});

describe('the other formats (i915, msm, amdgpu)', () => {
  const cases = [
    ['i915-z.txt', generateI915({ variant: 'compressed', userObjects: [8192] })],
    ['i915-raw.txt', generateI915({ variant: 'raw' })],
    ['i915-legacy.txt', generateI915({ variant: 'legacy' })],
    ['msm.txt', generateMsm()],
    ['amdgpu.txt', generateAmdgpu()],
  ] as const;

  it.each(cases)('inspect --json of %s gives its format and every range by name, address and sha256', async (name, g) => {
    const r = await run('inspect', write(name, g.bytes), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['format', 'kernel', 'sections', 'ranges', 'blobs', 'engines', 'batchAddresses', 'diagnostics']);
    expect(json.format).toBe(g.expected.format);
    expect(json.ranges.map((x: { address: string; name: string; length: number; sha256: string | null }) => ({ address: x.address, name: x.name, length: x.length, sha256: x.sha256 })))
      .toEqual(g.expected.ranges);
    expect(json.blobs).toEqual(g.expected.blobs);
  });

  it('prints a human summary naming the format, the ranges and the fault', async () => {
    const i = await run('inspect', write('s-i915.txt', generateI915({ variant: 'compressed' }).bytes));
    expect(i.out).toMatch(/i915 GPU error state/);
    expect(i.out).toMatch(/rcs0 batch/);
    const m = await run('inspect', write('s-msm.txt', generateMsm().bytes));
    expect(m.out).toMatch(/msm devcoredump/);
    expect(m.out).toMatch(/Fault: +0x0000000100021234 .* in bo vertex-buffer \(\+0x1234\)/);
    const a = await run('inspect', write('s-amd.txt', generateAmdgpu().bytes));
    expect(a.out).toMatch(/amdgpu devcoredump/);
    expect(a.out).toMatch(/Memory: +none/);
  });

  it('snapshot of an i915 error state is an i915 error state, of an msm devcoredump an msm devcoredump', async () => {
    for (const [name, g, range] of [
      ['sn-i915.txt', generateI915({ variant: 'compressed' }), 'rcs0 batch'],
      ['sn-msm.txt', generateMsm(), 'bo cmdstream'],
    ] as const) {
      const want = g.expected.ranges.find((x) => x.name === range)!;
      const out = join(dir, `out-${name}`);
      expect((await run('snapshot', write(name, g.bytes), '--range', want.address, '-o', out)).code).toBe(0);
      const back = JSON.parse((await run('inspect', out, '--json')).out);
      expect(back.format).toBe(g.expected.format);
      expect(back.ranges).toEqual([expect.objectContaining({ address: want.address, name: range, length: want.length, sha256: want.sha256 })]);
    }
  });

  it('extracts an i915 object and an msm bo (padded past its trimmed payload) by address', async () => {
    const g = generateI915({ variant: 'compressed' });
    const batch = g.expected.ranges.find((x) => x.name === 'rcs0 batch')!;
    const out = join(dir, 'batch.bin');
    expect((await run('extract', write('x-i915.txt', g.bytes), '--address', batch.address, '-o', out)).code).toBe(0);
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(g.rangeBytes.get('rcs0 batch')!))).toBe(true);
    const m = generateMsm();
    const bo = m.expected.ranges.find((x) => x.name === 'bo vertex-buffer')!;
    const out2 = join(dir, 'bo.bin');
    expect((await run('extract', write('x-msm.txt', m.bytes), '--address', bo.address, '-o', out2)).code).toBe(0);
    expect(Buffer.from(readFileSync(out2)).equals(Buffer.from(m.rangeBytes.get('bo vertex-buffer')!))).toBe(true);
  });
});

describe('the devcoredump command', () => {
  beforeAll(() => {
    // The bin builds its bundle if `npm ci` has not.
    spawnSync(process.execPath, [bin, '--help']);
  });

  it('reads standard input, plain and gzip-compressed', () => {
    const g = generateDump({ layout: '6.12', seed: 6 });
    for (const input of [g.bytes, gzipSync(g.bytes)]) {
      const r = spawnSync(process.execPath, [bin, 'inspect', '-', '--json'], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(g.expected);
    }
    const bad = spawnSync(process.execPath, [bin, 'inspect', '-'], { input: 'hello, not a dump\n', encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not an xe devcoredump/);
  });

  it('streams input larger than 2 GiB and reads the ranges past the 2 GiB mark', async () => {
    // 2.25 GiB of text: an unknown section of 36 lines of 64 MiB (kept only in part), then a VM
    // section. Written into a pipe, never to disk, and never whole in memory on either side.
    const g = generateDump({ layout: '6.19', seed: 12 });
    const text = Buffer.from(g.bytes);
    const vmAt = text.indexOf('\n**** VM state ****') + 1;
    const head = text.subarray(0, vmAt);
    const tail = text.subarray(vmAt);
    const line = Buffer.alloc(64 << 20, 0x78);
    line[line.length - 1] = 0x0a;
    const child = spawn(process.execPath, [bin, 'inspect', '-', '--json'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    const writeAll = async (b: Uint8Array) => {
      if (!child.stdin.write(b)) await new Promise((r) => child.stdin.once('drain', r));
    };
    await writeAll(head);
    await writeAll(Buffer.from('**** Padding ****\n'));
    let sent = head.length;
    for (let i = 0; i < 36; i++) {
      await writeAll(Buffer.concat([Buffer.from('Pad: '), line]));
      sent += line.length + 5;
    }
    expect(sent).toBeGreaterThan(2 ** 31 + 2 ** 28);
    await writeAll(Buffer.from('\n'));
    await writeAll(tail);
    child.stdin.end();
    expect(await done).toBe(0);
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    expect(json.ranges).toEqual(g.expected.ranges);
    expect(json.diagnostics.filter((d: { message: string }) => !/line longer than/.test(d.message))).toEqual([]);
    expect(json.sections.at(-1).line).toBe(g.expected.sections.at(-1)!.line + 36 + 2);
  }, 120_000);
});

describe('devcoredump snapshot', () => {
  it.each(['6.19', 'rfc'] as const)('writes a smaller dump (%s) that inspect and extract read back to the same bytes', async (layout) => {
    const g = generateDump({ layout, seed: 8 });
    const file = write(`s-${layout}.txt`, g.bytes);
    const [whole, wholeBytes] = [...g.rangeBytes].find(([, b]) => b.length >= 4096)!;
    const [other, otherBytes] = [...g.rangeBytes].find(([a, b]) => a !== whole && b.length >= 0x200)!;
    const part = '0x' + (BigInt(other) + 0x100n).toString(16);
    const out = join(dir, `snap-${layout}.txt`);
    const r = await run('snapshot', file, '--range', `${whole},${part}:0x80`, '-o', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(readFileSync(out).length).toBeLessThan(g.bytes.length);
    const report = JSON.parse((await run('inspect', out, '--json')).out);
    expect(report.ranges.map((x: { address: string; length: number }) => [BigInt(x.address), x.length]).sort()).toEqual(
      [[BigInt(whole), wholeBytes.length], [BigInt(other) + 0x100n, 0x80]].sort(),
    );
    const a = join(dir, `snap-${layout}-a.bin`);
    expect((await run('extract', out, '--address', whole, '-o', a)).code).toBe(0);
    expect(Buffer.from(readFileSync(a)).equals(Buffer.from(wholeBytes))).toBe(true);
    const b = join(dir, `snap-${layout}-b.bin`);
    expect((await run('extract', out, '--address', part, '-o', b)).code).toBe(0);
    expect(Buffer.from(readFileSync(b)).equals(Buffer.from(otherBytes.subarray(0x100, 0x180)))).toBe(true);
    const orig = JSON.parse((await run('inspect', file, '--json')).out);
    expect(report.kernel).toBe(orig.kernel);
    expect(report.kernel).toBeTruthy();
    expect(report.batchAddresses).toEqual(orig.batchAddresses);
    expect(report.engines).toEqual(orig.engines);
    expect(report.engines.length).toBeGreaterThan(0);
  });

  it('refuses a range that holds no data, and bad arguments', async () => {
    const g = generateDump({ layout: '6.19', seed: 8 });
    const file = write('s-bad.txt', g.bytes);
    expect((await run('snapshot', file, '--range', '0x10', '-o', join(dir, 'n.txt'))).err).toMatch(/no captured range holds 0x10/);
    expect((await run('snapshot', file, '-o', join(dir, 'n.txt'))).err).toMatch(/--range/);
    expect((await run('snapshot', file, '--range', 'zz', '-o', join(dir, 'n.txt'))).err).toMatch(/bad address/);
  });
});

describe('devcoredump with hostile input', () => {
  const HEAD = '**** Xe Device Coredump ****\nkernel: 6.19.0\nReason: GPU hang\n**** VM state ****\n';
  it.each([
    ['400 digits', '9'.repeat(400)],
    ['0xfff…f', '0x' + 'f'.repeat(300)],
  ])('a .length of %s: inspect shows the error on its range, --json a number, extract and snapshot refuse cleanly', async (_n, len) => {
    const f = write(`len-${len.length}.txt`, `${HEAD}[1000].length: ${len}\n[1000].data: zzzz\n[2000].length: 0x8\n[2000].data: zz\n`);
    const text = await run('inspect', f);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/0x0000000000001000.*error length .*out of range/);
    const json = await run('inspect', f, '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(report.ranges[0].length).toBe(0);
    expect(report.ranges[0].error).toMatch(/out of range/);
    const ex = await run('extract', f, '--address', '0x1000', '-o', join(dir, 'x.bin'));
    expect(ex.code).toBe(1);
    expect(ex.err).toMatch(/no (captured range holds|data)/);
    const snap = await run('snapshot', f, '--range', '0x2000', '-o', join(dir, 's.txt'));
    expect(snap.code).toBe(0);
  });

  it('a Process line of 200,000 spaces is answered at once', async () => {
    const f = write('process.txt', `${HEAD}Process: a${' '.repeat(200_000)}b\n`.replace('**** VM state ****\n', ''));
    const t0 = performance.now();
    const r = await run('inspect', f);
    expect(r.code).toBe(0);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a gzip file that expands past the cap is an I/O error with the reason', async () => {
    const { parseFile } = await import('./read.ts');
    const f = write('big.gz', gzipSync(new TextEncoder().encode(HEAD + 'a\n'.repeat(200_000))));
    await expect(parseFile(f, { maxBytes: 100_000 })).rejects.toThrow('this gzip file expands to more than 97.7 KiB: not opened');
  });

  it('the decompressed-size cap is a setting: --max-decompressed SIZE (default 8 GiB)', async () => {
    const f = write('cap.gz', gzipSync(new TextEncoder().encode(HEAD + 'a\n'.repeat(200_000))));
    expect((await run('inspect', f)).code).toBe(0);
    const capped = await run('inspect', f, '--max-decompressed', '100K');
    expect(capped.code).toBe(1);
    expect(capped.err).toBe('devcoredump: this gzip file expands to more than 100 KiB: not opened\n');
    expect((await run('inspect', f, '--max-decompressed=1M')).code).toBe(0);
    const bad = await run('inspect', f, '--max-decompressed', 'lots');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('bad size "lots" for --max-decompressed');
  });
});

describe('ranges of 4 GiB and more', () => {
  it('a range of 4 GiB + 4 KiB (mostly z): its sha256, and extract of its first and last bytes', async () => {
    const length = 2 ** 32 + 4096;
    const file = join(dir, 'huge.txt');
    const fd = openSync(file, 'w');
    const g = generateLargeDump({ targetBytes: 1 << 20, seed: 5, hugeRange: { length, address: 0x100000000000n } }, (c) => { writeSync(fd, c); });
    closeSync(fd);
    try {
      const huge = g.ranges.find((r) => r.length === length)!;
      expect(huge.address).toBe('0x100000000000');
      const r = await run('inspect', file, '--json');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect(json.diagnostics).toEqual([]);
      // `.length: 0x100001000` is read as a number, not wrapped by 32-bit shifts.
      expect(json.ranges.find((x: { address: string }) => x.address === huge.address)).toEqual({
        address: huge.address, length, sha256: huge.sha256, error: null, properties: expect.any(String),
      });
      expect(json.ranges.map((x: { sha256: string }) => x.sha256)).toEqual(g.ranges.map((x) => x.sha256));
      const end = 0x100000000000n + BigInt(length);
      const last = join(dir, 'huge-last.bin');
      expect((await run('extract', file, '--address', '0x' + (end - 4096n).toString(16), '-o', last)).code).toBe(0);
      expect(new Uint8Array(readFileSync(last))).toEqual(g.hugeTail);
      const row = join(dir, 'huge-row.bin');
      expect((await run('extract', file, '--address', '0x' + (end - 16n).toString(16), '--length', '16', '-o', row)).code).toBe(0);
      expect(new Uint8Array(readFileSync(row))).toEqual(g.hugeTail!.subarray(4096 - 16));
      const first = join(dir, 'huge-first.bin');
      expect((await run('extract', file, '--address', '0x100000000000', '--length', '0x100000', '-o', first)).code).toBe(0);
      expect(new Uint8Array(readFileSync(first))).toEqual(new Uint8Array(0x100000));
    } finally {
      rmSync(file, { force: true });
    }
  }, 600_000);
});
