/**
 * Float aggregation accumulators (`sum avg count min max group stddev stdvar quantile`)
 * shared by both evaluators. One accumulator holds one output group's state for every
 * step of the grid; series are added one at a time (the order must be the input order,
 * which is the order Prometheus folds them in at each step), then `finish` writes the
 * group's values. State is columnar (one typed array per field), so the streaming
 * evaluator can keep one accumulator per open group and release it when the group is done.
 */
import type { AggregateOp } from '../parser/ast.ts';
import { BYTES } from '../model/memory-tracker.ts';
import { kahanCompensation, kahanSumInc } from './kahan.ts';
import { quantileInPlace } from './quantile.ts';

/** The aggregation operators handled by {@link FloatAggregator}. */
export type SimpleAggregateOp = Exclude<AggregateOp, 'topk' | 'bottomk' | 'count_values' | 'limitk' | 'limit_ratio'>;

export function isSimpleAggregateOp(op: AggregateOp): op is SimpleAggregateOp {
  return op !== 'topk' && op !== 'bottomk' && op !== 'count_values' && op !== 'limitk' && op !== 'limit_ratio';
}

/**
 * One group's running aggregation over `numSteps` steps. Mirrors the float paths of
 * `aggregation`, promql/engine.go, step by step: the first sample of a step initialises
 * the state, later ones fold in (Kahan sums for sum/avg, a switch to incremental mean
 * when the direct sum would overflow, Welford for stddev/stdvar, NaN-replacing min/max).
 */
export class FloatAggregator {
  /** Bytes this accumulator holds (for the MemoryTracker). */
  readonly bytes: number;
  private readonly seen: Uint8Array;
  private readonly value: Float64Array;
  private readonly mean: Float64Array;
  private readonly comp: Float64Array;
  private readonly count: Float64Array;
  private readonly incremental: Uint8Array;
  private readonly lists: number[][] | null;
  private readonly pair = new Float64Array(2);
  /** True when any added series carried a pending name drop. */
  dropName = false;

  constructor(readonly op: SimpleAggregateOp, readonly numSteps: number) {
    this.seen = new Uint8Array(numSteps);
    this.value = new Float64Array(numSteps);
    this.count = new Float64Array(numSteps);
    const needsMean = op === 'avg' || op === 'stddev' || op === 'stdvar';
    const needsComp = op === 'sum' || op === 'avg';
    this.mean = needsMean ? new Float64Array(numSteps) : EMPTY_F64;
    this.comp = needsComp ? new Float64Array(numSteps) : EMPTY_F64;
    this.incremental = op === 'avg' ? new Uint8Array(numSteps) : EMPTY_U8;
    this.lists = op === 'quantile' ? new Array<number[]>(numSteps) : null;
    const f64Arrays = 2 + (needsMean ? 1 : 0) + (needsComp ? 1 : 0);
    this.bytes = numSteps * (f64Arrays * BYTES.float64 + BYTES.uint8 * (op === 'avg' ? 2 : 1)) + BYTES.seriesHeader;
  }

  /** Folds one input series (values at the steps where `present` is 1) into the group. */
  addSeries(values: Float64Array, present: Uint8Array, dropName: boolean): void {
    if (this.op === 'sum') {
      this.addSeriesToSum(values, present, dropName);
      return;
    }
    let any = false;
    for (let i = 0; i < this.numSteps; i++) {
      if (present[i] === 0) continue;
      any = true;
      this.addAt(i, values[i]);
    }
    if (any && dropName) this.dropName = true;
  }

  /** addSeries for `sum`, the most common aggregation: addAt's sum case in one loop. */
  private addSeriesToSum(values: Float64Array, present: Uint8Array, dropName: boolean): void {
    const seen = this.seen;
    const value = this.value;
    const comp = this.comp;
    let any = false;
    for (let i = 0; i < this.numSteps; i++) {
      if (present[i] === 0) continue;
      any = true;
      const f = values[i];
      if (seen[i] === 0) {
        seen[i] = 1;
        this.count[i] = 1;
        value[i] = f;
        comp[i] = 0;
        continue;
      }
      const sum = value[i];
      const t = sum + f;
      comp[i] = kahanCompensation(sum, f, t, comp[i]);
      value[i] = t;
    }
    if (any && dropName) this.dropName = true;
  }

  /** Folds one float into step `i`. */
  addAt(i: number, f: number): void {
    const op = this.op;
    if (this.seen[i] === 0) {
      this.seen[i] = 1;
      this.count[i] = 1;
      switch (op) {
        case 'sum':
          this.value[i] = f;
          this.comp[i] = 0;
          break;
        case 'avg':
          this.value[i] = f;
          this.mean[i] = f;
          this.comp[i] = 0;
          this.incremental[i] = 0;
          break;
        case 'stddev':
        case 'stdvar':
          this.mean[i] = f;
          this.value[i] = Number.isNaN(f) || f === Infinity || f === -Infinity ? NaN : 0;
          break;
        case 'group':
          this.value[i] = 1;
          break;
        case 'quantile':
          this.lists![i] = [f];
          break;
        default:
          this.value[i] = f;
      }
      return;
    }
    switch (op) {
      case 'sum': {
        kahanSumInc(f, this.value[i], this.comp[i], this.pair);
        this.value[i] = this.pair[0];
        this.comp[i] = this.pair[1];
        break;
      }
      case 'avg': {
        const n = ++this.count[i];
        if (this.incremental[i] === 0) {
          kahanSumInc(f, this.value[i], this.comp[i], this.pair);
          const newV = this.pair[0];
          if (newV !== Infinity && newV !== -Infinity) {
            this.value[i] = newV;
            this.comp[i] = this.pair[1];
            break;
          }
          // The direct sum would overflow: continue with the incremental mean.
          this.incremental[i] = 1;
          this.mean[i] = this.value[i] / (n - 1);
          this.comp[i] = this.comp[i] / (n - 1);
        }
        const q = (n - 1) / n;
        kahanSumInc(f / n, q * this.mean[i], q * this.comp[i], this.pair);
        this.mean[i] = this.pair[0];
        this.comp[i] = this.pair[1];
        break;
      }
      case 'count':
        this.count[i]++;
        break;
      case 'group':
        break;
      case 'max':
        if (this.value[i] < f || Number.isNaN(this.value[i])) this.value[i] = f;
        break;
      case 'min':
        if (this.value[i] > f || Number.isNaN(this.value[i])) this.value[i] = f;
        break;
      case 'stddev':
      case 'stdvar': {
        const n = ++this.count[i];
        const delta = f - this.mean[i];
        this.mean[i] += delta / n;
        this.value[i] += delta * (f - this.mean[i]);
        break;
      }
      case 'quantile':
        this.lists![i].push(f);
        break;
    }
  }

  /**
   * Writes the group's result: `present[i]` is 1 where at least one sample was added.
   * `q` holds quantile's φ per step (ignored by the other operators).
   */
  finish(outValues: Float64Array, outPresent: Uint8Array, q?: Float64Array): void {
    const op = this.op;
    for (let i = 0; i < this.numSteps; i++) {
      if (this.seen[i] === 0) {
        outPresent[i] = 0;
        continue;
      }
      outPresent[i] = 1;
      const n = this.count[i];
      let v: number;
      switch (op) {
        case 'sum':
          v = this.value[i] + this.comp[i];
          break;
        case 'avg':
          v = this.incremental[i] !== 0 ? this.mean[i] + this.comp[i] : this.value[i] / n + this.comp[i] / n;
          break;
        case 'count':
          v = n;
          break;
        case 'stdvar':
          v = this.value[i] / n;
          break;
        case 'stddev':
          v = Math.sqrt(this.value[i] / n);
          break;
        case 'quantile':
          {
            const list = this.lists![i];
            v = quantileInPlace(q ? q[i] : NaN, Float64Array.from(list), list.length);
          }
          break;
        default:
          v = this.value[i];
      }
      outValues[i] = v;
    }
  }
}

const EMPTY_F64 = new Float64Array(0);
const EMPTY_U8 = new Uint8Array(0);
