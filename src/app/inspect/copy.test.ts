import { describe, expect, it } from 'vitest';
import {
  cArrayName,
  chunksOf,
  formatBase64,
  formatBytes,
  formatCArray,
  formatHex,
  formatHexDump,
  selectionFileName,
  targetFileName,
} from './copy.ts';

const seq = (n: number, from = 0) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);

describe('formatHex', () => {
  it('writes space-separated bytes', () => {
    expect(formatHex(new Uint8Array([0x01, 0x01, 0x80, 0x18]))).toBe('01 01 80 18');
    expect(formatHex(new Uint8Array([0]))).toBe('00');
    expect(formatHex(new Uint8Array([]))).toBe('');
    expect(formatHex(seq(256)).split(' ')).toHaveLength(256);
  });
});

describe('formatHexDump', () => {
  it('writes 16 bytes a line with address and ASCII', () => {
    const bytes = new Uint8Array([...'Hello, world!\n\0\x7f'].map((c) => c.charCodeAt(0)).concat([0x41, 0x42]));
    expect(formatHexDump(bytes, 0x1a0040n)).toBe(
      '00000000001a0040  48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 21 0a 00 7f  |Hello, world!...|\n' +
        '00000000001a0050  41 42                                            |AB|\n',
    );
  });
  it('uses the start address as given, not aligned', () => {
    const text = formatHexDump(seq(20), 0xfffeffe00003n);
    const lines = text.split('\n');
    expect(lines[0].startsWith('0000fffeffe00003  00 01')).toBe(true);
    expect(lines[1].startsWith('0000fffeffe00013  10 11 12 13')).toBe(true);
    expect(lines[2]).toBe('');
  });
  it('is empty for no bytes', () => {
    expect(formatHexDump(new Uint8Array(), 0n)).toBe('');
  });
});

describe('formatCArray', () => {
  it('writes little-endian words, 4 a line', () => {
    const bytes = new Uint8Array([0x01, 0x01, 0x80, 0x18, 0x00, 0x00, 0x1a, 0x00, ...seq(24, 0x10)]);
    expect(formatCArray(bytes, 0x1a0000n)).toBe(
      'static const uint32_t data_0x1a0000[] = {\n' +
        '    0x18800101, 0x001a0000, 0x13121110, 0x17161514,\n' +
        '    0x1b1a1918, 0x1f1e1d1c, 0x23222120, 0x27262524\n' +
        '};\n',
    );
  });
  it('pads the last word with zeros and says so', () => {
    expect(formatCArray(new Uint8Array([0xaa, 0xbb, 0xcc, 0xdd, 0x11, 0x22]), 0x1a0040n)).toBe(
      '/* 6 bytes: the last word is padded with 2 zero bytes */\n' +
        'static const uint32_t data_0x1a0040[] = {\n' +
        '    0xddccbbaa, 0x00002211\n' +
        '};\n',
    );
    expect(formatCArray(new Uint8Array([1, 2, 3]), 0n)).toContain('padded with 1 zero byte */');
    expect(formatCArray(new Uint8Array([1, 2, 3]), 0n)).toContain('0x00030201');
  });
  it('names the array after the address', () => {
    expect(cArrayName(0xfffeffe00000n)).toBe('data_0xfffeffe00000');
  });
});

describe('formatBase64', () => {
  it('matches RFC 4648 test vectors', () => {
    const enc = (s: string) => formatBase64(new TextEncoder().encode(s));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('Zg==');
    expect(enc('fo')).toBe('Zm8=');
    expect(enc('foo')).toBe('Zm9v');
    expect(enc('foob')).toBe('Zm9vYg==');
    expect(enc('fooba')).toBe('Zm9vYmE=');
    expect(enc('foobar')).toBe('Zm9vYmFy');
  });
  it('agrees with Buffer on binary data of many lengths', () => {
    for (const n of [1, 2, 3, 255, 256, 257, 6143, 6144, 6145, 100_000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 7919 + (i >> 8)) & 0xff);
      expect(formatBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

describe('formatBytes and names', () => {
  it('dispatches on the format', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    expect(formatBytes('hex', bytes, 0n)).toBe('01 02 03 04');
    expect(formatBytes('base64', bytes, 0n)).toBe('AQIDBA==');
    expect(formatBytes('c', bytes, 0x10n)).toContain('data_0x10[]');
    expect(formatBytes('hexdump', bytes, 0x10n)).toBe('0000000000000010  01 02 03 04' + ' '.repeat(36) + '  |....|\n');
  });
  it('names downloads', () => {
    expect(selectionFileName(0x1a0040n, 64)).toBe('0x1a0040-64.bin');
    expect(targetFileName({ kind: 'range', address: 0x1a0000n })).toBe('range-0x1a0000.bin');
    expect(targetFileName({ kind: 'blob', name: 'HWCTX', index: 0 })).toBe('blob-HWCTX-0.bin');
    expect(targetFileName({ kind: 'blob', name: 'a/b c', index: 3 })).toBe('blob-a_b_c-3.bin');
  });
  it('splits spans into chunks', () => {
    expect(chunksOf(0n, 0n)).toEqual([]);
    expect(chunksOf(0x100n, 0x100n + 2_500_000n)).toEqual([
      { address: 0x100n, length: 1048576 },
      { address: 0x100n + 1048576n, length: 1048576 },
      { address: 0x100n + 2097152n, length: 402848 },
    ]);
    const big = chunksOf(0n, 4n << 30n);
    expect(big).toHaveLength(4096);
    expect(big.every((c) => c.length === 1048576)).toBe(true);
  });
});
