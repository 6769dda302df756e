// GPU virtual addresses: canonical (sign-extended) forms fold to the plain VA, ranges are found by
// containment. Pure bigint arithmetic.
import type { MemoryRange } from './model.ts';

const MASK48 = (1n << 48n) - 1n;
const MASK57 = (1n << 57n) - 1n;
/** The one 64-bit mask. */
export const MASK64 = (1n << 64n) - 1n;

/**
 * Fold a canonical sign-extended address to its plain VA: an address whose bits above bit 47 (or
 * above bit 56, for 57-bit VAs) are all ones keeps only the low 48 (57) bits. Others are unchanged.
 */
export function foldAddress(a: bigint): bigint {
  const v = a & MASK64;
  if (v >> 47n === (1n << 17n) - 1n) return v & MASK48;
  if (v >> 56n === (1n << 8n) - 1n) return v & MASK57;
  return v;
}

/** Parse "0x1a0000", "1a0000", "0xffff_8000_0000_0000" or a decimal with a "#" prefix. Null if not an address. */
export function parseAddress(text: string): bigint | null {
  const t = text.trim().replace(/_/g, '');
  if (/^#\d+$/.test(t)) return BigInt(t.slice(1));
  const m = /^(?:0x)?([0-9a-fA-F]{1,16})$/.exec(t);
  return m ? BigInt('0x' + m[1]) : null;
}

export function rangeEnd(r: Pick<MemoryRange, 'address' | 'length'>): bigint {
  return foldAddress(r.address) + BigInt(r.length);
}

/** The range holding `address` (both sides folded), or undefined. */
export function findRangeAt<R extends Pick<MemoryRange, 'address' | 'length'>>(ranges: readonly R[], address: bigint): R | undefined {
  const a = foldAddress(address);
  for (const r of ranges) {
    const s = foldAddress(r.address);
    if (a >= s && a < s + BigInt(r.length)) return r;
  }
  return undefined;
}
