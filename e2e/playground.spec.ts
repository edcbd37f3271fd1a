/**
 * The main flows of the playground in a real browser against the production build.
 * Screenshots of each view go to test-results/screenshots/.
 */
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openFresh, recordMetric, screenshot, typeQuery, waitForResult } from './helpers.ts';

test('loads, runs the default query and graphs one series per job', async ({ page }) => {
  await page.goto('/');
  await waitForResult(page);
  const graph = page.getByTestId('graph');
  // The web-service dataset has three jobs: sum by (job) gives three lines.
  await expect(graph).toHaveAttribute('data-series', '3');
  await expect(page.locator('.legend-item')).toHaveCount(3);
  await expect(page.locator('.legend-item').first()).toContainText('job="api"');
  await expect(graph.locator('canvas')).toHaveCount(1);
  const firstResultMs = await page.evaluate(() => performance.getEntriesByName('promql:first-result')[0]?.startTime ?? null);
  expect(firstResultMs).not.toBeNull();
  recordMetric('firstResultMs', Math.round(firstResultMs!));
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const out: Record<string, number> = { domContentLoaded: Math.round(nav.domContentLoadedEventEnd) };
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('promql:')) out[m.name.slice(7)] = Math.round(m.startTime);
    return out;
  });
  recordMetric('startupMarksMs', marks);
  await screenshot(page, '01-default-graph');
});

test('both evaluators report stats and identical results', async ({ page }) => {
  await openFresh(page);
  await expect(page.getByTestId('comparison')).toContainText('Results identical');
  for (const ev of ['naive', 'streaming']) {
    await expect(page.getByTestId(`stats-${ev}-wall`)).toContainText(/\d/);
    await expect(page.getByTestId(`stats-${ev}-peak`)).toContainText(/(B|KiB|MiB)$/);
  }
  await expect(page.getByTestId('memory-chart').locator('canvas')).toHaveCount(1);
  // The per-node breakdown lists the selector, rate() and sum for both evaluators.
  await page.getByTestId('node-table').locator('summary').click();
  await expect(page.getByTestId('node-table').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('node-table')).toContainText('rate(http_requests_total[5m])');
  // The streaming range-vector operator is not timed on its own: its cell says where its time went.
  const selectorRow = page.getByTestId('node-table').locator('tbody tr').nth(2);
  await expect(selectorRow.locator('td').nth(2)).toHaveText('in caller');
  await expect(selectorRow.locator('td').nth(1)).toContainText(/\d/);
  await screenshot(page, '02-stats');
});

test('hovering the graph shows a tooltip and a legend click isolates a series', async ({ page }) => {
  await openFresh(page);
  const over = page.getByTestId('graph').locator('.u-over');
  const box = (await over.boundingBox())!;
  // Sweep vertically at the middle of the range until the tooltip shows (lines can be close together).
  let shown = false;
  for (let y = 5; y < box.height && !shown; y += 6) {
    await page.mouse.move(box.x + box.width / 2, box.y + y);
    shown = await page.locator('.graph-tooltip').isVisible();
  }
  expect(shown).toBe(true);
  await expect(page.locator('.graph-tooltip')).toContainText('value:');
  await screenshot(page, '03-tooltip');
  await page.locator('.legend-item').nth(1).click();
  await expect(page.locator('.legend-item.hidden-series')).toHaveCount(2);
  await page.locator('.legend-item').nth(1).click();
  await expect(page.locator('.legend-item.hidden-series')).toHaveCount(0);
  await page.getByTestId('stacked').check();
  await screenshot(page, '04-stacked');
});

test('autocompletes metric names and label names from the dataset', async ({ page }) => {
  await openFresh(page);
  await typeQuery(page, '', { run: false });
  await page.keyboard.type('http_req', { delay: 20 });
  const options = page.locator('.cm-tooltip-autocomplete li');
  await expect(options.filter({ hasText: 'http_requests_total' })).toHaveCount(1);
  await screenshot(page, '05-autocomplete-metric');
  await options.filter({ hasText: 'http_requests_total' }).click();
  await page.keyboard.type('{sta', { delay: 20 });
  await expect(options.filter({ hasText: /^status/ })).toHaveCount(1);
  // CodeMirror ignores Enter for a short interaction delay after the list changes.
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
  await page.keyboard.type('="', { delay: 20 });
  await expect(options.filter({ hasText: '503' })).toHaveCount(1);
  await screenshot(page, '06-autocomplete-label-value');
  await expect(page.getByTestId('query-input')).toContainText('http_requests_total{status="');
});

test('a bad query shows the error inline at the right place and as a message', async ({ page }) => {
  await openFresh(page);
  const expr = 'sum(rate(http_requests_total[5m])) by (job) +';
  await typeQuery(page, expr);
  const error = page.getByTestId('query-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('parse error');
  // The previous result stays, marked stale.
  await expect(page.getByTestId('result')).toHaveAttribute('data-stale', 'true');
  // The inline diagnostic underlines the end of the input, where the operand is missing.
  const mark = page.locator('.cm-lintRange-error');
  await expect(mark).toHaveCount(1);
  const marked = await mark.textContent();
  expect(expr.endsWith(marked ?? '\u0000')).toBe(true);
  await screenshot(page, '07-parse-error');
  await typeQuery(page, 'rate(http_requests_total[5m]');
  await expect(page.getByTestId('query-error')).toContainText(/unclosed|expected|unexpected/);
  // An evaluation error (many-to-many matching) also keeps the previous result, marked stale.
  await typeQuery(page, 'up + on(job) up');
  await waitForResult(page);
  await expect(page.getByTestId('query-error')).toContainText(/many-to-many|duplicate series/);
  await expect(page.getByTestId('result')).toHaveAttribute('data-stale', 'true');
  await screenshot(page, '07b-eval-error');
});

test('an empty result says so on the graph', async ({ page }) => {
  await openFresh(page);
  await typeQuery(page, 'up{job="nonexistent"}');
  await waitForResult(page);
  await expect(page.getByTestId('graph-empty')).toBeVisible();
});

test('annotations of a query are listed', async ({ page }) => {
  await openFresh(page);
  await typeQuery(page, 'rate(go_goroutines[5m])');
  await waitForResult(page);
  await expect(page.getByTestId('annotations')).toContainText('might not be a counter');
});

test('the table tab runs an instant query with all labels and sorting', async ({ page }) => {
  await openFresh(page);
  await typeQuery(page, 'up', { run: false });
  await page.getByTestId('tab-table').click();
  await waitForResult(page);
  const rows = page.getByTestId('result-table').locator('tbody tr');
  // 3 jobs × 3 instances of `up`.
  await expect(rows).toHaveCount(9);
  await expect(rows.first()).toContainText('instance=');
  await page.getByRole('button', { name: /^Value/ }).click();
  await expect(page.getByRole('columnheader', { name: /Value/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('eval-time')).toBeVisible();
  await screenshot(page, '08-table');
  await typeQuery(page, 'up{job="api"}[2m]');
  await waitForResult(page);
  await expect(page.getByTestId('raw-table').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('raw-table')).toContainText('@');
  await screenshot(page, '09-raw-range-vector');
});

test('switching datasets loads it and shows its description and examples', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('dataset-select').selectOption('node-hosts');
  await waitForResult(page);
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
  await expect(page.locator('.dataset-description')).toContainText(/node|host/i);
  const examples = page.getByTestId('examples').locator('button');
  expect(await examples.count()).toBeGreaterThanOrEqual(5);
  await examples.nth(1).click();
  await waitForResult(page);
  await expect(page.getByTestId('query-error')).toHaveCount(0);
  await screenshot(page, '10-node-hosts');
});

test('reload restores query, tab and dataset from the URL; g0.* links open too', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('dataset-select').selectOption('kubernetes');
  await waitForResult(page);
  await typeQuery(page, 'count by (namespace) (kube_pod_info)', { run: false });
  await page.getByTestId('tab-table').click();
  await waitForResult(page);
  const url = page.url();
  expect(url).toContain('#v1=');
  await page.reload();
  await waitForResult(page);
  await expect(page.getByTestId('query-input')).toHaveText('count by (namespace) (kube_pod_info)');
  await expect(page.getByTestId('tab-table')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('dataset-select')).toHaveValue('kubernetes');
  await expect(page.getByTestId('result-table')).toBeVisible();
  // The history keeps the queries run, newest first.
  const history = page.getByLabel('Query history').locator('option');
  await expect(history.nth(1)).toHaveText('count by (namespace) (kube_pod_info)');
  await page.goto('/?g0.expr=up&g0.tab=1');
  await waitForResult(page);
  await expect(page.getByTestId('query-input')).toHaveText('up');
  await expect(page.getByTestId('result-table').locator('tbody tr')).toHaveCount(9);
});

test('dark mode restyles page, editor and charts; no serious accessibility violations', async ({ page }) => {
  await openFresh(page);
  const light = await new AxeBuilder({ page: page as never }).analyze();
  const badLight = light.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(badLight.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.getByTestId('theme-select').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).not.toBe('rgb(245, 246, 248)');
  await waitForResult(page);
  const dark = await new AxeBuilder({ page: page as never }).analyze();
  const badDark = dark.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(badDark.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await screenshot(page, '11-dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('a dropped data file with an error names the line; the dataset stays', async ({ page }) => {
  await openFresh(page);
  const before = await page.getByTestId('dataset-summary').textContent();
  const text = 'load 1m\n  good_metric{a="1"} 1 2 3\n  bad_metric{a="1" 1 2 3\n';
  await page.evaluate((body) => {
    const dt = new DataTransfer();
    dt.items.add(new File([body], 'broken.txt', { type: 'text/plain' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  const err = page.getByTestId('data-error');
  await expect(err).toBeVisible();
  await expect(err).toContainText('line 3');
  await expect(page.getByTestId('dataset-summary')).toHaveText(before!);
  await screenshot(page, '12-data-error');
  // A good file loads and becomes the dataset.
  await page.getByTestId('data-text').fill('load 1m\n  my_metric{a="1"} 0+1x30\n  my_metric{a="2"} 0+2x30\n');
  await page.getByTestId('data-load').click();
  await waitForResult(page);
  await expect(page.getByTestId('dataset-summary')).toContainText('2 series');
  await expect(page.getByTestId('graph')).toHaveAttribute('data-series', '2');
  await screenshot(page, '13-own-data');
});

test('narrow window stays usable', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openFresh(page);
  await expect(page.getByTestId('graph')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, '14-narrow');
});

test('keyboard: arrow keys switch the result tabs', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('tab-graph').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-table')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('tab-table')).toBeFocused();
  await waitForResult(page);
  await expect(page.getByTestId('result-table')).toBeVisible();
});

test('a memory limit stops the naive evaluator while the streaming one answers', async ({ page }) => {
  await openFresh(page);
  // The default query holds ~13 MiB in the naive evaluator and ~150 KiB streaming.
  await page.getByTestId('memory-limit').selectOption({ label: '1.00 MiB' });
  await waitForResult(page);
  await expect(page.getByTestId('naive-failed-notice')).toContainText('limit');
  await expect(page.getByTestId('stats-naive-status')).toContainText('limit');
  await expect(page.getByTestId('graph')).toHaveAttribute('data-series', '3');
  await expect(page.getByTestId('comparison')).toContainText('Not compared');
  expect(page.url()).toContain('#v1=');
  await screenshot(page, '18-memory-limit');
});

test('auto theme follows the system colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openFresh(page);
  await expect(page.getByTestId('theme-select')).toHaveValue('auto');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
