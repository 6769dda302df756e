// One-key shortcuts for the hex view's display options (pressed outside text fields, without
// Ctrl/Alt/Meta): g group size, e byte order, w bytes per row, a ASCII column, z dim zeros,
// o address/offset labels. Pure mapping plus the hook that installs it.
import { useEffect } from 'react';
import { isTextField } from '../open/format.ts';
import { useHexStore, type BytesPerRow, type DisplayOptions, type GroupSize } from './hex-store.ts';

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

export function useDisplayOptionKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || isTextField(e.target)) return;
      const patch = optionPatch(e.key, useHexStore.getState().options);
      if (!patch) return;
      e.preventDefault();
      useHexStore.getState().setOptions(patch);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
