/**
 * A scalar parameter summarised over all steps as Prometheus's fParams (promql/value.go):
 * min and max with Go's NaN-propagating math.Min/Max, and whether any step is NaN.
 */
export interface ParamInfo {
  readonly min: number;
  readonly max: number;
  readonly hasNaN: boolean;
}

export function paramInfo(values: Float64Array): ParamInfo {
  if (values.length === 0) return { min: 0, max: 0, hasNaN: false };
  let min = Number.MAX_VALUE;
  let max = -Number.MAX_VALUE;
  let hasNaN = false;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    max = max !== max || x !== x ? NaN : Math.max(max, x);
    min = min !== min || x !== x ? NaN : Math.min(min, x);
    if (x !== x) hasNaN = true;
  }
  return { min, max, hasNaN };
}
