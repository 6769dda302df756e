import { describe, expect, it } from 'vitest';
import { countEslint, countPlaywright, countVitest, summarize, type StepRecord } from './summary.mjs';

const steps = (over: Partial<Record<string, StepRecord['status']>> = {}) => ({
  steps: ['chromium', 'typecheck', 'vitest', 'build', 'playwright'].map((name) => ({
    name,
    status: over[name] ?? ('passed' as const),
  })),
});
const vitest = (p: number, f: number) => ({ numPassedTests: p, numFailedTests: f, success: f === 0 });
const pw = (expected: number, unexpected: number, skipped = 0) => ({
  stats: { expected, unexpected, skipped, flaky: 0 },
  errors: [],
});

describe('summary', () => {
  it('sums both runners and ends with the total line', () => {
    const s = summarize(steps(), { vitest: vitest(3, 0), playwright: pw(1, 0) });
    expect(s.lines).toEqual(['vitest: 3 passed, 0 failed', 'playwright: 1 passed, 0 failed, 0 skipped', '4 passed, 0 failed']);
    expect(s.ok).toBe(true);
  });

  it('adds skipped to the total only when there are some', () => {
    const s = summarize(steps(), { vitest: vitest(2, 0), playwright: pw(1, 0, 2) });
    expect(s.lines.at(-1)).toBe('3 passed, 0 failed, 2 skipped');
  });

  it('counts failures', () => {
    const s = summarize(steps({ vitest: 'failed', build: 'not run', playwright: 'not run' }), { vitest: vitest(2, 1) });
    expect(s.lines.at(-1)).toBe('2 passed, 1 failed');
    expect(s.ok).toBe(false);
  });

  it('counts a missing report of a step that ran as a failure', () => {
    const s = summarize(steps(), { vitest: vitest(2, 0), playwright: null });
    expect(s.total).toEqual({ passed: 2, failed: 1, skipped: 0 });
    expect(s.ok).toBe(false);
  });

  it('counts a failed non-test step and skips runners that did not run', () => {
    const s = summarize(steps({ typecheck: 'failed', vitest: 'not run', build: 'not run', playwright: 'not run' }), {});
    expect(s.lines).toContain('vitest: not run');
    expect(s.lines.at(-1)).toBe('0 passed, 1 failed');
    expect(s.ok).toBe(false);
  });

  it('fails when zero tests ran', () => {
    const s = summarize(steps(), { vitest: vitest(0, 0), playwright: pw(0, 0) });
    expect(s.lines.at(-1)).toBe('0 passed, 0 failed');
    expect(s.ok).toBe(false);
  });

  it('fails without run.json or any report', () => {
    expect(summarize(null, {}).ok).toBe(false);
  });

  it('treats a suite that failed to load and Playwright global errors as failures', () => {
    expect(countVitest({ numPassedTests: 0, numFailedTests: 0, numFailedTestSuites: 1, success: false }).failed).toBe(1);
    expect(countPlaywright({ stats: { expected: 0, unexpected: 0 }, errors: [{ message: 'webServer' }] }).failed).toBe(1);
  });

  it('counts a runner that exited non-zero with no failed test as a failure', () => {
    const s = summarize(steps({ playwright: 'failed' }), { vitest: vitest(1, 0), playwright: pw(1, 0) });
    expect(s.total.failed).toBe(1);
  });

  it('counts lint: clean files pass, each error fails', () => {
    const report = [
      { filePath: 'a.ts', errorCount: 0, warningCount: 1, fatalErrorCount: 0 },
      { filePath: 'b.ts', errorCount: 2, warningCount: 0, fatalErrorCount: 0 },
      { filePath: 'c.ts', errorCount: 0, warningCount: 0, fatalErrorCount: 1 },
    ];
    expect(countEslint(report)).toEqual({ passed: 1, failed: 3, skipped: 0 });
    const run = { steps: [{ name: 'eslint', status: 'failed' as const }, ...steps().steps] };
    const s = summarize(run, { eslint: report, vitest: vitest(2, 0), playwright: pw(1, 0) });
    expect(s.lines[0]).toBe('eslint: 1 passed, 3 failed');
    expect(s.lines.at(-1)).toBe('4 passed, 3 failed');
    expect(s.ok).toBe(false);
  });
});
