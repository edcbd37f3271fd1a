/**
 * Grouping of aggregations: the group key and output labels of `by (…)`/`without (…)`.
 * Mirrors generateGroupingKey / generateGroupingLabels, promql/engine.go: `without`
 * also drops `__name__`; `by` keeps only the listed labels (including `__name__` if
 * listed).
 */
import { LabelsBuilder, METRIC_NAME, labelsKey, type Labels } from '../model/labels.ts';

export class Grouping {
  private readonly names: ReadonlySet<string>;
  constructor(grouping: readonly string[], private readonly without: boolean) {
    const names = new Set(grouping);
    if (without) names.add(METRIC_NAME);
    this.names = names;
  }

  /** Output labels of the group a series with `labels` belongs to. */
  labels(labels: Labels): Labels {
    const out = [];
    for (let i = 0; i < labels.length; i++) if (this.names.has(labels[i].name) !== this.without) out.push(labels[i]);
    return out;
  }

  /** A key equal for two series iff they fall in the same group. */
  key(labels: Labels): string {
    return labelsKey(this.labels(labels));
  }
}

/** Adds one label to a label set (count_values' value label). */
export function withLabel(labels: Labels, name: string, value: string): Labels {
  return new LabelsBuilder(labels).set(name, value).build();
}
