// Peak memory of `inspect` on a dump of many small payloads, measured in a child process (the
// CLI's own --timing line reports the process's max RSS after parsing and hashing).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../scripts/devcoredump.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'devcoredump-mem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 20,000 ranges of `.length: 0x10000` whose data is one `z` (each cut short: a diagnostic each). */
function manySmallRanges(n: number): string {
  const lines = ['**** Xe Device Coredump ****', 'kernel: 6.12.0', '**** VM state ****', 'VM.uapi_flags: 0x0'];
  for (let i = 0; i < n; i++) {
    const a = (0x100000000 + i * 0x10000).toString(16);
    lines.push(`[${a}].length: 0x10000`, `[${a}].data: z`);
  }
  return lines.join('\n') + '\n';
}

describe('inspect on many small payloads', () => {
  it('hashes 20,000 ranges with a bounded peak RSS (one decode page, a fixed hash ring)', () => {
    const file = join(dir, 'small.txt');
    writeFileSync(file, manySmallRanges(20_000));
    const r = spawnSync(process.execPath, [bin, 'inspect', file, '--json', '--timing'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.ranges).toHaveLength(20_000);
    // Every range is hashed: 4 zero bytes each (the one 'z'), not the 64 KiB its length claims.
    const zeros4 = 'df3f619804a92fdb4057192dc43dd748ea778adc52bc498ce80524c014b81119';
    expect(json.ranges.every((x: { sha256: string }) => x.sha256 === zeros4)).toBe(true);
    expect(json.diagnostics[0].message).toContain('data shorter than .length');
    const m = /max RSS bytes (\d+)/.exec(r.stderr);
    expect(m).not.toBeNull();
    // Before: a 64 KiB page kept per payload, 1.1 GB. Now one page and the 32 MiB ring: ~150 MB.
    expect(Number(m![1])).toBeLessThan(400 * 2 ** 20);
  }, 60_000);
});
