// Caps on what untrusted input may make the tools do, shared by the worker and the CLI.
import { humanBytes } from './units.ts';

/** Most bytes a compressed dump may expand to (about the text of the largest dump a tab can hold). */
export const MAX_DECOMPRESSED = 8 * 1024 ** 3;
/** Largest zstd window taken (zstd's own default decoder limit, `--long=27`). */
export const ZSTD_MAX_WINDOW = 1 << 27;

/** The one message for a compressed file over MAX_DECOMPRESSED (or a smaller cap). */
export function expandsTooMuch(kind: string, max: number): string {
  return `this ${kind} file expands to more than ${humanBytes(max)}: not opened`;
}
