// The one place numbers become text, for the CLI, the worker and the app alike: hex numbers and
// addresses, byte sizes (binary units: KiB, MiB, GiB) and digit groups. Pure.
import { MASK64 } from './addr.ts';

/** "0x1a0040": lowercase, no padding (an address, an offset, a value). Bigints are taken as 64-bit. */
export function hexAddress(v: bigint | number): string {
  return '0x' + (typeof v === 'bigint' ? v & MASK64 : v).toString(16);
}

/** "0x000000000001a0000": lowercase, zero-padded to `digits` hex digits. */
export function hexPadded(v: bigint | number, digits: number): string {
  return '0x' + v.toString(16).padStart(digits, '0');
}

/** `batch_addr` as the kernel prints it: 0x%016llx. */
export function hex64(v: bigint): string {
  return hexPadded(v, 16);
}

/** An address zero-padded to `width` hex digits, lowercase, no prefix (a hex row's label). */
export function formatAddress(a: bigint, width = 16): string {
  return a.toString(16).padStart(width, '0');
}

/** 262144 → "262,144". */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Human size, binary units everywhere: "512 B", "4 KiB", "1.5 MiB", "12.3 MiB", "4 GiB". */
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
