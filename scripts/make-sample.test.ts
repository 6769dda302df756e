import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SAMPLE_FILE, otherSamples, sampleDir, sampleDump } from './make-sample.ts';
import { OTHER_SAMPLES } from '../src/app/store.ts';

it('the bundled sample is what the generator makes (run `npx tsx scripts/make-sample.ts` to refresh)', () => {
  expect(Buffer.from(readFileSync(SAMPLE_FILE)).equals(Buffer.from(sampleDump().bytes))).toBe(true);
});

it('the other formats\' samples are what the generator makes, one for each welcome-screen link', () => {
  const made = otherSamples();
  expect(made.map(([n]) => n)).toEqual(OTHER_SAMPLES.map((s) => s.file));
  for (const [name, bytes] of made) expect(Buffer.from(readFileSync(sampleDir + name)).equals(Buffer.from(bytes)), name).toBe(true);
});
