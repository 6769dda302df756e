import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { assemble } from '../../scripts/build-wasm.mjs';

describe('ascii85 WebAssembly module', () => {
  it('is the assembled ascii85.wat (run `node scripts/build-wasm.mjs` after editing it)', async () => {
    const committed = readFileSync(new URL('./ascii85-wasm.ts', import.meta.url), 'utf8');
    expect(await assemble()).toBe(committed);
  });
});
