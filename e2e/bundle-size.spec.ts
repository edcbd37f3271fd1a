/** JS shipped (gzip) for the page and the worker, from the production build in dist/. */
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { recordMetric } from './helpers.ts';

test('page + worker JavaScript is at most 400 KB gzip', () => {
  const dir = 'dist/assets';
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  let page = 0;
  let worker = 0;
  const sizes: Record<string, number> = {};
  for (const f of files) {
    const gz = gzipSync(readFileSync(`${dir}/${f}`), { level: 9 }).length;
    sizes[f] = gz;
    if (f.includes('worker')) worker += gz;
    else page += gz;
  }
  recordMetric('jsGzipBytes', { page, worker, total: page + worker, files: sizes });
  expect(worker).toBeGreaterThan(0);
  expect(page + worker).toBeLessThanOrEqual(400 * 1024);
});
