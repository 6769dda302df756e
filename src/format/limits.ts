// Caps on what untrusted input may make the tools do, shared by the worker and the CLI.
import { humanBytes } from './units.ts';

/** Most bytes a compressed dump may expand to (about the text of the largest dump a tab can hold). */
export const MAX_DECOMPRESSED = 8 * 1024 ** 3;
/** Largest zstd window taken (zstd's own default decoder limit, `--long=27`). */
export const ZSTD_MAX_WINDOW = 1 << 27;

/** Units of a size given as text ("8GiB", "512M", "100k": binary multiples, the B optional). */
const SIZE_UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** A byte size given as text (a setting, a command-line flag): bytes, or null when it is not one. */
export function parseByteSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  if (!m) return null;
  const n = Math.round(Number(m[1]) * SIZE_UNITS[m[2].toLowerCase()]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The one message for a compressed file over MAX_DECOMPRESSED (or a smaller cap). */
export function expandsTooMuch(kind: string, max: number): string {
  return `this ${kind} file expands to more than ${humanBytes(max)}: not opened`;
}
