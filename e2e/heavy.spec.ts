/**
 * The cardinality lab: a long query can be cancelled within a second, and a 10,000-series
 * query leaves the main thread free (the worker does the work). Long tasks are measured.
 */
import { test, expect } from '@playwright/test';
import { openFresh, recordMetric, screenshot, typeQuery, waitForResult } from './helpers.ts';

async function loadLab(page: import('@playwright/test').Page, seriesCount: number): Promise<void> {
  await openFresh(page);
  await page.getByTestId('dataset-select').selectOption('cardinality-lab');
  await waitForResult(page);
  const input = page.getByTestId('series-count');
  await input.fill(String(seriesCount));
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('dataset-summary')).toContainText(/series/);
  await waitForResult(page);
}

test('a 10,000-series query: graph capped at 1,000 series, no long main-thread tasks; a long query is cancelled within a second', async ({ page }) => {
  await loadLab(page, 10_000);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[][] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask' });
  });
  await typeQuery(page, 'rate(lab_requests_total[5m])', { run: false });
  const t0 = Date.now();
  const startedAt = await page.evaluate(() => performance.now());
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('progress')).toBeVisible();
  // While the worker computes, collect long tasks; then see the result drawn.
  await waitForResult(page);
  const queryMs = Date.now() - t0;
  await expect(page.getByText(/Showing the first 1,000 of 10,000 series/)).toBeVisible();
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[][] }).__longTasks);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('promql:response')).map((m) => Math.round(m.startTime)));
  const arrived = await page.evaluate(() => {
    const all = performance.getEntriesByName('promql:result-arrived');
    return all.length ? all[all.length - 1].startTime : Infinity;
  });
  // "While it runs": from Execute until the first result arrives from the worker; after
  // that the main thread receives and draws the result (1,000 of the 10,000 series).
  const whileRunning = longTasks.filter(([at]) => at >= startedAt && at < arrived).map(([, d]) => d);
  const whileRendering = longTasks.filter(([at]) => at >= arrived).map(([, d]) => d);
  recordMetric('tenKSeriesQuery', {
    queryMs,
    runMs: Math.round(arrived - startedAt),
    longTasksWhileRunningMs: whileRunning,
    longTasksWhileRenderingMs: whileRendering,
    responsesAt: marks,
  });
  expect(whileRunning.filter((d) => d > 100)).toEqual([]);
  await screenshot(page, '15-10k-series');

  // A long query shows progress, and Cancel stops it within a second.
  // A subquery at 1s resolution over every series: seconds of work in the engine.
  await typeQuery(page, 'max_over_time(sum by (instance) (rate(lab_requests_total[5m]))[1h:1s])', { run: false });
  await page.getByTestId('tab-table').click();
  await expect(page.getByTestId('progress')).toBeVisible();
  await page.waitForTimeout(500);
  await screenshot(page, '16-running');
  // Measured in the page (click to progress gone), so Playwright's polling does not count.
  const cancelMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid="cancel-button"]')!;
        const t0 = performance.now();
        const check = () => {
          if (!document.querySelector('[data-testid="progress"]')) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        button.click();
        requestAnimationFrame(check);
      }),
  );
  recordMetric('cancelMs', Math.round(cancelMs));
  expect(cancelMs).toBeLessThan(1000);
  await expect(page.getByTestId('query-error')).toContainText('cancelled');
  await screenshot(page, '17-cancelled');
  // The restarted worker has the dataset back: a new query works.
  await typeQuery(page, 'count(lab_requests_total)');
  await waitForResult(page);
  await expect(page.getByTestId('result-table')).toContainText('10000');
});
