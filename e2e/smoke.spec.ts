import { expect, test } from '@playwright/test';

test('placeholder page shows the heading and title', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Devcoredump Viewer' })).toBeVisible();
  await expect(page).toHaveTitle('Devcoredump Viewer');
});
