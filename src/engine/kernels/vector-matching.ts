/**
 * Vector matching of binary operations (`on`/`ignoring`, `group_left`/`group_right`):
 * join signatures, result label sets and the exact Prometheus error texts. Shared by
 * both evaluators; works on one series' labels at a time.
 */
import type { Labels } from '../model/labels.ts';
import { LabelsBuilder, METRIC_NAME, TYPE_LABEL, UNIT_LABEL, compareStrings } from '../model/labels.ts';
import { goQuote } from '../model/strings.ts';
import { PromQLError } from '../model/errors.ts';
import type { BinaryOp, VectorMatching } from '../parser/ast.ts';
import { changesMetricSchema } from './binary-ops.ts';

/**
 * Computes join signatures for one `VectorMatching`. With `on(l…)` the signature is the
 * values of l…; with `ignoring(l…)` (or no clause) it is every label except l… and
 * `__name__`. Mirrors the `sigf` closure of rangeEval, promql/engine.go.
 */
export class MatchingSignature {
  private readonly names: ReadonlySet<string>;
  private readonly on: boolean;

  constructor(matching: Pick<VectorMatching, 'on' | 'matchingLabels'>) {
    this.on = matching.on;
    const names = new Set(matching.matchingLabels);
    if (!matching.on) names.add(METRIC_NAME);
    this.names = names;
  }

  /** A string that is equal for two label sets iff they match. */
  of(labels: Labels): string {
    let s = '';
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i];
      if (this.names.has(l.name) !== this.on) continue;
      s += l.name.length + ':' + l.name + l.value.length + ':' + l.value;
    }
    return s;
  }
}

/**
 * The labels `on(…)`/`ignoring(…)` match on (Prometheus `Labels.MatchLabels`): with `on`
 * only those labels, with `ignoring` all but those and `__name__`.
 */
export function matchLabels(labels: Labels, on: boolean, names: readonly string[]): Labels {
  const set = new Set(names);
  if (on) return labels.filter((l) => set.has(l.name));
  return labels.filter((l) => !set.has(l.name) && l.name !== METRIC_NAME);
}

/**
 * The label set of a vector/vector binary operation's output sample. `lhs` and `rhs`
 * are already swapped for group_right (the "one" side is `rhs`). Mirrors resultMetric,
 * promql/engine.go: arithmetic operators (and `bool` without delayed name removal) drop
 * `__name__`, `__type__` and `__unit__` right away; one-to-one matching keeps only the
 * `on` labels or removes the `ignoring` labels; `group_x(l…)` copies l… from the one side.
 */
export function resultMetric(lhs: Labels, rhs: Labels, op: BinaryOp, matching: VectorMatching, dropMetricName: boolean): Labels {
  const b = new LabelsBuilder(lhs);
  if (dropMetricName || changesMetricSchema(op)) {
    b.delete(METRIC_NAME);
    b.delete(TYPE_LABEL);
    b.delete(UNIT_LABEL);
  }
  if (matching.card === 'one-to-one') {
    if (matching.on) {
      const keep = new Set(matching.matchingLabels);
      for (const l of lhs) if (!keep.has(l.name)) b.delete(l.name);
    } else {
      for (const n of matching.matchingLabels) b.delete(n);
    }
  }
  for (const name of matching.include) {
    let v = '';
    for (const l of rhs) if (l.name === name) v = l.value;
    b.set(name, v);
  }
  return b.build();
}

const LEGACY_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Go's `labels.Labels.String()`: `{__name__="x", a="b"}`, every pair including
 * `__name__`, values `%q`-quoted, names quoted only when not legacy-valid.
 */
export function goLabelsString(labels: Labels): string {
  let s = '{';
  for (let i = 0; i < labels.length; i++) {
    if (i > 0) s += ', ';
    const { name, value } = labels[i];
    s += (LEGACY_NAME.test(name) ? name : goQuote(name)) + '=' + goQuote(value);
  }
  return s + '}';
}

/**
 * The error for two series with the same signature on the "one" side. The two series are
 * listed in sorted order so the message is deterministic (Prometheus #18810).
 */
export function duplicateOnOneSideError(matched: Labels, oneSide: 'left' | 'right', a: Labels, b: Labels): PromQLError {
  let d1 = goLabelsString(a);
  let d2 = goLabelsString(b);
  if (compareStrings(d1, d2) > 0) [d1, d2] = [d2, d1];
  return new PromQLError(
    'eval',
    'many_to_many',
    `found duplicate series for the match group ${goLabelsString(matched)} on the ${oneSide} hand-side of the operation: [${d1}, ${d2}];many-to-many matching not allowed: matching labels must be unique on one side`,
  );
}

/** One-to-one matching found two "many" samples for one signature. */
export function multipleMatchesOneToOneError(): PromQLError {
  return new PromQLError('eval', 'many_to_one', 'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
}

/** Many-to-one matching produced the same output labels twice for one signature. */
export function multipleMatchesGroupingError(): PromQLError {
  return new PromQLError('eval', 'grouping_not_unique', 'multiple matches for labels: grouping labels must ensure unique matches');
}
