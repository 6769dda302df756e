#!/usr/bin/env node
// Bundles the CLI (src/cli/entry.ts and the pure parser it imports) for Node, as ESM: the entry
// dist/cli/devcoredump.mjs and chunks in dist/cli/chunks/ that only some commands load (the
// instruction decoder of `decode`, the dump writer of `snapshot`), so that every start-up parses
// and runs only what its command needs. Runs as `prepare`, so `npm ci` leaves a ready `npx devcoredump`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
// grow-sink.ts's fflate (the i915/msm inflater) is loaded on first use (scripts/fflate-lazy.mjs).
const lazyFflate = {
  name: 'lazy-fflate',
  setup(b) {
    b.onResolve({ filter: /^fflate$/ }, (args) => (/grow-sink\.ts$/.test(args.importer) ? { path: join(root, 'scripts', 'fflate-lazy.mjs') } : undefined));
  },
};
rmSync(join(root, 'dist', 'cli', 'chunks'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { devcoredump: 'src/cli/entry.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [lazyFflate],
});
