import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SAMPLE_FILE, sampleDump } from './make-sample.ts';

it('the bundled sample is what the generator makes (run `npx tsx scripts/make-sample.ts` to refresh)', () => {
  expect(Buffer.from(readFileSync(SAMPLE_FILE)).equals(Buffer.from(sampleDump().bytes))).toBe(true);
});
