import { describe, expect, it } from 'vitest';
import { binary, decodeF16, formatF32, formatFloat, gpuAddress, inspect } from './convert.ts';

const b = (...xs: number[]) => new Uint8Array(xs);

describe('decodeF16', () => {
  it('decodes normal values', () => {
    expect(decodeF16(0x3c00)).toBe(1);
    expect(decodeF16(0xc000)).toBe(-2);
    expect(decodeF16(0x3555)).toBeCloseTo(0.33325195, 8);
    expect(decodeF16(0x7bff)).toBe(65504); // largest normal
    expect(decodeF16(0x0400)).toBe(2 ** -14); // smallest normal
    expect(decodeF16(0x3800)).toBe(0.5);
    expect(decodeF16(0x4248)).toBe(3.140625);
  });
  it('decodes zeros and subnormals', () => {
    expect(Object.is(decodeF16(0x0000), 0)).toBe(true);
    expect(Object.is(decodeF16(0x8000), -0)).toBe(true);
    expect(decodeF16(0x0001)).toBe(5.960464477539063e-8);
    expect(decodeF16(0x0001)).toBe(2 ** -24);
    expect(decodeF16(0x03ff)).toBe(1023 * 2 ** -24); // largest subnormal
    expect(decodeF16(0x8001)).toBe(-(2 ** -24));
  });
  it('decodes infinities and NaN', () => {
    expect(decodeF16(0x7c00)).toBe(Infinity);
    expect(decodeF16(0xfc00)).toBe(-Infinity);
    expect(decodeF16(0x7e00)).toBeNaN();
    expect(decodeF16(0x7c01)).toBeNaN();
    expect(decodeF16(0xfe00)).toBeNaN();
  });
  it('agrees with a reference for every bit pattern', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const s = bits >> 15, e = (bits >> 10) & 31, f = bits & 1023;
      const ref = e === 31 ? (f ? NaN : s ? -Infinity : Infinity) : (s ? -1 : 1) * (e === 0 ? f / 1024 * 2 ** -14 : (1 + f / 1024) * 2 ** (e - 15));
      expect(Object.is(decodeF16(bits), ref)).toBe(true);
    }
  });
});

describe('float formatting', () => {
  it('shows -0, NaN, Infinity', () => {
    expect(formatFloat(-0)).toBe('-0');
    expect(formatFloat(0)).toBe('0');
    expect(formatFloat(NaN)).toBe('NaN');
    expect(formatFloat(-Infinity)).toBe('-Infinity');
    expect(formatFloat(5.960464477539063e-8)).toBe('5.960464477539063e-8');
  });
  it('shows f32 values with their shortest round-trip decimal', () => {
    const f = (bits: number) => new DataView(new Uint32Array([bits]).buffer).getFloat32(0, true);
    expect(formatF32(f(0x3dcccccd))).toBe('0.1');
    expect(formatF32(f(0x3f800000))).toBe('1');
    expect(formatF32(f(0xc0490fdb))).toBe('-3.1415927');
    expect(formatF32(f(0x00000001))).toBe('1e-45');
    expect(formatF32(f(0x7f7fffff))).toBe('3.4028235e+38');
    expect(formatF32(f(0x80000000))).toBe('-0');
    expect(formatF32(f(0x7fc00000))).toBe('NaN');
  });
});

describe('binary', () => {
  it('groups bits in bytes', () => {
    expect(binary(0x18, 8)).toBe('00011000');
    expect(binary(0x18800101, 32)).toBe('00011000 10000000 00000001 00000001');
    expect(binary(-1, 16)).toBe('11111111 11111111');
  });
});

describe('inspect', () => {
  it('reads integers both ways', () => {
    const r = inspect(b(0x01, 0x01, 0x80, 0x18, 0x00, 0x00, 0x1a, 0x00));
    expect(r.available).toBe(8);
    expect(r.u8).toBe(1);
    expect(r.i8).toBe(1);
    expect(r.u16).toEqual({ le: 0x0101, be: 0x0101 });
    expect(r.u32).toEqual({ le: 0x18800101, be: 0x01018018 });
    expect(r.i32).toEqual({ le: 0x18800101, be: 0x01018018 });
    expect(r.u64).toEqual({ le: 0x001a000018800101n, be: 0x010180180000_1a00n });
  });
  it('reads negative numbers', () => {
    const r = inspect(b(0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
    expect(r.u8).toBe(254);
    expect(r.i8).toBe(-2);
    expect(r.i16).toEqual({ le: -2, be: -257 });
    expect(r.u16).toEqual({ le: 0xfffe, be: 0xfeff });
    expect(r.i32).toEqual({ le: -2, be: -16777217 });
    expect(r.u32.le).toBe(0xfffffffe);
    expect(r.i64).toEqual({ le: -2n, be: -72057594037927937n });
    expect(r.u64.le).toBe(0xfffffffffffffffen);
  });
  it('keeps u64 beyond 2^53 exact', () => {
    const r = inspect(b(0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00)); // 2^53 + 1
    expect(r.u64.le).toBe(9007199254740993n);
    expect(r.u64.le!.toString()).toBe('9007199254740993');
    const m = inspect(b(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
    expect(m.u64.le!.toString()).toBe('18446744073709551615');
    expect(m.i64.le).toBe(-1n);
  });
  it('reads floats both ways', () => {
    const r = inspect(b(0x00, 0x3c, 0x80, 0x3f));
    expect(r.f16).toEqual({ le: 1, be: decodeF16(0x003c) });
    expect(r.f32.le).toBe(1.0018310546875); // 0x3f803c00
    const one = inspect(b(0x3f, 0x80, 0x00, 0x00));
    expect(one.f32.be).toBe(1);
    expect(inspect(b(0x00, 0xc0)).f16.le).toBe(-2);
    expect(inspect(b(0xc0, 0x00)).f16.be).toBe(-2);
    const d = inspect(b(0x18, 0x2d, 0x44, 0x54, 0xfb, 0x21, 0x09, 0x40));
    expect(d.f64.le).toBe(Math.PI);
    expect(inspect(b(0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18)).f64.be).toBe(Math.PI);
    expect(inspect(b(0x00, 0x7e)).f16.le).toBeNaN();
  });
  it('gives null for widths past the available bytes', () => {
    const r = inspect(b(0xaa, 0xbb, 0xcc));
    expect(r.available).toBe(3);
    expect(r.u8).toBe(0xaa);
    expect(r.u16.le).toBe(0xbbaa);
    expect(r.u32).toEqual({ le: null, be: null });
    expect(r.f32).toEqual({ le: null, be: null });
    expect(r.u64).toEqual({ le: null, be: null });
    const e = inspect(new Uint8Array(0));
    expect(e.u8).toBeNull();
    expect(e.i8).toBeNull();
    expect(e.f16.be).toBeNull();
  });
  it('reads only the first 8 bytes', () => {
    const r = inspect(new Uint8Array(32).fill(1));
    expect(r.available).toBe(8);
    expect(r.u64.le).toBe(0x0101010101010101n);
  });
});

describe('gpuAddress', () => {
  it('keeps a plain 48-bit address', () => {
    expect(gpuAddress(0x1a0000n)).toMatchObject({ address: 0x1a0000n, form: 'plain' });
    expect(gpuAddress(0xfffeffe00000n)).toMatchObject({ address: 0xfffeffe00000n, form: 'plain' });
  });
  it('folds canonical addresses', () => {
    const g = gpuAddress(0xffff_8000_0000_1000n);
    expect(g.form).toBe('canonical');
    expect(g.address).toBe(0x8000_0000_1000n);
    expect(g.folded).toBe(0x8000_0000_1000n);
  });
  it('masks to 48 bits as Mesa does', () => {
    const g = gpuAddress(0x0012_0000_001a_0000n);
    expect(g.form).toBe('masked');
    expect(g.address).toBe(0x1a0000n);
    expect(g.masked48).toBe(0x1a0000n);
    // A 57-bit canonical form folds to 57 bits, then the 48-bit mask applies.
    expect(gpuAddress(0xff00_0000_001a_0000n).address).toBe(0x1a0000n);
  });
  it('takes negative bigints as their 64-bit pattern', () => {
    expect(gpuAddress(-1n).raw).toBe(0xffffffffffffffffn);
    expect(gpuAddress(-1n).address).toBe(0xffffffffffffn);
  });
});
