#!/usr/bin/env node
// Bundles the CLI (src/cli/entry.ts and the pure parser it imports) into one ESM file for Node.
// Runs as `prepare`, so `npm ci` leaves a ready `npx devcoredump`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/entry.ts'],
  outfile: 'dist/cli/devcoredump.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
