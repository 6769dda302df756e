import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

// This config lives in e2e/; everything else (vite, dist/, test-results/) is relative to the repo root.
const root = fileURLToPath(new URL('..', import.meta.url));

// CHROMIUM_PATH wins; else Debian's /usr/bin/chromium; else Playwright's own download
// (`npx playwright install chromium`), which is what `undefined` selects.
const executablePath =
  process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const port = Number(process.env.E2E_PORT ?? 4173);
// The dev server (`npm run dev`) gets the layouts spec too: the app must work there as built.
const devPort = port + 1006;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: `${root}/test-results`,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  use: {
    browserName: 'chromium',
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'built', use: { baseURL: `http://localhost:${port}` } },
    { name: 'dev-server', testMatch: ['layouts.spec.ts', 'smoke.spec.ts'], use: { baseURL: `http://localhost:${devPort}` } },
  ],
  webServer: [
    {
      command: `node node_modules/vite/bin/vite.js preview --port ${port} --strictPort`,
      cwd: root,
      url: `http://localhost:${port}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node node_modules/vite/bin/vite.js --port ${devPort} --strictPort`,
      cwd: root,
      url: `http://localhost:${devPort}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
