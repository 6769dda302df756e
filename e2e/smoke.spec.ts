import { expect, test } from '@playwright/test';

test('the page shows the heading, the title and the welcome screen', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Devcoredump Viewer' })).toBeVisible();
  await expect(page).toHaveTitle('Devcoredump Viewer');
  const welcome = page.getByRole('main');
  await expect(welcome.getByRole('heading', { level: 2, name: 'Look inside an Intel xe GPU crash dump' })).toBeVisible();
  await expect(welcome).toContainText('Nothing leaves your machine');
  await expect(welcome.getByRole('button', { name: 'Try a sample' })).toBeVisible();
  await expect(welcome.getByRole('button', { name: 'Open dump' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Open dump' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Paste' })).toBeVisible();
});
