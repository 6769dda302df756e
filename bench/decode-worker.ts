// The Chromium side of the decode bench (bench/decode.ts bundles this into a dedicated worker):
// generates the same stream, times one pass of each kind twice (the first warms the JIT) on the
// worker's clock and posts the second's figures.
import { benchStream, runPass, type PassKind } from './decode-pass.ts';

const words = benchStream();
const out: Record<string, { wallMs: number; instructions: number; fields: number }> = {};
for (const kind of ['scan', 'values', 'text'] as PassKind[]) {
  for (let k = 0; k < 2; k++) {
    const t0 = performance.now();
    const r = runPass(kind, words);
    out[kind] = { wallMs: performance.now() - t0, instructions: r.instructions, fields: r.fields };
  }
}
postMessage(out);
