// Times as text, shared by the CLI and the viewer (sizes and hex numbers: text.ts). Pure.

/** "<sec>.<nsec>" wall-clock time (the dump's `Snapshot time:`) as an ISO date, or null. */
export function snapshotDate(t: string | null): string | null {
  if (!t) return null;
  const m = /^(\d+)\.(\d{1,9})$/.exec(t.trim());
  if (!m) return null;
  const ms = Number(m[1]) * 1000 + Math.floor(Number(m[2].padEnd(9, '0')) / 1e6);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

// Byte sizes are formatted in text.ts (the one place); re-exported for the existing users.
export { humanBytes } from './text.ts';
