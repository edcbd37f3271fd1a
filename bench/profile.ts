/**
 * One bench shape run repeatedly in this process, for profiling (not a benchmark: no
 * fresh process, no ratios). Prints the median and minimum wall time.
 *
 *   node --import tsx bench/profile.ts SHAPE naive|streaming [runs=20] [steps=100] [series=1000]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts sum_rate streaming 60
 *
 * `GC=1` (with `--expose-gc`) forces a full GC before each run, as the bench's "after GC"
 * column does.
 */
import { runQuery } from '../src/engine/index.ts';
import { buildLab } from './bench-data.ts';
import { BENCH_SPAN_MINUTES, SHAPES, caseWindow } from './cases.ts';
import { median } from './report.ts';

const [shapeId = 'sum_rate', evaluator = 'streaming', runsArg = '20', stepsArg = '100', seriesArg = '1000'] = process.argv.slice(2);
const shape = SHAPES.find((s) => s.id === shapeId);
if (!shape) throw new Error(`unknown shape ${shapeId} (see bench/cases.ts)`);
if (evaluator !== 'naive' && evaluator !== 'streaming') throw new Error(`evaluator must be naive or streaming, not ${evaluator}`);
const data = buildLab(Number(seriesArg), BENCH_SPAN_MINUTES, shape.families);
const req = { expr: shape.query, ...caseWindow(data.startMs, Number(stepsArg)) };
const gc = process.env.GC ? (globalThis as { gc?: () => void }).gc : undefined;
const times: number[] = [];
for (let i = 0; i < Number(runsArg); i++) {
  gc?.();
  const t0 = performance.now();
  const r = runQuery(data.storage, req, { evaluator });
  times.push(performance.now() - t0);
  if (!r.ok) throw new Error(r.error.message);
}
console.log(`${evaluator} ${shapeId} ${seriesArg} series × ${stepsArg} steps: median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms over ${times.length} runs`);
