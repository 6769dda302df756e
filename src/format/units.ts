// Text for sizes and times, shared by the CLI and the viewer. Pure.

/** Human size: "512 B", "4 KiB", "1.5 MiB", "12.3 MiB", "4 GiB". */
export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${n} B`;
  const s = v >= 100 || Number.isInteger(v) ? String(Math.round(v * 10) / 10) : v.toFixed(v >= 10 ? 1 : 2).replace(/\.?0+$/, '');
  return `${s} ${units[u]}`;
}

/** "<sec>.<nsec>" wall-clock time (the dump's `Snapshot time:`) as an ISO date, or null. */
export function snapshotDate(t: string | null): string | null {
  if (!t) return null;
  const m = /^(\d+)\.(\d{1,9})$/.exec(t.trim());
  if (!m) return null;
  const ms = Number(m[1]) * 1000 + Math.floor(Number(m[2].padEnd(9, '0')) / 1e6);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
