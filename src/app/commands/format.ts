// Text of the Commands view's columns. Pure.
import type { CommandRow } from '../../protocol/commands.ts';

export const hex32 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');

/** The first `max` dwords as hex, then how many more: "11000001 00002244 00000001 …+5". */
export function rawText(dwords: readonly number[], length: number, max: number): string {
  const shown = dwords.slice(0, max).map(hex32).join(' ');
  return length > max ? `${shown} …+${length - Math.min(max, dwords.length)}` : shown;
}

/** Fields on one line, as far as they go: "Register Offset: 0x2244 · Data DWord: 0x1". */
export function summaryText(row: Pick<CommandRow, 'fields' | 'note'>, maxChars = 240): string {
  let out = row.note ? `(${row.note})` : '';
  for (const f of row.fields) {
    const part = `${f.name}: ${f.value}`;
    out = out ? `${out} · ${part}` : part;
    if (out.length >= maxChars) return out.slice(0, maxChars - 1) + '…';
  }
  return out;
}
