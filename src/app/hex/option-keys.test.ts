import { describe, expect, it } from 'vitest';
import { optionPatch } from './option-keys.ts';
import { DEFAULT_OPTIONS } from './hex-store.ts';

describe('display option keys', () => {
  it('cycle and toggle each option', () => {
    const o = DEFAULT_OPTIONS;
    expect(optionPatch('g', o)).toEqual({ group: 8 });
    expect(optionPatch('g', { ...o, group: 8 })).toEqual({ group: 1 });
    expect(optionPatch('e', o)).toEqual({ littleEndian: false });
    expect(optionPatch('w', o)).toEqual({ bytesPerRow: 32 });
    expect(optionPatch('w', { ...o, bytesPerRow: 32 })).toEqual({ bytesPerRow: 8 });
    expect(optionPatch('a', o)).toEqual({ ascii: false });
    expect(optionPatch('z', o)).toEqual({ dimZeros: false });
    expect(optionPatch('o', o)).toEqual({ offsets: true });
    expect(optionPatch('x', o)).toBeNull();
    expect(optionPatch('G', o)).toBeNull();
  });
});
