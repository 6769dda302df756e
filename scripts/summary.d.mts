export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
export interface StepRecord {
  name: string;
  status: 'passed' | 'failed' | 'not run';
  seconds?: number;
}
export interface Summary {
  lines: string[];
  total: Counts;
  ok: boolean;
}
export const RUNNERS: Record<'eslint' | 'vitest' | 'playwright', string>;
export function countEslint(report: object): Counts;
export function countVitest(report: object): Counts;
export function countPlaywright(report: object): Counts;
export function formatCounts(c: Counts, alwaysSkipped?: boolean): string;
export function summarize(
  run: { steps: StepRecord[] } | null,
  reports: { eslint?: object | null; vitest?: object | null; playwright?: object | null },
): Summary;
export function summarizeDir(dir: string): Summary;
