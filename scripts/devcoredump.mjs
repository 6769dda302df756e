#!/usr/bin/env node
// The `devcoredump` command (package.json "bin"). Runs the bundle that `npm ci` built
// (scripts/build-cli.mjs, the "prepare" script); builds it first if it is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/devcoredump.mjs', import.meta.url));
if (!existsSync(bundle)) await import('./build-cli.mjs');
await import(bundle);
