// The CLI bundle's stand-in for fflate where src/format/grow-sink.ts imports it (build-cli.mjs
// points that import here). fflate builds its tables as it loads, about 8 ms of every start-up;
// only i915 and msm dumps with compressed objects need its inflater, so the real module (bundled,
// wrapped by esbuild to initialise on first use) is loaded when the first inflater is made.
let real;

export function Unzlib(...args) {
  // A require() that esbuild resolves at build time: the bundled fflate runs its top level here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports, no-undef
  real ??= require('fflate').Unzlib;
  return new real(...args);
}
