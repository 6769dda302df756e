import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks.ts';

const text = (v: unknown) => [...jsonChunks(v)].join('');

describe('jsonChunks', () => {
  it('writes exactly JSON.stringify(value, null, 2) for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
      expect(text(v)).toBe(JSON.stringify(v, null, 2));
    }), { numRuns: 500 });
  });

  it('leaves out what JSON.stringify leaves out, and writes null for it in lists', () => {
    const v = { a: undefined, b: [undefined, () => 1, 2], c: { d: [], e: {} }, f: 'x\ny' };
    expect(text(v)).toBe(JSON.stringify(v, null, 2));
  });

  it('writes any iterable as a list, made one element at a time', () => {
    let made = 0;
    function* rows() {
      for (let i = 0; i < 3; i++) {
        made++;
        yield { i, tags: ['a', 'b'] };
      }
    }
    const out = jsonChunks({ rows: rows(), none: (function* () {})() });
    let seen = '';
    for (const piece of out) {
      seen += piece;
      // Never ahead of what has been written: row i is made when its text starts.
      expect(made).toBeLessThanOrEqual((seen.match(/"i":/g)?.length ?? 0) + 1);
    }
    expect(made).toBe(3);
    expect(seen).toBe(JSON.stringify({ rows: [0, 1, 2].map((i) => ({ i, tags: ['a', 'b'] })), none: [] }, null, 2));
  });
});
