// Property test: mutated dumps of every layout never make the parser throw, always give a model
// with diagnostics, read the same in any chunking and gzip-compressed, and hold memory bounded by
// the input (scripts/fuzz-cases.ts has the mutations and the checks; `npm run fuzz` runs many more).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LAYOUTS } from '../gen/generate.ts';
import { caseArb, caseBytes, checkCase, chunkSizesArb, OTHER_BASES } from '../../scripts/fuzz-cases.ts';

/** Cases per base in `npm test`: 5 xe layouts and 3 other formats × 300 = 2,400. */
const RUNS = 300;

describe('fuzzing the parser', () => {
  it.each([...LAYOUTS, ...OTHER_BASES])('%s: mutated dumps read without a throw, the same in any chunking and gzipped, in bounded memory', (layout) => {
    let refused = 0;
    fc.assert(
      fc.property(caseArb([layout]), chunkSizesArb, (c, sizes) => {
        const r = checkCase(caseBytes(c), sizes);
        if (r.refused) refused++;
      }),
      { numRuns: RUNS, seed: 15_000 + [...LAYOUTS, ...OTHER_BASES].indexOf(layout), endOnFailure: true },
    );
    // The header line is never mutated, so (almost) every case is read as a dump.
    expect(refused).toBeLessThan(RUNS / 10);
  }, 120_000);

  it('the checks catch what they look for', () => {
    // A report that changed with the chunking would be caught: the check compares real readings.
    const text = new TextEncoder().encode('**** Xe Device Coredump ****\nkernel: k\n**** VM state ****\n[1000].length: 0x8\n[1000].data: zz\n');
    const r = checkCase(text, [[1], [7, 3]]);
    expect(r.refused).toBe(false);
    expect(r.model!.ranges[0].decodedLength).toBe(8);
    // A case keeps its header line and so reads as a dump.
    const c = fc.sample(caseArb(['6.19']), { numRuns: 20, seed: 1 });
    for (const x of c) expect(new TextDecoder().decode(caseBytes(x).subarray(0, 28))).toBe('**** Xe Device Coredump ****');
  });
});
