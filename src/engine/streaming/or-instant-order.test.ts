/**
 * Instant `or` output order, as topk's tie-break sees it. Prometheus's VectorOr
 * (promql/engine.go) returns the rhs as is when the lhs has no sample at the step, and
 * rangeEval's instant shortcut keeps that order; aggregationK's topk heap then keeps the
 * first of equal (here all-NaN) values. The lhs series x{instance="a"} has no sample in the
 * lookback window at t=300s (its only sample, at 0, is just outside the left-open window),
 * so the result is the rhs in selector order: env="prod" sorts before instance="a".
 * Checked on both evaluators: the streaming evaluator lists that empty lhs series before it
 * knows its data, and must not let it pull the merged rhs series forward.
 */
import { describe, expect, it } from 'vitest';
import { StorageBuilder } from '../storage/storage-builder.ts';
import { formatLabels, labelsFromRecord } from '../model/labels.ts';
import { runQuery } from '../engine.ts';

const b = new StorageBuilder();
b.append(labelsFromRecord({ __name__: 'x', job: 'api', instance: 'a' }), 0, 1);
b.append(labelsFromRecord({ __name__: 'x', job: 'api', instance: 'c', env: 'prod' }), 0, 2);
const store = b.seal();

const orExpr = 'x{instance="a"} or ignoring(instance) (x offset 1m * NaN)';

/** The instant result at t=300s as [labels, value] pairs, in result order. */
function instant(expr: string, evaluator: 'naive' | 'streaming'): [string, number][] {
  const r = runQuery(store, { expr, startMs: 300_000, endMs: 300_000, stepMs: 1000 }, { evaluator });
  if (!r.ok || r.value.kind !== 'vector') throw new Error(r.ok ? 'not a vector' : r.error.message);
  return r.value.series.map((s): [string, number] => [formatLabels(s.labels), s.values[0]]);
}

describe('instant or order seen by topk', () => {
  for (const evaluator of ['naive', 'streaming'] as const) {
    it(`keeps the rhs order when the lhs has no sample at the step (${evaluator})`, () => {
      expect(instant(orExpr, evaluator)).toEqual([
        ['{env="prod", instance="c", job="api"}', NaN],
        ['{instance="a", job="api"}', NaN],
      ]);
    });
    it(`topk(1) of all-NaN values keeps the first series of that order (${evaluator})`, () => {
      expect(instant(`topk(1, ${orExpr})`, evaluator)).toEqual([['{env="prod", instance="c", job="api"}', NaN]]);
    });
  }
});
