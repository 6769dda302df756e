// `npm run screenshots`: PNGs of every screen of e2e/screens.ts (welcome, an open dump, each
// sidebar tab, the search pane, the share dialog, the shortcuts help) at 1280×720, 1366×768 and
// 1920×1080, in the light and the dark theme, into reports/screenshots/ (not committed). Serves the
// build (`npm run build` first; the npm script does) with `vite preview` on SCREENSHOTS_PORT
// (default 4399), and prints the whole hex rows on screen at each size. SCREENSHOTS_ONLY=name
// takes one screen only (e.g. `commands`, the README's picture of the Commands view).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { SCREENS } from '../e2e/screens.ts';
import { visibleHexRows } from '../e2e/helpers.ts';
import { startPreview, waitForServer } from './preview-server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'reports', 'screenshots');
const port = Number(process.env.SCREENSHOTS_PORT ?? 4399);
const SIZES = [[1280, 720], [1366, 768], [1920, 1080]] as const;
const THEMES = ['light', 'dark'] as const;

mkdirSync(out, { recursive: true });
const server = startPreview(port);
try {
  const base = `http://localhost:${port}`;
  await waitForServer(base);
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  let n = 0;
  for (const [width, height] of SIZES) {
    for (const colorScheme of THEMES) {
      const context = await browser.newContext({ baseURL: base, viewport: { width, height }, colorScheme });
      for (const screen of SCREENS.filter((x) => !process.env.SCREENSHOTS_ONLY || x.name === process.env.SCREENSHOTS_ONLY)) {
        const page = await context.newPage();
        await screen.show(page);
        await page.waitForTimeout(150); // let the last frame paint
        await page.screenshot({ path: join(out, `${screen.name}-${width}x${height}-${colorScheme}.png`) });
        if (screen.name === 'dump' && colorScheme === 'light') {
          const m = await visibleHexRows(page);
          console.log(`${width}×${height}: ${m.rows} whole hex rows, hex view ${Math.round((100 * m.viewHeight) / m.windowHeight)} % of the height`);
        }
        await page.close();
        n++;
      }
      await context.close();
    }
  }
  await browser.close();
  console.log(`${n} screenshots in ${out}`);
} finally {
  server.kill();
}
