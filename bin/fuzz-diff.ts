/**
 * `npm run fuzz:diff -- [--seed N] [--runs N] [--seeds K] [--queries N] [--path P] [--no-delayed-name-removal] [--large]`:
 * the differential fuzz test of the naive and streaming evaluators over random datasets
 * and random well-typed PromQL (see src/engine/streaming/differential-fuzz.ts). Runs K
 * seeds from N (default: one seed from the clock) with `runs` datasets each, prints every
 * failing seed with its fast-check path and the first difference, and exits 1 on any.
 * Replay a failure with `--seed <seed> --path <path>` (and the same flags). `--large`: series
 * over several chunks and ranges of up to 400 steps (slower cases).
 */
import { runDifferentialFuzz } from '../src/engine/index.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const firstSeed = Number(arg('seed') ?? Date.now() % 2147483647);
const runs = Number(arg('runs') ?? 500);
const seeds = Number(arg('seeds') ?? 1);
const queries = Number(arg('queries') ?? 6);
const path = arg('path');
const delayedNameRemoval = !process.argv.includes('--no-delayed-name-removal');
const large = process.argv.includes('--large');
if (![firstSeed, runs, seeds, queries].every(Number.isFinite)) {
  process.stderr.write('usage: fuzz-diff [--seed N] [--runs N] [--seeds K] [--queries N] [--path P]\n');
  process.exit(2);
}

let failures = 0;
let total = 0;
const started = Date.now();
for (let k = 0; k < seeds; k++) {
  const seed = firstSeed + k;
  const r = runDifferentialFuzz({ seed, numRuns: runs, queriesPerDataset: queries, path, delayedNameRemoval, large });
  total += r.queries;
  if (r.failure === null) {
    process.stdout.write(`seed ${seed}: ${runs} datasets, ${r.queries} queries (instant + range each): identical\n`);
    continue;
  }
  failures++;
  process.stdout.write(`seed ${seed}: MISMATCH\n  replay: npm run fuzz:diff -- --seed ${r.failure.seed} --path ${r.failure.path ?? ''} --runs ${runs} --queries ${queries}${large ? ' --large' : ''}${delayedNameRemoval ? '' : ' --no-delayed-name-removal'}\n  ${r.failure.difference}\n  counterexample: ${r.failure.counterexample}\n`);
}
process.stdout.write(`${seeds} seed(s), ${total} queries, ${failures} failing, ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
process.exit(failures > 0 ? 1 : 0);
