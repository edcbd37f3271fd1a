/**
 * histogram_quantile / histogram_fraction over classic `le` buckets in the naive
 * evaluator.
 */
import type { Call } from '../parser/ast.ts';
import { PromQLError } from '../model/errors.ts';
import type { Grid } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import type { NValue, NVector } from './values.ts';

export function evalHistogramFunction(_ev: NaiveEvaluator, e: Call, _args: NValue[], _g: Grid): NVector {
  throw new PromQLError('unsupported', 'histogram_function', `${e.func.name} is not supported by the naive evaluator yet`);
}
