import { describe, expect, it } from 'vitest';
import { HEX2, UNKNOWN_CHAR, asciiChar, asciiText, hexByte, rowCount } from './cells.ts';
import { formatAddress, groupDigits, hexAddress, humanBytes } from '../../format/text.ts';

describe('hex formatting', () => {
  it('formats bytes as two lowercase hex digits', () => {
    expect(HEX2.length).toBe(256);
    expect(hexByte(0)).toBe('00');
    expect(hexByte(0xab)).toBe('ab');
    expect(hexByte(0x1ff)).toBe('ff');
  });
  it('formats addresses', () => {
    expect(formatAddress(0x1a0040n)).toBe('00000000001a0040');
    expect(formatAddress(0xfffeffa00000n)).toBe('0000fffeffa00000');
    expect(formatAddress(0x10n, 8)).toBe('00000010');
    expect(hexAddress(0x1a0040n)).toBe('0x1a0040');
    expect(hexAddress(0n)).toBe('0x0');
  });
});

describe('ascii', () => {
  it('shows printable 0x20–0x7e and dots otherwise', () => {
    expect(asciiChar(0x20)).toBe(' ');
    expect(asciiChar(0x41)).toBe('A');
    expect(asciiChar(0x7e)).toBe('~');
    expect(asciiChar(0x7f)).toBe('.');
    expect(asciiChar(0x1f)).toBe('.');
    expect(asciiChar(0xff)).toBe('.');
  });
  it('marks unknown bytes past valid', () => {
    const b = new Uint8Array([0x48, 0x69, 0x00, 0x21, 0x41]);
    expect(asciiText(b, 0, 5)).toBe('Hi.!A');
    expect(asciiText(b, 1, 5, 3)).toBe(`i.${UNKNOWN_CHAR}${UNKNOWN_CHAR}`);
    expect(asciiText(b, 3, 7)).toBe(`!A${UNKNOWN_CHAR}${UNKNOWN_CHAR}`);
  });
});

describe('sizes', () => {
  it('formats human sizes', () => {
    expect(humanBytes(0)).toBe('0 B');
    expect(humanBytes(1000)).toBe('1000 B');
    expect(humanBytes(4096)).toBe('4 KiB');
    expect(humanBytes(1536 * 1024)).toBe('1.5 MiB');
    expect(humanBytes(256 << 20)).toBe('256 MiB');
    expect(humanBytes(4 * 2 ** 30)).toBe('4 GiB');
    expect(humanBytes(65536 + 4096)).toBe('68 KiB');
    expect(humanBytes(1100)).toBe('1.07 KiB');
  });
  it('groups digits and counts rows', () => {
    expect(groupDigits(262144)).toBe('262,144');
    expect(groupDigits(12)).toBe('12');
    expect(rowCount(0)).toBe(0);
    expect(rowCount(16)).toBe(1);
    expect(rowCount(17)).toBe(2);
    expect(rowCount(4 * 2 ** 30)).toBe(268_435_456);
  });
});
