// Pure conversions for the data inspector: the bytes at the cursor read as integers, floats,
// binary and a GPU address. No DOM, no stores: everything here is unit-tested in Node.
import { foldAddress } from '../../format/addr.ts';

const MASK48 = (1n << 48n) - 1n;

/** Decode an IEEE 754 binary16 value (bits in the low 16 bits of `bits`), by hand. */
export function decodeF16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24; // zero and subnormals: frac / 1024 * 2^-14
  if (exp === 0x1f) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** A float as text: "-0", "NaN", "Infinity", or JS's shortest round-trip form. */
export function formatFloat(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

/** A binary32 value as its shortest decimal that reads back to the same binary32. */
export function formatF32(x: number): string {
  if (!Number.isFinite(x) || x === 0) return formatFloat(x);
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(x);
}

/** Bits of `v` as a `width`-digit binary string, grouped in bytes ("00011000 00000001"). */
export function binary(v: number | bigint, width: 8 | 16 | 32 | 64): string {
  const s = BigInt.asUintN(width, BigInt(v)).toString(2).padStart(width, '0');
  const groups: string[] = [];
  for (let i = 0; i < width; i += 8) groups.push(s.slice(i, i + 8));
  return groups.join(' ');
}


/** One width read both ways; null where the bytes do not reach (shown as "—"). */
export interface Pair<T> {
  le: T | null;
  be: T | null;
}

export interface Inspection {
  /** How many bytes were available (0..8). */
  available: number;
  u8: number | null;
  i8: number | null;
  u16: Pair<number>;
  i16: Pair<number>;
  u32: Pair<number>;
  i32: Pair<number>;
  u64: Pair<bigint>;
  i64: Pair<bigint>;
  f16: Pair<number>;
  f32: Pair<number>;
  f64: Pair<number>;
}

/** Read the first (up to) 8 bytes every way the inspector shows. Reads needing more bytes than given are null. */
export function inspect(bytes: Uint8Array): Inspection {
  const n = Math.min(bytes.length, 8);
  const buf = new Uint8Array(8);
  buf.set(bytes.subarray(0, n));
  const dv = new DataView(buf.buffer);
  const pair = <T>(w: number, f: (le: boolean) => T): Pair<T> => (n >= w ? { le: f(true), be: f(false) } : { le: null, be: null });
  return {
    available: n,
    u8: n >= 1 ? dv.getUint8(0) : null,
    i8: n >= 1 ? dv.getInt8(0) : null,
    u16: pair(2, (le) => dv.getUint16(0, le)),
    i16: pair(2, (le) => dv.getInt16(0, le)),
    u32: pair(4, (le) => dv.getUint32(0, le)),
    i32: pair(4, (le) => dv.getInt32(0, le)),
    u64: pair(8, (le) => dv.getBigUint64(0, le)),
    i64: pair(8, (le) => dv.getBigInt64(0, le)),
    f16: pair(2, (le) => decodeF16(dv.getUint16(0, le))),
    f32: pair(4, (le) => dv.getFloat32(0, le)),
    f64: pair(8, (le) => dv.getFloat64(0, le)),
  };
}

export interface GpuAddress {
  /** The 64-bit value as read. */
  raw: bigint;
  /** Canonical (sign-extended) forms folded to the plain VA (see foldAddress). */
  folded: bigint;
  /** The low 48 bits, as Mesa's decoder reads an address (intel_48b_address). */
  masked48: bigint;
  /** The address to look up and follow: `folded` if the value is canonical or fits 48 bits, else `masked48`. */
  address: bigint;
  /** What happened to the value: 'plain', 'canonical' (folded) or 'masked' (high bits dropped). */
  form: 'plain' | 'canonical' | 'masked';
}

/** Read a 64-bit value as a GPU virtual address, the way the driver and Mesa do. */
export function gpuAddress(raw: bigint): GpuAddress {
  const v = BigInt.asUintN(64, raw);
  const folded = foldAddress(v);
  const masked48 = v & MASK48;
  if (folded === v && v <= MASK48) return { raw: v, folded, masked48, address: v, form: 'plain' };
  if (folded !== v && folded <= MASK48) return { raw: v, folded, masked48, address: folded, form: 'canonical' };
  return { raw: v, folded, masked48, address: masked48, form: 'masked' };
}
