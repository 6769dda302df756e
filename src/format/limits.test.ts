import { describe, expect, it } from 'vitest';
import { parseByteSize } from './limits.ts';

describe('byte sizes given as text (the decompressed-size setting)', () => {
  it('reads bytes and binary multiples, with or without B / iB', () => {
    expect(parseByteSize('1048576')).toBe(1 << 20);
    expect(parseByteSize('8GiB')).toBe(8 * 1024 ** 3);
    expect(parseByteSize('8G')).toBe(8 * 1024 ** 3);
    expect(parseByteSize('512 MB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('100k')).toBe(102_400);
    expect(parseByteSize('1.5m')).toBe(1.5 * 1024 ** 2);
    expect(parseByteSize('2T')).toBe(2 * 1024 ** 4);
  });

  it('refuses what is not a size', () => {
    for (const t of ['', 'lots', '-1', '0', '1e9', '8 GiB extra', '9'.repeat(30)]) expect(parseByteSize(t)).toBeNull();
  });
});
