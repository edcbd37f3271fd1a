/**
 * `npx tsx bench/naive-rate.ts [--runs N] [--evaluator naive|streaming]`
 *
 * The issue-2 benchmark: wall time of the naive evaluator for
 * `sum by (job) (rate(lab_requests_total[5m]))` over 1,000 series × 1 day at a 60 s step,
 * on data scraped every 15 s (the cardinality lab's counter: 5 jobs, integer counters with
 * resets). Prints the median of `runs` runs (default 5) after one warm-up run, plus the
 * query's stats.
 */
import * as engine from '../src/engine/index.ts';
import type { QueryOptions, QueryRequest, QueryResult, SeriesStore } from '../src/engine/index.ts';
import { buildLab } from './bench-data.ts';
import { formatBytes, formatCount, formatMs, median } from './report.ts';

type RunQuery = (s: SeriesStore, r: QueryRequest, o: QueryOptions) => QueryResult;

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (name: string, dflt: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
  };
  const runs = Number(opt('--runs', '5'));
  const evaluator = opt('--evaluator', 'naive') as 'naive' | 'streaming';
  const runQuery = (engine as unknown as Record<string, unknown>).runQuery as RunQuery | undefined;
  if (typeof runQuery !== 'function') {
    console.log('naive-rate: the engine does not export runQuery yet');
    return;
  }
  // One day of steps plus the 5m range before the first step.
  const data = buildLab(1000, 24 * 60 + 10, ['lab_requests_total']);
  const startMs = data.startMs + 5 * 60_000;
  const req: QueryRequest = { expr: 'sum by (job) (rate(lab_requests_total[5m]))', startMs, endMs: startMs + 86_400_000, stepMs: 60_000 };
  console.log(
    `data: ${formatCount(data.storage.seriesCount)} series, ${formatCount(data.storage.sampleCount)} samples (15 s scrape), generated in ${formatMs(data.generateMs)}`,
  );
  const warm = runQuery(data.storage, req, { evaluator });
  if (!warm.ok) {
    console.log(`naive-rate: query failed: ${warm.error.kind}/${warm.error.code}: ${warm.error.message}`);
    process.exitCode = 1;
    return;
  }
  const times: number[] = [];
  let last: QueryResult = warm;
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    last = runQuery(data.storage, req, { evaluator });
    times.push(performance.now() - t0);
  }
  const st = last.ok ? last.stats : warm.stats;
  console.log(`query: ${req.expr}, 1 day at 60 s step (${Math.round((req.endMs - req.startMs) / req.stepMs) + 1} steps), evaluator ${evaluator}`);
  console.log(`runs (ms): ${times.map((t) => t.toFixed(1)).join(', ')}`);
  console.log(`median: ${formatMs(median(times))}`);
  console.log(`samples decoded: ${formatCount(st.samplesDecoded)}, peak samples: ${formatCount(st.peakSamples)}, tracked peak: ${formatBytes(st.peakTrackedBytes)}, series out: ${st.seriesOut}`);
}

main();
