import { describe, expect, it } from 'vitest';
import { formatAddress, groupDigits, hex64, hexAddress, hexPadded, humanBytes } from './text.ts';

describe('numbers as text', () => {
  it('hex numbers: unpadded with 0x, 64-bit for bigints; padded forms', () => {
    expect(hexAddress(0x1a0040n)).toBe('0x1a0040');
    expect(hexAddress(255)).toBe('0xff');
    expect(hexAddress(-1n)).toBe('0xffffffffffffffff');
    expect(hexPadded(0x40n, 8)).toBe('0x00000040');
    expect(hex64(0x1a0000n)).toBe('0x00000000001a0000');
    expect(formatAddress(0x1a0n, 8)).toBe('000001a0');
  });

  it('sizes in binary units, digit groups', () => {
    expect(humanBytes(512)).toBe('512 B');
    expect(humanBytes(4096)).toBe('4 KiB');
    expect(humanBytes(1536 * 1024)).toBe('1.5 MiB');
    expect(humanBytes(4 * 1024 ** 3)).toBe('4 GiB');
    expect(groupDigits(262144)).toBe('262,144');
  });
});
