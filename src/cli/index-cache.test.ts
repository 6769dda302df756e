// The persisted index: a second run on an unchanged file takes every payload decoded on demand from
// the cache and gives the same model and bytes; a changed file is scanned again; a damaged cache
// file is ignored with a note.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDump } from '../gen/generate.ts';
import { toInspectJson } from '../format/report.ts';
import { main, newSha256, sha256 } from './main.ts';
import { parseFile } from './read.ts';
import { cacheDir, decodeIndex, encodeIndex } from './index-cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'devcoredump-idx-'));
const saved = { xdg: process.env.XDG_CACHE_HOME, eager: process.env.DEVCOREDUMP_EAGER_BYTES };
afterAll(() => {
  process.env.XDG_CACHE_HOME = saved.xdg;
  process.env.DEVCOREDUMP_EAGER_BYTES = saved.eager;
  if (saved.xdg === undefined) delete process.env.XDG_CACHE_HOME;
  if (saved.eager === undefined) delete process.env.DEVCOREDUMP_EAGER_BYTES;
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
beforeEach(() => {
  // A fresh cache directory per test; every payload decoded on demand (as a large dump's are).
  process.env.XDG_CACHE_HOME = join(dir, `cache-${++n}`);
  process.env.DEVCOREDUMP_EAGER_BYTES = '0';
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

/** The whole model as inspect reports it (every payload read back through its byte store and hashed). */
async function report(file: string, indexCache: boolean): Promise<{ json: unknown; index?: { payloads: number; cached: number } }> {
  const d = await parseFile(file, { eagerBytes: 0, smallBytes: 0, indexCache }); // as the CLI with DEVCOREDUMP_EAGER_BYTES=0
  try {
    return { json: toInspectJson(d.model, sha256, newSha256), index: d.index };
  } finally {
    d.close();
  }
}

const cacheFiles = () => readdirSync(cacheDir()).filter((f) => f.endsWith('.idx')).map((f) => join(cacheDir(), f));

describe('index cache', () => {
  it.each([
    ['one line per payload', {}],
    ['payloads split over lines (800 characters each)', { splitBlobs: true }],
  ])('a second run takes every payload from the cache and gives the same model (%s)', async (_, opts) => {
    const g = generateDump({ layout: '6.19', seed: 11, bigRange: 1 << 20, ...opts });
    const file = join(dir, `d-${n}.txt`);
    writeFileSync(file, g.bytes);
    const plain = await report(file, false);
    const first = await report(file, true);
    expect(first.index!.cached).toBe(0);
    expect(first.index!.payloads).toBeGreaterThan(3);
    expect(cacheFiles()).toHaveLength(1);
    const second = await report(file, true);
    expect(second.index).toEqual({ payloads: first.index!.payloads, cached: first.index!.payloads });
    expect(second.json).toEqual(plain.json);
    expect(first.json).toEqual(plain.json);
    // The CLI says so with --timing, and extract gives the generator's bytes.
    const out = join(dir, `x-${n}.bin`);
    const r = await run('extract', file, '--address', '0x400000000', '--length', String(1 << 20), '-o', out, '--timing');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`index cache: ${first.index!.payloads} of ${first.index!.payloads} payloads read from the cache`);
    expect(readFileSync(out)).toEqual(Buffer.from(g.rangeBytes.get('0x400000000')!.subarray(0, 1 << 20)));
  }, 60_000);

  it('is not used after the file changed, nor with --no-cache', async () => {
    const g = generateDump({ layout: '6.19', seed: 12, bigRange: 1 << 20 });
    const file = join(dir, 'changed.txt');
    writeFileSync(file, g.bytes);
    const out = join(dir, 'changed.bin');
    expect((await run('extract', file, '--address', '0x400000000', '--length', '64', '-o', out)).code).toBe(0);
    expect(cacheFiles()).toHaveLength(1);
    const cached = await run('extract', file, '--address', '0x400000000', '--length', '64', '-o', out, '--timing');
    expect(cached.err).toMatch(/index cache: (\d+) of \1 payloads read from the cache/);
    const none = await run('extract', file, '--address', '0x400000000', '--length', '64', '-o', out, '--timing', '--no-cache');
    expect(none.err).not.toContain('index cache');
    // The first group of the big range's data becomes another value: same size, new content.
    const text = Buffer.from(g.bytes);
    const at = text.indexOf('[400000000].data: ') + '[400000000].data: '.length;
    const first = text.subarray(at, at + 5).toString('latin1');
    const other = first === '!!!!!' ? '!!!!"' : '!!!!!';
    text.write(other, at, 'latin1');
    writeFileSync(file, text);
    const again = await run('extract', file, '--address', '0x400000000', '--length', '4', '-o', out, '--timing');
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/index cache: 0 of \d+ payloads read from the cache/);
    expect([...readFileSync(out)]).toEqual(other === '!!!!!' ? [0, 0, 0, 0] : [1, 0, 0, 0]);
    // …and the rewritten cache serves the changed file.
    const after = await run('extract', file, '--address', '0x400000000', '--length', '4', '-o', out, '--timing');
    expect(after.err).toMatch(/index cache: (\d+) of \1 payloads read from the cache/);
  }, 60_000);

  it.each([
    ['one byte flipped', (b: Buffer) => { b[b.length >> 1] ^= 0x55; return b; }],
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 100)],
    ['not an index at all', () => Buffer.from('hello\n')],
    ['a valid file whose records lie', () => {
      // Well-formed and checksummed, but its payload offsets point at the wrong bytes.
      const { key, records } = decodeIndex(readFileSync(cacheFiles()[0]));
      return Buffer.from(encodeIndex(key as object, records.map((r) => ({ ...r, start: r.start + 1 }))));
    }],
  ])('a damaged cache file (%s) is ignored with a note, and the file is scanned', async (_, damage) => {
    const g = generateDump({ layout: '6.19', seed: 13, bigRange: 1 << 20 });
    const file = join(dir, `damaged-${n}.txt`);
    writeFileSync(file, g.bytes);
    const out = join(dir, `damaged-${n}.bin`);
    expect((await run('extract', file, '--address', '0x400000000', '-o', out)).code).toBe(0);
    const [idx] = cacheFiles();
    writeFileSync(idx, damage(readFileSync(idx)));
    const r = await run('extract', file, '--address', '0x400000000', '-o', out, '--timing');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`devcoredump: ignoring the index cache ${idx}:`);
    expect(r.err).toMatch(/index cache: 0 of \d+ payloads read from the cache/);
    expect(readFileSync(out)).toEqual(Buffer.from(g.rangeBytes.get('0x400000000')!));
    // The scan wrote a good cache again.
    const next = await run('extract', file, '--address', '0x400000000', '-o', out, '--timing');
    expect(next.err).not.toContain('ignoring');
    expect(next.err).toMatch(/index cache: (\d+) of \1 payloads read from the cache/);
  }, 60_000);
});
