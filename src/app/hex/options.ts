// The hex view's display options: their type, defaults, and how stored or linked options are read
// (anything unknown falls back to the default). Pure.

export type GroupSize = 1 | 2 | 4 | 8;
export type BytesPerRow = 8 | 16 | 32;

export interface DisplayOptions {
  /** Bytes per group: 1, 2, 4 (default) or 8. */
  group: GroupSize;
  /** Grouped words read little-endian (default) or big-endian. */
  littleEndian: boolean;
  bytesPerRow: BytesPerRow;
  ascii: boolean;
  dimZeros: boolean;
  /** Row labels as offsets in the range instead of absolute GPU addresses. */
  offsets: boolean;
}

export const DEFAULT_OPTIONS: DisplayOptions = { group: 4, littleEndian: true, bytesPerRow: 16, ascii: true, dimZeros: true, offsets: false };

/** Options from untrusted data (storage, a share link): each field checked, defaults for the rest. */
export function normalizeOptions(v: unknown): DisplayOptions {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Partial<DisplayOptions>;
  return {
    group: [1, 2, 4, 8].includes(o.group as number) ? (o.group as GroupSize) : DEFAULT_OPTIONS.group,
    littleEndian: typeof o.littleEndian === 'boolean' ? o.littleEndian : DEFAULT_OPTIONS.littleEndian,
    bytesPerRow: [8, 16, 32].includes(o.bytesPerRow as number) ? (o.bytesPerRow as BytesPerRow) : DEFAULT_OPTIONS.bytesPerRow,
    ascii: typeof o.ascii === 'boolean' ? o.ascii : DEFAULT_OPTIONS.ascii,
    dimZeros: typeof o.dimZeros === 'boolean' ? o.dimZeros : DEFAULT_OPTIONS.dimZeros,
    offsets: typeof o.offsets === 'boolean' ? o.offsets : DEFAULT_OPTIONS.offsets,
  };
}
