// Pure helpers for the open UI: progress figures and error wording.
import type { OpenErrorKind, Progress } from '../../protocol/worker-api.ts';

const MB = 1e6;

/** Percent of the file read, 0–100 with one decimal; null when the size is unknown. */
export function percentRead(bytesRead: number, totalBytes: number): number | null {
  if (!(totalBytes > 0)) return null;
  const p = (Math.min(bytesRead, totalBytes) / totalBytes) * 100;
  return Math.floor(p * 10) / 10;
}

/** "1.2 kB", "34.5 MB", "1.20 GB" (decimal units, as file managers show sizes). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < MB) return `${(n / 1000).toFixed(1)} kB`;
  if (n < 1000 * MB) return `${(n / MB).toFixed(1)} MB`;
  return `${(n / (1000 * MB)).toFixed(2)} GB`;
}

/** Throughput in MB/s ("—" until there is something to measure). */
export function formatRate(bytes: number, ms: number): string {
  if (!(ms > 0) || bytes <= 0) return '— MB/s';
  const r = bytes / MB / (ms / 1000);
  return `${r >= 100 ? r.toFixed(0) : r.toFixed(1)} MB/s`;
}

/** "0.4 s", "12.3 s", "2 min 05 s". */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.floor(s - m * 60)).padStart(2, '0')} s`;
}

export interface ProgressText {
  percent: number | null;
  /** "12.0 of 200.0 MB" */
  amount: string;
  rate: string;
  elapsed: string;
}

export function progressText(p: Progress): ProgressText {
  return {
    percent: percentRead(p.bytesRead, p.totalBytes),
    amount: `${formatBytes(p.bytesRead)} of ${formatBytes(p.totalBytes)}`,
    rate: formatRate(p.bytesRead, p.elapsedMs),
    elapsed: formatElapsed(p.elapsedMs),
  };
}

/** The failure kind in words, as the error banner titles it. */
export function errorTitle(kind: OpenErrorKind): string {
  switch (kind) {
    case 'not-a-dump':
      return 'Not a devcoredump';
    case 'read-error':
      return 'Could not read the file';
    case 'cancelled':
      return 'Cancelled';
    case 'internal':
      return 'Internal error';
    case 'bad-link':
      return 'Cannot open this share link';
  }
}

/** The first line of a message, trimmed (the banner shows one line). */
export function oneLine(message: string, max = 300): string {
  const first = message.split(/\r?\n/, 1)[0].trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/** True when a key or paste event happens in a text field (where the page leaves it alone). */
export function isTextField(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const field = el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
  if (!field) return false;
  if (field.tagName === 'INPUT') {
    const type = (field as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'file', 'submit', 'reset', 'range', 'color', 'image'].includes(type);
  }
  return true;
}

/** What to say when several files were dropped or chosen. */
export function manyFilesNotice(count: number, opened: string): string {
  return `${count} files were dropped: only the first one, ${opened}, is opened.`;
}
