/**
 * The fixed-seed differential test (part of `npm test`): random datasets and random
 * well-typed PromQL, every query on both evaluators (instant and range), results and
 * annotations identical or errors identical. Longer runs: `npm run fuzz:diff`.
 */
import { describe, expect, it } from 'vitest';
import { runDifferentialFuzz } from './differential-fuzz.ts';

describe('naive vs streaming (fast-check, fixed seeds)', () => {
  for (const seed of [20261203, 7]) {
    it(`agrees on every generated query, seed ${seed}`, () => {
      const r = runDifferentialFuzz({ seed, numRuns: 600, queriesPerDataset: 5 });
      if (r.failure) {
        throw new Error(`seed ${r.failure.seed} path ${r.failure.path}: ${r.failure.difference}\ncounterexample: ${r.failure.counterexample}`);
      }
      expect(r.queries).toBeGreaterThan(150);
    }, 20_000);
  }
});
