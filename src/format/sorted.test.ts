import fc from 'fast-check';
import { expect, it } from 'vitest';
import { upperBound } from './sorted.ts';

it('upperBound is the count of elements at most v, in any ascending list', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (xs, v) => {
    const a = xs.sort((x, y) => x - y);
    expect(upperBound(a, v)).toBe(a.filter((x) => x <= v).length);
    expect(upperBound(Int32Array.from(a), v)).toBe(a.filter((x) => x <= v).length);
  }));
});
