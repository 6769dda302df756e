// Writes the bundled sample dumps (public/samples/) that "Try a sample" and the welcome screen's
// other-format links open: a 6.19-layout xe dump, an i915 error state (compressed objects), an msm
// a6xx devcoredump (trimmed payloads, a fault) and an amdgpu devcoredump, all from the fixture
// generator. `npx tsx scripts/make-sample.ts`; a unit test checks they are current.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateDump, type GeneratedDump } from '../src/gen/generate.ts';
import { generateI915 } from '../src/gen/i915.ts';
import { generateMsm } from '../src/gen/msm.ts';
import { generateAmdgpu } from '../src/gen/amdgpu.ts';

export const SAMPLE_FILE = fileURLToPath(new URL('../public/samples/xe-6.19-sample.txt', import.meta.url));

export function sampleDump(): GeneratedDump {
  return generateDump({ layout: '6.19', seed: 2026, extraRanges: 2 });
}

/** The other formats' samples: file name (as in src/app/store.ts OTHER_SAMPLES) → bytes. */
export function otherSamples(): [string, Uint8Array][] {
  return [
    ['i915-error-sample.txt', generateI915({ variant: 'compressed', seed: 2026, batchBytes: 32768, userObjects: [65536, 8192] }).bytes],
    ['msm-a6xx-sample.txt', generateMsm({ seed: 2026 }).bytes],
    ['amdgpu-sample.txt', generateAmdgpu({ seed: 2026 }).bytes],
  ];
}

export const sampleDir = fileURLToPath(new URL('../public/samples/', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(sampleDir, { recursive: true });
  const g = sampleDump();
  writeFileSync(SAMPLE_FILE, g.bytes);
  console.log(`wrote ${SAMPLE_FILE}: ${g.bytes.length} bytes, ${g.expected.ranges.length} ranges`);
  for (const [name, bytes] of otherSamples()) {
    writeFileSync(sampleDir + name, bytes);
    console.log(`wrote ${sampleDir + name}: ${bytes.length} bytes`);
  }
}
