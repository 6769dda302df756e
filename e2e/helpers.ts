// Shared steps of the end-to-end specs.
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { generateLargeDump } from '../src/gen/generate.ts';

/** Type an address (or +offset) into the Go to address box and press Enter, as a person does. */
export async function typeAddress(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Go to address');
  await box.fill(text);
  await box.press('Enter');
}

/**
 * Type an address and wait until the hex grid has the keyboard: a jump hands it to the grid on the
 * next frame, and keys pressed before that would go to the box.
 */
export async function jumpWithKeyboard(page: Page, text: string): Promise<void> {
  await typeAddress(page, text);
  await expect(page.getByTestId('hex-view')).toBeFocused();
}

/** Jump the view to an address through the view store (as another panel would). */
export async function goToAddress(page: Page, address: bigint): Promise<void> {
  const ok = await page.evaluate((a) => window.__devcoredump!.view.getState().goTo(BigInt(a)), '0x' + address.toString(16));
  expect(ok).toBe(true);
}

/**
 * Load the app with every dump over an on-demand threshold of 0 bytes (src/format/paged.ts) and a
 * 256 KiB page cache, so that the pages a view reads come and go.
 */
export async function gotoOnDemand(page: Page): Promise<void> {
  await page.addInitScript(() => {
    localStorage.setItem('devcoredump.eagerBytes', '0');
    localStorage.setItem('devcoredump.cacheBytes', String(256 << 10));
  });
  await page.goto('/');
}

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

/**
 * Wait until the app's service worker is active and controls the page, and has precached the app
 * (the Welcome screen says "Ready to work offline" then).
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  });
}

/**
 * Take the network away from a page served by `server` (e2e/static-server.ts): the server stops
 * and the browser context goes offline. Then reload (or page.goto another URL of the app, such as
 * a share link): everything must come from the service worker.
 */
export async function goOffline(page: Page, server: { close(): Promise<void> }): Promise<void> {
  await server.close();
  await page.context().setOffline(true);
}

/**
 * A large generated dump on disk (`targetBytes`, seed 1), made once and kept in the temp folder for
 * the specs that open big files. Returns its path. Call from a beforeAll with a long timeout.
 */
export function largeDumpFile(targetBytes: number): string {
  const path = join(tmpdir(), `devcoredump-e2e-${targetBytes}.txt`);
  if (existsSync(path) && statSync(path).size > targetBytes * 0.99) return path;
  const fd = openSync(path, 'w');
  try {
    generateLargeDump({ targetBytes, seed: 1 }, (chunk) => {
      writeSync(fd, chunk);
    });
  } finally {
    closeSync(fd);
  }
  return path;
}

/** The hex rows wholly on screen: inside the hex view's box and the window. */
export function visibleHexRows(page: Page): Promise<{ rows: number; viewHeight: number; windowHeight: number }> {
  return page.evaluate(() => {
    const view = document.querySelector('[data-testid="hex-view"]');
    if (!view) return { rows: 0, viewHeight: 0, windowHeight: innerHeight };
    const v = view.getBoundingClientRect();
    const top = Math.max(v.top, 0);
    const bottom = Math.min(v.bottom, innerHeight);
    const rows = [...view.querySelectorAll('[data-address]')].filter((el) => {
      const b = el.getBoundingClientRect();
      return b.height > 0 && b.top >= top - 0.5 && b.bottom <= bottom + 0.5;
    }).length;
    return { rows, viewHeight: Math.max(0, bottom - top), windowHeight: innerHeight };
  });
}

/** Show the address map (windows under 1200 px high start with it folded): its toggle, as a person does. */
export async function showMap(page: Page): Promise<void> {
  const toggle = page.getByTestId('fold-map');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.getByTestId('address-map')).toBeVisible();
}
