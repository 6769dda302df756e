#!/usr/bin/env node
// Reads the reports written by `npm test` (scripts/test.mjs) and prints
//   eslint: N passed, N failed               (files without errors; each lint error is a failure)
//   vitest: N passed, N failed[, N skipped]
//   playwright: N passed, N failed, N skipped
//   N passed, N failed[, N skipped]        <- always the last line
// Inputs (all in reports/): run.json (steps and their status, written by test.mjs),
// eslint.json (eslint --format json), vitest.json (vitest --reporter=json), playwright.json (Playwright json reporter).
// Exit code: 0 only if every step passed, nothing failed and at least one test passed.
//
// Usage: node scripts/summary.mjs [--reports DIR] [--line-only]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Steps whose report holds test counts, and the report file of each. */
export const RUNNERS = { eslint: 'eslint.json', vitest: 'vitest.json', playwright: 'playwright.json' };

/** ESLint JSON report (one entry per file) → counts: a file without errors passes, each error fails. */
export function countEslint(r) {
  const files = Array.isArray(r) ? r : [];
  let passed = 0;
  let failed = 0;
  for (const f of files) {
    const errors = (f.errorCount ?? 0) + (f.fatalErrorCount ?? 0);
    if (errors === 0) passed++;
    else failed += errors;
  }
  return { passed, failed, skipped: 0 };
}

/** Vitest JSON report → counts. A suite that failed to load has no failed tests: count it anyway. */
export function countVitest(r) {
  const passed = r.numPassedTests ?? 0;
  let failed = r.numFailedTests ?? 0;
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (failed === 0 && r.success === false) failed = Math.max(1, r.numFailedTestSuites ?? 0);
  return { passed, failed, skipped };
}

/** Playwright JSON report → counts. Flaky tests passed on retry; global errors (webServer, config) fail. */
export function countPlaywright(r) {
  const s = r.stats ?? {};
  const passed = (s.expected ?? 0) + (s.flaky ?? 0);
  let failed = s.unexpected ?? 0;
  const skipped = s.skipped ?? 0;
  const errors = Array.isArray(r.errors) ? r.errors.length : 0;
  if (failed === 0 && errors > 0) failed = errors;
  return { passed, failed, skipped };
}

const COUNTERS = { eslint: countEslint, vitest: countVitest, playwright: countPlaywright };

export function formatCounts({ passed, failed, skipped }, alwaysSkipped = false) {
  let line = `${passed} passed, ${failed} failed`;
  if (skipped > 0 || alwaysSkipped) line += `, ${skipped} skipped`;
  return line;
}

/**
 * @param run     parsed run.json ({ steps: [{ name, status: 'passed'|'failed'|'not run', seconds }] }) or null
 * @param reports { vitest?: object|null|undefined, playwright?: ... } parsed reports (undefined/null = missing)
 * @returns { lines: string[], total: {passed, failed, skipped}, ok: boolean }
 */
export function summarize(run, reports) {
  const lines = [];
  const total = { passed: 0, failed: 0, skipped: 0 };
  const add = (c) => {
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  };
  const steps = run?.steps ?? null;
  if (!steps) lines.push('note: no reports/run.json; counting whatever reports exist');

  // Non-test steps (chromium, typecheck, build) that failed count as one failure each.
  for (const step of steps ?? []) {
    if (step.name in RUNNERS || step.status !== 'failed') continue;
    lines.push(`${step.name}: step failed (counted as 1 failure)`);
    add({ passed: 0, failed: 1, skipped: 0 });
  }

  for (const name of Object.keys(RUNNERS)) {
    const step = steps?.find((s) => s.name === name);
    const report = reports[name];
    // A runner the run does not have at all (an older run.json) is not mentioned.
    if (steps && step === undefined && report == null) continue;
    const ran = steps ? step !== undefined && step.status !== 'not run' : report != null;
    if (!ran) {
      lines.push(`${name}: not run`);
      continue;
    }
    if (report == null) {
      lines.push(`${name}: 0 passed, 1 failed (step ran but wrote no report)`);
      add({ passed: 0, failed: 1, skipped: 0 });
      continue;
    }
    const c = COUNTERS[name](report);
    let note = '';
    if (step?.status === 'failed' && c.failed === 0) {
      c.failed = 1;
      note = ' (runner exited non-zero)';
    }
    lines.push(`${name}: ${formatCounts(c, name === 'playwright')}${note}`);
    add(c);
  }

  if (total.passed + total.failed === 0) lines.push('no tests ran');
  if (!steps && !Object.values(reports).some((r) => r != null)) total.failed += 1;
  const stepsOk = (steps ?? []).every((s) => s.status === 'passed');
  const ok = stepsOk && total.failed === 0 && total.passed > 0;
  lines.push(formatCounts(total));
  return { lines, total, ok };
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

export function summarizeDir(dir) {
  const reports = {};
  for (const [name, file] of Object.entries(RUNNERS)) reports[name] = readJson(join(dir, file));
  return summarize(readJson(join(dir, 'run.json')), reports);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--reports');
  const dir = i >= 0 ? args[i + 1] : join(fileURLToPath(new URL('..', import.meta.url)), 'reports');
  const { lines, ok } = summarizeDir(dir);
  console.log((args.includes('--line-only') ? lines.slice(-1) : lines).join('\n'));
  process.exit(ok ? 0 : 1);
}
