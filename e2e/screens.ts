// The screens a person sees, each reached from a fresh page as a person does: the accessibility
// audit (audit.spec.ts) checks each of them in both themes, and `npm run screenshots`
// (scripts/screenshots.ts) photographs them at laptop and desktop sizes.
import { expect, type Page } from '@playwright/test';
import { showMap } from './helpers.ts';

export interface Screen {
  name: string;
  show: (page: Page) => Promise<void>;
  /**
   * What this screen adds to the open dump (a CSS selector): the audit checks only that part, as
   * the "dump" screen checks the rest of the same page.
   */
  adds?: string;
}

async function openSample(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('main').getByRole('button', { name: 'Try a sample' }).click();
  await expect(page.getByTestId('hex-view').locator('[data-address]').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Dump summary' })).not.toContainText('parsing…');
}

/** The sample open, with `key` pressed in the hex grid. */
async function sampleWithKey(page: Page, key: string): Promise<void> {
  await openSample(page);
  await page.getByTestId('hex-view').focus();
  await page.keyboard.press(key);
}

/** Show a sidebar tab (in a narrow window, in the drawer). */
async function tab(page: Page, name: string): Promise<void> {
  await openSample(page);
  const t = page.getByRole('tab', { name: new RegExp(`^${name}`) });
  if (!(await t.isVisible())) await page.getByTestId('drawer-toggle').click();
  await t.click();
  await expect(t).toHaveAttribute('aria-selected', 'true');
}

/** Open the sample, then a dialog by its key in the hex view. */
async function dialogByKey(page: Page, key: string, name: string): Promise<void> {
  await openSample(page);
  await page.getByTestId('hex-view').focus();
  await page.keyboard.press(key);
  await expect(page.getByRole('dialog', { name })).toBeVisible();
}

export const SCREENS: readonly Screen[] = [
  {
    name: 'welcome',
    show: async (page) => {
      await page.goto('/');
      await expect(page.getByRole('main').getByRole('button', { name: 'Try a sample' })).toBeVisible();
    },
  },
  { name: 'dump', show: openSample },
  {
    // The folds open: the header's details and the address map (folded at first under 1200 px high).
    name: 'dump-unfolded',
    adds: '[aria-label="Dump summary"], #fold-map',
    show: async (page) => {
      await openSample(page);
      await showMap(page);
      await page.getByRole('button', { name: 'Details' }).click();
    },
  },
  { name: 'tab-ranges', show: (page) => tab(page, 'Ranges'), adds: '#pane-sidebar' },
  { name: 'tab-sections', show: (page) => tab(page, 'Sections'), adds: '#pane-sidebar' },
  { name: 'tab-engines', show: (page) => tab(page, 'Engines'), adds: '#pane-sidebar' },
  { name: 'tab-diagnostics', show: (page) => tab(page, 'Diagnostics'), adds: '#pane-sidebar' },
  { name: 'tab-blobs', show: (page) => tab(page, 'Blobs'), adds: '#pane-sidebar' },
  {
    name: 'search',
    adds: '#pane-search, [data-testid="hex-view"]',
    show: async (page) => {
      await sampleWithKey(page, 'Control+f');
      const pane = page.getByRole('region', { name: 'Search memory' });
      await pane.getByLabel('Search mode').selectOption('hex');
      await pane.getByLabel('Search for').fill('01 01 80 18');
      await pane.getByLabel('Search for').press('Enter');
      await expect(page.getByTestId('search-hit').first()).toBeVisible();
    },
  },
  {
    name: 'commands',
    adds: '[data-testid="commands-view"]',
    show: async (page) => {
      await sampleWithKey(page, 'c');
      await expect(page.locator('[data-testid="command-row"][data-acthd="true"]')).toBeVisible();
    },
  },
  { name: 'share', show: (page) => dialogByKey(page, 'Control+Shift+S', 'Share a snapshot') },
  { name: 'shortcuts', show: (page) => dialogByKey(page, '?', 'Keyboard shortcuts') },
];
