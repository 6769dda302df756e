// `npm run bench`: prints figures, asserts nothing about speed (a slow machine is not a failure).
//   BENCH_SIZE=bytes  size of the generated dump (default 1 GiB)
import { benchAscii85 } from './ascii85.ts';
import { benchParse } from './parse.ts';
import { benchSearch, benchSearchWorkerPath } from './search.ts';
import { benchShare } from './share.ts';
import { benchDecode, printDecodeBench } from './decode.ts';
import { benchI915 } from './i915.ts';

const MiB = 2 ** 20;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const size = Number(process.env.BENCH_SIZE ?? 2 ** 30);

console.log('== ascii85 decoder alone (Node ' + process.version + ') ==');
for (const wasm of [true, false]) {
  const a = benchAscii85(wasm);
  console.log(`${wasm ? 'WebAssembly' : 'JavaScript'} path, ${a.textMB.toFixed(0)} MB of ascii85 (50% zero dwords):`);
  console.log(`  into a fresh buffer:  median ${median(a.fresh).toFixed(0)} MB/s  (runs: ${a.fresh.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  into a reused buffer: median ${median(a.reused).toFixed(0)} MB/s  (runs: ${a.reused.map((x) => x.toFixed(0)).join(', ')})`);
}

console.log(`\n== parse through the CLI (devcoredump inspect --json), ${(size / MiB).toFixed(0)} MiB dump ==`);
const p = benchParse(size);
console.log(`file ${p.file}: ${(p.textBytes / MiB).toFixed(0)} MiB text, ${(p.decodedBytes / MiB).toFixed(0)} MiB decoded; read once to warm the page cache in ${(p.warmMs / 1000).toFixed(1)} s`);
for (const r of p.runs) console.log(`  parse ${r.ms} ms = ${r.mbps} MB/s of input, peak RSS ${(r.maxRssBytes / MiB).toFixed(0)} MiB`);
const best = Math.max(...p.runs.map((r) => r.mbps));
const rss = median(p.runs.map((r) => r.maxRssBytes));
console.log(`parse throughput: median ${median(p.runs.map((r) => r.mbps))} MB/s, best ${best} MB/s (target >= 500)`);
console.log(`peak RSS: ${(rss / MiB).toFixed(0)} MiB = decoded + ${((rss - p.decodedBytes) / MiB).toFixed(0)} MiB (target <= decoded + 150 MiB)`);

console.log('\n== search of decoded memory (src/format/search.ts), 1 GiB in 16 ranges of 64 MiB ==');
const q = benchSearch();
console.log(`searchRanges (one call):       4-byte pattern ${q.fourByteMs.toFixed(0)} ms (${q.matches4} matches); 16-byte pattern ${q.sixteenByteMs.toFixed(0)} ms (${q.matches16} matches) (target <= 1000 ms)`);
const w = await benchSearchWorkerPath();
console.log(`worker code path (searchDump): 4-byte pattern ${w.fourByteMs.toFixed(0)} ms (${w.matches4} matches); 16-byte pattern ${w.sixteenByteMs.toFixed(0)} ms (${w.matches16} matches) (2 MiB steps, yields, batches, context)`);

console.log('\n== share links: 64 KiB of batch-like memory in a link (budget 16,384 characters) ==');
for (const f of benchShare()) {
  console.log(`  ${f.what}: ${f.bytes} bytes -> link of ${f.urlLength} characters (${f.ratio.toFixed(2)} bytes a character), packed in ${f.encodeMs.toFixed(1)} ms`);
}

const i915Size = Number(process.env.BENCH_I915_SIZE ?? 2 ** 30);
console.log(`\n== i915 error state with zlib-compressed objects (inflate + decode), ${(i915Size / MiB).toFixed(0)} MiB of text, side by side with the xe parse of the same bytes ==`);
const z = benchI915(i915Size);
console.log(`${z.objects} objects of 8 MiB: i915 text ${(z.i915Bytes / MiB).toFixed(0)} MiB, xe text of the same ${(z.decodedBytes / MiB).toFixed(0)} MiB decoded: ${(z.xeBytes / MiB).toFixed(0)} MiB`);
for (let i = 0; i < z.i915Runs.length; i++) {
  console.log(`  run ${i + 1}: xe ${z.xeRuns[i].ms} ms (peak RSS ${(z.xeRuns[i].maxRssBytes / MiB).toFixed(0)} MiB), i915 ${z.i915Runs[i].ms} ms (peak RSS ${(z.i915Runs[i].maxRssBytes / MiB).toFixed(0)} MiB)`);
}
const zi = median(z.i915Runs.map((r) => r.ms));
const zx = median(z.xeRuns.map((r) => r.ms));
console.log(`i915: median ${zi} ms = ${(z.i915Bytes / 1e6 / (zi / 1000)).toFixed(0)} MB/s of text, ${(z.decodedBytes / 1e6 / (zi / 1000)).toFixed(0)} MB/s decoded; peak RSS median ${(median(z.i915Runs.map((r) => r.maxRssBytes)) / MiB).toFixed(0)} MiB`);
console.log(`xe:   median ${zx} ms = ${(z.xeBytes / 1e6 / (zx / 1000)).toFixed(0)} MB/s of text, ${(z.decodedBytes / 1e6 / (zx / 1000)).toFixed(0)} MB/s decoded; peak RSS median ${(median(z.xeRuns.map((r) => r.maxRssBytes)) / MiB).toFixed(0)} MiB`);
console.log(`ratio i915 / xe (same decoded bytes): ${(zi / zx).toFixed(2)}x the time`);

console.log('\n== command-stream decode (src/format/gpu), 64 MiB ==');
printDecodeBench(await benchDecode());
