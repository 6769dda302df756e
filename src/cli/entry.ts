// Process entry of the CLI bundle (scripts/build-cli.mjs bundles this into dist/cli/devcoredump.mjs).
import { prestartHashPool } from './hash-pool.ts';

// inspect hashes every payload on a worker thread: it starts first, and boots on the other core
// while this one loads the rest of the CLI (a chunk of its own: scripts/build-cli.mjs).
if (process.argv.slice(2).find((a) => !a.startsWith('-')) === 'inspect') prestartHashPool();
const { main } = await import('./main.ts');

const write = (stream: NodeJS.WriteStream) => (s: string) => { stream.write(s); };
// Back-pressure for long outputs: wait while stdout's buffer is over its high-water mark.
const drain = () => (process.stdout.writableNeedDrain ? new Promise<void>((r) => process.stdout.once('drain', () => r())) : Promise.resolve());
main(process.argv.slice(2), { out: write(process.stdout), err: write(process.stderr), drain }).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`devcoredump: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
