// Peak memory of the whole `inspect --json` process on the hostile inputs of issue 15 whose memory
// used to follow the number of lines or claims rather than the text: measured in a child process
// (the CLI's --timing line reports the process's max RSS). The bounds are generous (several times
// what they take now, a fraction of what they took before) so that a loaded machine does not fail
// them, while a per-line or per-claim object coming back would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileInputs } from '../gen/hostile.ts';

const bin = fileURLToPath(new URL('../../scripts/devcoredump.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'devcoredump-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MiB = 2 ** 20;

interface Run {
  status: number | null;
  json: { ranges: unknown[]; diagnostics: { message: string }[]; sections: unknown[] };
  rss: number;
}

function inspect(name: string, bytes: Uint8Array, nodeFlags: string[] = []): Run {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync(process.execPath, [...nodeFlags, bin, 'inspect', file, '--json', '--timing'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /max RSS bytes (\d+)/.exec(r.stderr);
  expect(r.status, r.stderr.slice(0, 400)).toBe(0);
  expect(m).not.toBeNull();
  return { status: r.status, json: JSON.parse(r.stdout), rss: Number(m![1]) };
}

const inputs = hostileInputs();
const input = (name: string) => inputs.find((x) => x.name === name)!.bytes();

describe('memory follows the text on hostile input (whole CLI process)', () => {
  beforeAll(() => {
    // The bin builds its bundle if `npm ci` has not.
    spawnSync(process.execPath, [bin, '--help']);
  });

  it('100,000 small ranges (4 MB): every range, in a bounded peak (was 290 MB before the entry table)', () => {
    const r = inspect('small.txt', input('100,000 small ranges'));
    expect(r.json.ranges).toHaveLength(100_000);
    expect(r.json.diagnostics).toEqual([]);
    // About 200 MB now (130 MB of it the parse, the rest the JSON of 100,000 ranges); 5 GB before.
    expect(r.rss).toBeLessThan(320 * MiB);
  }, 120_000);

  it('4 MB of one-character lines: every line kept, under a 128 MiB heap (it aborted there)', () => {
    const r = inspect('lines.txt', input('4 MB of one-character lines'), ['--max-old-space-size=128']);
    expect(r.json.diagnostics).toEqual([]);
    expect(r.rss).toBeLessThan(250 * MiB);
  }, 120_000);

  it('a 2 KB gzip of a million lines: bounded (168 MB before)', () => {
    const r = inspect('million.txt.gz', input('2 KB .gz of a million lines'));
    expect(r.json.sections).toHaveLength(1);
    expect(r.rss).toBeLessThan(250 * MiB);
  }, 120_000);
});
