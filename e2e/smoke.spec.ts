import { test, expect } from '@playwright/test';

test('page loads', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: /PromQL Playground/ })).toBeVisible();
  await page.waitForTimeout(2000);
  await page.screenshot({ path: 'test-results/screenshots/smoke.png', fullPage: true });
});
