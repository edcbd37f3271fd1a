/**
 * Merges output series that share a label set (mirrors Mimir's
 * operators/functions DeduplicateAndMerge and the by-hash merge of Prometheus's
 * rangeEval, promql/engine.go): two series with one label set become one, and "vector
 * cannot contain metrics with the same labelset" is raised when both have a value at the
 * same step.
 *
 * Contract: when no label set repeats (the usual case) it passes series through without
 * buffering. Otherwise output groups keep the position of their first member (as
 * mergeSeriesWithSameLabelset); a group is emitted once its last member has arrived, and
 * members read ahead of their group's turn are buffered (pooled StepData, released once
 * merged). On a one-step (instant) grid every input is read up front instead and a group
 * takes the position of its member present at the step, as upstream's instant order.
 * Returned StepData is owned by the caller.
 */
import { labelsKey } from '../../model/labels.ts';
import { sameLabelsetError } from '../../kernels/name-dropping.ts';
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class DeduplicateAndMergeOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  /** Per output group, its input series indices (ascending); null when passing through. */
  private groups: number[][] | null = null;
  private nextGroup = 0;
  private nextInput = 0;
  private readonly buffered = new Map<number, StepData>();
  private conflictStep = Infinity;
  private inputMeta: SeriesMeta[] = [];
  private outputMeta: SeriesMeta[] = [];

  constructor(
    private readonly sc: StreamingContext,
    private readonly inner: InstantVectorOperator,
    /**
     * Any two non-empty series with one label set fail, overlapping or not (Prometheus's
     * `mat.ContainsSameLabelset()` after range functions without delayed name removal).
     */
    private readonly strict = false,
  ) {
    this.grid = inner.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    const meta = this.inner.seriesMetadata();
    const byKey = new Map<string, number[]>();
    let dup = false;
    for (let i = 0; i < meta.length; i++) {
      const k = labelsKey(meta[i].labels);
      const g = byKey.get(k);
      if (g) {
        g.push(i);
        dup = true;
      } else byKey.set(k, [i]);
    }
    if (!dup) return meta;
    const groups = [...byKey.values()];
    if (this.grid.stepCount === 1) this.orderInstantGroups(groups, meta.length);
    this.groups = groups;
    this.inputMeta = meta;
    this.outputMeta = groups.map((g) => (g.length === 1 ? meta[g[0]] : { labels: meta[g[0]].labels, dropName: meta[g[0]].dropName }));
    return this.outputMeta;
  }

  nextSeries(): StepData {
    if (this.groups === null) return this.inner.nextSeries();
    const gi = this.nextGroup++;
    const g = this.groups[gi];
    const last = g[g.length - 1];
    while (this.nextInput <= last) {
      this.buffered.set(this.nextInput, this.inner.nextSeries());
      this.nextInput++;
    }
    if (g.length > 1) this.outputMeta[gi].dropName = this.inputMeta[this.firstInTime(g)].dropName;
    if (this.strict && g.length > 1) {
      let nonEmpty = 0;
      for (const k of g) {
        const p = (this.buffered.get(k) as StepData).present;
        for (let i = 0; i < p.length; i++) if (p[i] === 1) { nonEmpty++; break; }
      }
      if (nonEmpty > 1) this.conflictStep = 0;
    }
    const base = this.buffered.get(g[0]) as StepData;
    this.buffered.delete(g[0]);
    for (let k = 1; k < g.length; k++) {
      const s = this.buffered.get(g[k]) as StepData;
      this.buffered.delete(g[k]);
      const n = s.present.length;
      for (let i = 0; i < n; i++) {
        if (s.present[i] === 0) continue;
        if (base.present[i] !== 0) {
          // Recorded, thrown once every input has been read: an error an input raises
          // at its end (binary operations check per step) takes precedence, as upstream
          // raises those before the same-labelset check of the step.
          if (i < this.conflictStep) this.conflictStep = i;
          continue;
        }
        base.present[i] = 1;
        base.values[i] = s.values[i];
      }
      this.sc.pool.releaseStepData(s);
    }
    if (this.nextGroup === this.groups.length && this.conflictStep !== Infinity) {
      this.sc.pool.releaseStepData(base);
      throw sameLabelsetError();
    }
    return base;
  }

  /**
   * Instant grids: reads every input series now (one step each) and orders each group at
   * its present member. Prometheus's instant evaluation only ever sees the samples of the
   * one step, in the operator's output order (rangeEval's instant shortcut), so a merged
   * series sits where its present member is; members absent at that step (series this
   * evaluator lists before knowing their data, e.g. an `or` lhs with no sample) must not
   * pull it forward. Range grids keep first-member order (upstream's order there is a map's).
   */
  private orderInstantGroups(groups: number[][], n: number): void {
    const position = new Map<number[], number>();
    for (let i = 0; i < n; i++) this.buffered.set(i, this.inner.nextSeries());
    this.nextInput = n;
    for (const g of groups) {
      let at = g[0];
      for (const k of g) {
        if ((this.buffered.get(k) as StepData).present[0] === 1) {
          at = k;
          break;
        }
      }
      position.set(g, at);
    }
    groups.sort((a, b) => (position.get(a) as number) - (position.get(b) as number));
  }

  /** The member with the earliest present step (rangeEval keeps the first sample's DropName). */
  private firstInTime(g: number[]): number {
    let best = g[0];
    let bestStep = Infinity;
    for (const k of g) {
      const p = (this.buffered.get(k) as StepData).present;
      for (let i = 0; i < p.length && i < bestStep; i++) {
        if (p[i] === 1) {
          bestStep = i;
          best = k;
          break;
        }
      }
    }
    return best;
  }

  close(): void {
    for (const d of this.buffered.values()) this.sc.pool.releaseStepData(d);
    this.buffered.clear();
    this.inner.close();
  }
}
