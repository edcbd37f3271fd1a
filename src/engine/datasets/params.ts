/**
 * Dataset parameters: defaults from the spec, user values clamped to the spec's range,
 * and `CountSpec` resolution.
 */
import type { CountSpec, DatasetSpec } from './spec.ts';

/** Resolved parameter values by name. */
export type DatasetParams = Readonly<Record<string, number>>;

/** Spec defaults overridden by `given`, each clamped to [min, max] and rounded to an integer. Unknown names throw RangeError. */
export function resolveParams(spec: DatasetSpec, given: Readonly<Record<string, number>> = {}): DatasetParams {
  const out: Record<string, number> = {};
  const known = new Set<string>();
  for (const p of spec.parameters ?? []) {
    known.add(p.name);
    const raw = given[p.name];
    const v = raw === undefined || !Number.isFinite(raw) ? p.default : raw;
    out[p.name] = Math.round(Math.min(p.max, Math.max(p.min, v)));
  }
  for (const name of Object.keys(given)) {
    if (!known.has(name)) throw new RangeError(`dataset ${spec.id} has no parameter ${JSON.stringify(name)}`);
  }
  return out;
}

/** A fixed count, or `max(min, round(param / divide))`. Throws RangeError for an unknown parameter. */
export function resolveCount(count: CountSpec, params: DatasetParams): number {
  if (typeof count === 'number') return count;
  const v = params[count.param];
  if (v === undefined) throw new RangeError(`unknown dataset parameter ${JSON.stringify(count.param)}`);
  return Math.max(count.min ?? 1, Math.round(v / (count.divide ?? 1)));
}
