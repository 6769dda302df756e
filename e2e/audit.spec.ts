// Accessibility audit: axe-core on every screen of e2e/screens.ts, in the light and the dark
// theme. Any serious or critical violation fails (colour contrast included).
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SCREENS } from './screens.ts';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1366, height: 768 } });
    // axe over a whole open dump (thousands of grid cells) takes 10–25 s on a busy machine.
    test.describe.configure({ timeout: 120_000 });
    for (const screen of SCREENS) {
      test(`axe finds no serious or critical violation: ${screen.name}`, async ({ page }) => {
        await screen.show(page);
        // The page is in the theme asked for (its background is dark or light).
        const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        const level = bg.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b) / 3;
        expect(scheme === 'dark' ? level < 60 : level > 200, bg).toBe(true);
        let axe = new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          // Experimental (not in axe's default set): the hex grid's cells are named with their
          // address ("0x1a0001: 0x00") on purpose, which this rule reads as a label mismatch.
          .disableRules(['label-content-name-mismatch']);
        if (screen.adds) for (const sel of screen.adds.split(', ')) axe = axe.include(sel);
        const result = await axe.analyze();
        const bad = result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `  ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('')}`).join('\n')}`);
        expect(bad, bad.join('\n')).toEqual([]);
        // The audit really ran on this screen.
        expect(result.passes.length).toBeGreaterThan(screen.adds ? 5 : 10);
      });
    }
  });
}
