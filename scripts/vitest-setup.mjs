// vitest globalSetup: rebuild the CLI bundle once before any test runs, so the tests that spawn
// `devcoredump` (src/cli/*.test.ts) run the code of this checkout, not a bundle left by an
// earlier `npm ci` or build.
export default async function setup() {
  await import('./build-cli.mjs');
}
