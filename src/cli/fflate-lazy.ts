// The CLI bundle's stand-in for fflate where grow-sink.ts imports it (scripts/build-cli.mjs points
// that import here). fflate builds its tables as it loads, about 8 ms of every start-up; only i915
// and msm dumps with compressed objects need its inflater, so the real module (bundled, wrapped to
// initialise on first use) is loaded when the first inflater is made.
import type { Unzlib as RealUnzlib } from 'fflate';

type UnzlibClass = typeof RealUnzlib;
let real: UnzlibClass | undefined;

export const Unzlib = function Unzlib(...args: ConstructorParameters<UnzlibClass>): RealUnzlib {
  // A require() that esbuild resolves at build time: the bundled fflate runs its top level here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  real ??= (require('fflate') as typeof import('fflate')).Unzlib;
  return new real(...args);
} as unknown as UnzlibClass;
