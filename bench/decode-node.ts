// One Node process of the decode bench (bench/decode.ts starts it): generates the stream, then times
// one pass of each kind twice (the first warms the JIT) and prints the second's figures as JSON.
// Run alone: npx tsx bench/decode-node.ts
import { benchStream, runPass, type PassKind } from './decode-pass.ts';

const words = benchStream();
const out: Record<string, { wallMs: number; cpuMs: number; instructions: number; fields: number }> = {};
for (const kind of ['scan', 'values', 'text'] as PassKind[]) {
  for (let k = 0; k < 2; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = runPass(kind, words);
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    out[kind] = { wallMs, cpuMs: (c.user + c.system) / 1000, instructions: r.instructions, fields: r.fields };
  }
}
console.log(JSON.stringify(out));
