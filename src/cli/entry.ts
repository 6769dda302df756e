// Process entry of the CLI bundle (scripts/build-cli.mjs bundles this into dist/cli/devcoredump.mjs).
import { main } from './main.ts';

const write = (stream: NodeJS.WriteStream) => (s: string) => { stream.write(s); };
main(process.argv.slice(2), { out: write(process.stdout), err: write(process.stderr) }).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`devcoredump: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
