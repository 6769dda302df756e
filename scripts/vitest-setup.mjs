// vitest globalSetup: rebuild the CLI bundle once before any test runs, so the tests that spawn
// `devcoredump` (src/cli/*.test.ts) run the code of this checkout, not a bundle left by an
// earlier `npm ci` or build. The CLI's index cache goes to a temporary folder for the run, not
// the user's ~/.cache (the test workers and the processes they spawn inherit the variable).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function setup() {
  await import('./build-cli.mjs');
  const saved = process.env.XDG_CACHE_HOME;
  const dir = mkdtempSync(join(tmpdir(), 'devcoredump-test-cache-'));
  process.env.XDG_CACHE_HOME = dir;
  return () => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    rmSync(dir, { recursive: true, force: true });
  };
}
