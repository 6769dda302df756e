// Shared steps of the end-to-end specs.
import { expect, type Page } from '@playwright/test';

/** Open dump bytes in the page through the store (base64 across the page boundary). */
export async function openBytes(page: Page, bytes: Uint8Array, name = 'x.txt'): Promise<void> {
  const b64 = Buffer.from(bytes).toString('base64');
  const ok = await page.evaluate(
    ([b64, name]) => {
      const bin = atob(b64);
      const u = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
      return window.__devcoredump!.dump.getState().open({ kind: 'file', file: new Blob([u]), name });
    },
    [b64, name] as const,
  );
  expect(ok).toBe(true);
}
