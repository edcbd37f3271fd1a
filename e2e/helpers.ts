/** Shared steps of the browser tests. */
import { expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';

export const SCREENSHOTS = 'test-results/screenshots';

/** Waits until no query runs and the last run's comparison is on screen. */
export async function waitForResult(page: Page): Promise<void> {
  await expect(page.getByTestId('dataset-loading')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('comparison')).toBeVisible();
}

/** Replaces the editor's text (the CodeMirror content element takes keyboard input). */
export async function typeQuery(page: Page, expr: string, opts: { run?: boolean } = {}): Promise<void> {
  const editor = page.getByTestId('query-input');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(expr);
  await page.keyboard.press('Escape');
  if (opts.run !== false) await page.keyboard.press('ControlOrMeta+Enter');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Appends measured numbers to test-results/metrics.json (read by DEVELOPERS.md's how-to). */
export function recordMetric(name: string, value: unknown): void {
  mkdirSync('test-results', { recursive: true });
  const file = 'test-results/metrics.json';
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  all[name] = value;
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
  console.log(`metric ${name}: ${JSON.stringify(value)}`);
}

/** Opens the page fresh (no stored theme/history) and waits for the default query's result. */
export async function openFresh(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await waitForResult(page);
}
