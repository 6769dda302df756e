// One-key shortcuts for the hex view's display options (pressed outside text fields, without
// Ctrl/Alt/Meta): g group size, e byte order, w bytes per row, a ASCII column, z dim zeros,
// o address/offset labels. The pure mapping; shortcuts/registry.ts declares the keys.
import type { BytesPerRow, DisplayOptions, GroupSize } from './hex-store.ts';

const GROUPS: GroupSize[] = [1, 2, 4, 8];
const WIDTHS: BytesPerRow[] = [8, 16, 32];
const next = <T,>(list: readonly T[], v: T): T => list[(list.indexOf(v) + 1) % list.length];

export const OPTION_KEYS: Record<string, string> = {
  g: 'Group size: 1, 2, 4, 8 bytes',
  e: 'Little- / big-endian words',
  w: 'Bytes per row: 8, 16, 32',
  a: 'ASCII column on / off',
  z: 'Dim zero bytes on / off',
  o: 'Row labels: absolute addresses / offsets',
};

/** The change a key makes to the options, or null when the key is not one of ours. */
export function optionPatch(key: string, o: DisplayOptions): Partial<DisplayOptions> | null {
  switch (key) {
    case 'g': return { group: next(GROUPS, o.group) };
    case 'e': return { littleEndian: !o.littleEndian };
    case 'w': return { bytesPerRow: next(WIDTHS, o.bytesPerRow) };
    case 'a': return { ascii: !o.ascii };
    case 'z': return { dimZeros: !o.dimZeros };
    case 'o': return { offsets: !o.offsets };
    default: return null;
  }
}
