#!/usr/bin/env node
// `npm test`: the whole local/CI test pipeline, plain Node, no dependencies.
//   a. chromium   make sure a Chromium exists for Playwright
//   b. typecheck  tsc --noEmit (TypeScript 7 native)
//   b2. eslint    typescript-eslint + react-hooks rules (eslint.config.mjs) -> reports/eslint.json
//   c. vitest     unit tests  -> reports/vitest.json
//   d. build      vite build  -> dist/app/
//   e. playwright e2e tests against `vite preview` of dist/app/ -> reports/playwright.json
//   f. summary    scripts/summary.mjs; the last line is always `N passed, N failed[, N skipped]`
// Stops at the first failing step, but always prints the summary. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeDir } from './summary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, 'reports');
const bin = (p) => join(root, 'node_modules', p);

function isExecutable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(cmd, args, env = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) console.error(`could not start ${cmd}: ${r.error.message}`);
  return r.status === 0;
}

const node = (script, args, env) => run(process.execPath, [bin(script), ...args], env);

/** Environment for the Playwright step; CHROMIUM_PATH is set (or removed) by ensureChromium. */
const playwrightEnv = {};

async function ensureChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return found(fromEnv, 'CHROMIUM_PATH');
    console.error(`CHROMIUM_PATH=${fromEnv} is not an executable; looking elsewhere`);
  }
  if (isExecutable('/usr/bin/chromium')) return found('/usr/bin/chromium', 'Debian package');

  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('No Chromium found; running as root, installing the Debian package');
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update'], env) && run('apt-get', ['install', '-y', 'chromium'], env) &&
        isExecutable('/usr/bin/chromium')) {
      return found('/usr/bin/chromium', 'Debian package, just installed');
    }
    console.error('apt-get install chromium failed; trying Playwright\'s download');
  }

  console.log('Trying `npx playwright install chromium`');
  if (node('@playwright/test/cli.js', ['install', 'chromium'])) {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    if (p && existsSync(p)) {
      // Unset CHROMIUM_PATH so e2e/playwright.config.ts falls back to Playwright's own build.
      playwrightEnv.CHROMIUM_PATH = '';
      console.log(`Using Playwright's Chromium: ${p}`);
      return true;
    }
  }

  console.error(`
No usable Chromium for the end-to-end tests. Do one of these, then run \`npm test\` again:
  - Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium   (gives /usr/bin/chromium)
  - any Linux:     npx playwright install --with-deps chromium                (Playwright's own build)
  - or point at an existing Chromium/Chrome: export CHROMIUM_PATH=/path/to/chromium
`);
  return false;
}

function found(path, how) {
  playwrightEnv.CHROMIUM_PATH = path;
  const v = spawnSync(path, ['--version'], { encoding: 'utf8' });
  const version = (v.stdout || '').trim();
  console.log(`Using Chromium ${path} (${how})${version ? `: ${version}` : ''}`);
  return true;
}

const steps = [
  { name: 'chromium', run: ensureChromium },
  { name: 'typecheck', run: () => node('typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit']) },
  {
    name: 'eslint',
    // The report the summary counts; with problems, a second run prints them readably.
    run: () => {
      const ok = node('eslint/bin/eslint.js', ['.', '--format', 'json', '--output-file', join(reports, 'eslint.json')]);
      if (!ok) node('eslint/bin/eslint.js', ['.']);
      return ok;
    },
  },
  {
    name: 'vitest',
    run: () =>
      node('vitest/vitest.mjs', ['run', '--passWithNoTests', '--reporter=default', '--reporter=json',
        `--outputFile.json=${join(reports, 'vitest.json')}`], { NO_COLOR: '1' }),
  },
  { name: 'build', run: () => node('vite/bin/vite.js', ['build']) },
  {
    name: 'playwright',
    run: () =>
      node('@playwright/test/cli.js', ['test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json'),
        ...playwrightEnv,
      }),
  },
];

// Never summarize stale reports from an earlier run.
for (const f of ['run.json', 'eslint.json', 'vitest.json', 'playwright.json']) rmSync(join(reports, f), { force: true });
mkdirSync(reports, { recursive: true });

const record = steps.map((s) => ({ name: s.name, status: 'not run', seconds: 0 }));
const save = () => writeFileSync(join(reports, 'run.json'), JSON.stringify({ steps: record }, null, 2) + '\n');
save();

for (const [i, step] of steps.entries()) {
  console.log(`\n=== ${step.name} ===`);
  const t0 = performance.now();
  let ok;
  try {
    ok = await step.run();
  } catch (e) {
    console.error(e);
    ok = false;
  }
  record[i].seconds = Math.round((performance.now() - t0) / 100) / 10;
  record[i].status = ok ? 'passed' : 'failed';
  save();
  if (!ok) {
    console.error(`\nstep "${step.name}" failed; skipping the remaining steps`);
    break;
  }
}

console.log('\n=== summary ===');
for (const s of record) console.log(`step ${s.name.padEnd(10)} ${s.status.padEnd(7)} ${s.seconds.toFixed(1)} s`);
const { lines, ok } = summarizeDir(reports);
console.log(lines.join('\n'));
process.exit(ok ? 0 : 1);
