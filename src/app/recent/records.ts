// The record kept beside each dump, and the words shown for it.
import type { RecentDump } from './backend.ts';
import { humanBytes } from '../../format/text.ts';

/** A stored record, checked field by field; null for anything else. */
export function parseRecord(text: string): RecentDump | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const str = (x: unknown) => typeof x === 'string';
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  const strOrNull = (x: unknown) => x === null || str(x);
  if (!str(o.id) || !/^[0-9a-f]{16,128}$/.test(o.id as string)) return null;
  if (!str(o.name) || !num(o.size) || !num(o.openedAt) || !num(o.keptAt)) return null;
  if (!strOrNull(o.compression) || !strOrNull(o.kernel)) return null;
  return {
    id: o.id as string,
    name: o.name as string,
    size: o.size as number,
    compression: o.compression as string | null,
    kernel: o.kernel as string | null,
    openedAt: o.openedAt as number,
    keptAt: o.keptAt as number,
  };
}

/** Newest first (last opened), then by name. */
export function sortRecent(list: readonly RecentDump[]): RecentDump[] {
  return [...list].sort((a, b) => b.openedAt - a.openedAt || a.name.localeCompare(b.name));
}

/** "2026-11-25 14:03" in local time. */
export function formatWhen(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The line under a dump's name: "1.2 MB (gzip) · kernel 6.19.0 · opened 2026-11-25 14:03". */
export function describeRecent(r: RecentDump): string {
  const parts = [r.compression ? `${humanBytes(r.size)} (${r.compression})` : humanBytes(r.size)];
  if (r.kernel) parts.push(`kernel ${r.kernel}`);
  parts.push(`opened ${formatWhen(r.openedAt)}`);
  return parts.join(' · ');
}

/** "3.4 MB used of 1.20 GB" (null figures: nothing to say). */
export function usageText(f: { usage: number; quota: number } | null): string | null {
  if (!f) return null;
  return `${humanBytes(f.usage)} used of ${humanBytes(f.quota)}`;
}

/** Why a dump was not kept, in words. */
export function notKeptText(name: string, e: unknown): string {
  const n = (e as DOMException)?.name;
  if (n === 'QuotaExceededError') return `${name} was not kept: the browser has no room left for it.`;
  const m = (e as Error)?.message ?? String(e);
  return `${name} was not kept: ${m}`;
}
