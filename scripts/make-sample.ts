// Writes the bundled sample dump (public/samples/) that "Try a sample" opens: a 6.19-layout dump
// from the fixture generator. `npx tsx scripts/make-sample.ts`; a unit test checks it is current.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateDump, type GeneratedDump } from '../src/gen/generate.ts';

export const SAMPLE_FILE = fileURLToPath(new URL('../public/samples/xe-6.19-sample.txt', import.meta.url));

export function sampleDump(): GeneratedDump {
  return generateDump({ layout: '6.19', seed: 2026, extraRanges: 2 });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(fileURLToPath(new URL('../public/samples/', import.meta.url)), { recursive: true });
  const g = sampleDump();
  writeFileSync(SAMPLE_FILE, g.bytes);
  console.log(`wrote ${SAMPLE_FILE}: ${g.bytes.length} bytes, ${g.expected.ranges.length} ranges`);
}
