// `npm run fuzz [-- --seconds N] [--seed S]`: the parser's property test (scripts/fuzz-cases.ts) for as
// long as allowed (default 120 s), with the rare megabyte-long lines and tens of thousands of tiny
// ranges that `npm test` leaves out. Prints how many cases ran; exits 1 with the smallest failing
// case when a property fails.
import fc from 'fast-check';
import { caseArb, caseBytes, checkCase, chunkSizesArb } from './fuzz-cases.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

const seconds = arg('--seconds', 120);
const seed = arg('--seed', Date.now() % 1_000_000);
let cases = 0;
let refused = 0;
let inputBytes = 0;
let slowest = 0;
const t0 = performance.now();
const result = fc.check(
  fc.property(caseArb(undefined, true), chunkSizesArb, (c, sizes) => {
    const bytes = caseBytes(c);
    const r = checkCase(bytes, sizes);
    cases++;
    inputBytes += bytes.length;
    if (r.refused) refused++;
    slowest = Math.max(slowest, r.ms);
  }),
  { numRuns: Number.MAX_SAFE_INTEGER, seed, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false },
);
const s = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`fuzz: ${cases} cases in ${s} s (seed ${seed}), ${(inputBytes / 1e6).toFixed(1)} MB of input, ${refused} refused as not a dump, slowest parse ${slowest.toFixed(0)} ms`);
if (result.failed) {
  console.log(fc.defaultReportMessage(result));
  process.exit(1);
}
console.log('fuzz: every case passed');
