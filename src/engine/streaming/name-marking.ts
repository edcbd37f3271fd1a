/**
 * How an operator marks its output for `__name__` removal: with delayed name removal
 * (Prometheus's promql-delayed-name-removal) the series keeps its name and is flagged;
 * without it the name (and `__type__`/`__unit__`) goes right away.
 */
import { dropReservedLabels } from '../kernels/name-dropping.ts';
import type { SeriesMeta } from './operator.ts';

export function markDropName(meta: SeriesMeta, delayed: boolean): SeriesMeta {
  if (delayed) return { labels: meta.labels, dropName: true };
  return { labels: dropReservedLabels(meta.labels), dropName: false };
}

export function markAllDropName(meta: readonly SeriesMeta[], delayed: boolean): SeriesMeta[] {
  const out: SeriesMeta[] = new Array(meta.length);
  for (let i = 0; i < meta.length; i++) out[i] = markDropName(meta[i], delayed);
  return out;
}
