/**
 * Arithmetic and comparison between two instant vectors with vector matching
 * (one-to-one, many-to-one `group_left`, one-to-many `group_right`). Mirrors
 * VectorBinop, promql/engine.go, and Mimir's operators/binops
 * OneToOneVectorVectorBinaryOperation / GroupedVectorVectorBinaryOperation.
 *
 * Contract: seriesMetadata() reads both sides' metadata (no samples) and pairs each
 * "many"-side series (the lhs, or the rhs for group_right) with the "one"-side series of
 * the same matching signature; output series are those pairs, in many-side order, with
 * Prometheus's result labels. nextSeries() streams the many side in order (one series
 * held at a time) and buffers one-side series only while a later pair still needs them
 * (the out-of-order side). Series that can match nothing are skipped without decoding,
 * except when an error check needs them (a one-side signature shared by several series
 * needs every many-side presence to decide "found duplicate series…").
 *
 * Errors that Prometheus raises per step are recorded with their step and the earliest
 * one is thrown after the last output series has been computed (or from
 * seriesMetadata() when there is no pair), so the message matches the step-by-step
 * engine. Returned StepData is owned by the caller.
 */
import type { BinaryExpr, VectorMatching } from '../../parser/ast.ts';
import { labelsKey, type Labels } from '../../model/labels.ts';
import type { PromQLError } from '../../model/errors.ts';
import { vectorElemBinop } from '../../kernels/binary-ops.ts';
import {
  MatchingSignature,
  duplicateOnOneSideError,
  matchLabels,
  multipleMatchesGroupingError,
  multipleMatchesOneToOneError,
  resultMetric,
} from '../../kernels/vector-matching.ts';
import { skipSeries, type InstantVectorOperator, type SeriesMeta, type StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

const KIND_PAIR = 0;
const KIND_FILL_RIGHT = 1;
const KIND_FILL_LEFT = 2;

/**
 * One output series: a matched pair, a many-side series filled in where its one side is
 * missing (`fill_right`/`fill`), or a one-side series filled in where no many-side
 * series matches (`fill_left`/`fill`).
 */
interface Pair {
  readonly kind: number;
  readonly many: number;
  readonly one: number;
  /** KIND_FILL_RIGHT: the one-side series of the many series' signature. */
  readonly group: readonly number[];
  /** KIND_FILL_LEFT: the signature, to look up the many side's presence. */
  readonly sig: string;
  /** Index into `collisionMasks` when this output can collide with another at one step, else -1. */
  mask: number;
}

const NO_GROUP: readonly number[] = [];

interface PendingError {
  step: number;
  phase: number;
  order: number;
  error: PromQLError;
}

export class VectorVectorBinaryOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private readonly matching: VectorMatching;
  private manyOp: InstantVectorOperator;
  private oneOp: InstantVectorOperator;
  private manyMeta: SeriesMeta[] = [];
  private oneMeta: SeriesMeta[] = [];
  private pairs: Pair[] = [];
  private nextPair = 0;
  /** Many side: index of the series in `curMany`, and the next index to read. */
  private curManyIndex = -1;
  private curMany: StepData | null = null;
  private manyRead = 0;
  /** One side: buffered series by index, next index to read, last pair using each. */
  private readonly oneBuffered = new Map<number, StepData>();
  private oneRead = 0;
  private oneLastUse: Int32Array = new Int32Array(0);
  /** One-side series that an error check needs even when no pair uses them. */
  private oneNeededForCheck: Uint8Array = new Uint8Array(0);
  private manyNeededForCheck = false;
  /** Per one-side signature group with ≥ 2 members: members' presence count per step. */
  private riskyGroups: number[][] = [];
  private riskyGroupOf: Int32Array = new Int32Array(0);
  private riskyCounts: Uint8Array[] = [];
  private riskyFirstPresent: Int32Array[] = [];
  private riskySecondPresent: Int32Array[] = [];
  private manyAnyPresent: Uint8Array | null = null;
  private collisionMasks: Uint8Array[] = [];
  private pending: PendingError | null = null;
  private hasFill = false;
  private manySig: string[] = [];
  /** fill_left: per one-side signature, the steps where a many-side series of it is present. */
  private readonly manySigPresent = new Map<string, Uint8Array>();
  private readonly elem = { value: 0, keep: false };

  constructor(
    private readonly sc: StreamingContext,
    private readonly node: BinaryExpr,
    lhs: InstantVectorOperator,
    rhs: InstantVectorOperator,
  ) {
    this.grid = lhs.grid;
    this.matching = node.matching as VectorMatching;
    const swap = this.matching.card === 'one-to-many';
    this.manyOp = swap ? rhs : lhs;
    this.oneOp = swap ? lhs : rhs;
  }

  seriesMetadata(): SeriesMeta[] {
    const swap = this.matching.card === 'one-to-many';
    // Prometheus evaluates the lhs before the rhs.
    const lm = (swap ? this.oneOp : this.manyOp).seriesMetadata();
    const rm = (swap ? this.manyOp : this.oneOp).seriesMetadata();
    this.manyMeta = swap ? rm : lm;
    this.oneMeta = swap ? lm : rm;
    const sig = new MatchingSignature(this.matching);
    const oneBySig = new Map<string, number[]>();
    for (let j = 0; j < this.oneMeta.length; j++) {
      const k = sig.of(this.oneMeta[j].labels);
      const g = oneBySig.get(k);
      if (g) g.push(j);
      else oneBySig.set(k, [j]);
    }
    const n = this.grid.stepCount;
    this.riskyGroupOf = new Int32Array(this.oneMeta.length).fill(-1);
    this.oneNeededForCheck = new Uint8Array(this.oneMeta.length);
    for (const g of oneBySig.values()) {
      if (g.length < 2) continue;
      const id = this.riskyGroups.length;
      this.riskyGroups.push(g);
      for (const j of g) {
        this.riskyGroupOf[j] = id;
        this.oneNeededForCheck[j] = 1;
      }
      this.riskyCounts.push(this.sc.pool.acquireUint8(n, 'binary operation duplicate check'));
      this.riskyFirstPresent.push(new Int32Array(n).fill(-1));
      this.riskySecondPresent.push(new Int32Array(n).fill(-1));
    }
    this.hasFill = this.matching.fillLeft !== null || this.matching.fillRight !== null;
    // With a fill value only an empty pair of sides short-circuits (VectorBinop), so a
    // duplicate on the one side fails whatever the many side holds.
    if (this.riskyGroups.length > 0 && !this.hasFill) {
      this.manyNeededForCheck = true;
      this.manyAnyPresent = this.sc.pool.acquireUint8(n, 'binary operation presence');
    }
    const oneToOne = this.matching.card === 'one-to-one';
    const dropMetricName = !this.sc.ctx.delayedNameRemoval && this.node.returnBool;
    const { fillLeft, fillRight, on, matchingLabels } = this.matching;
    const out: SeriesMeta[] = [];
    const maskByKey = new Map<string, number>();
    const keyCount = new Map<string, number>();
    const pendingKeys: string[] = [];
    const add = (pair: Pair, labels: Labels, collisionKey: string | null): void => {
      this.pairs.push(pair);
      out.push({ labels, dropName: this.node.returnBool });
      pendingKeys.push(collisionKey ?? '');
      if (collisionKey !== null) keyCount.set(collisionKey, (keyCount.get(collisionKey) ?? 0) + 1);
    };
    const keyOf = (sigKey: string, labels: Labels): string => (oneToOne ? sigKey : sigKey + '\u0000' + labelsKey(labels));
    this.manySig = new Array(this.manyMeta.length);
    for (let i = 0; i < this.manyMeta.length; i++) {
      const ml = this.manyMeta[i].labels;
      const k = sig.of(ml);
      this.manySig[i] = k;
      const g = oneBySig.get(k);
      if (g) {
        for (const j of g) {
          const labels: Labels = resultMetric(ml, this.oneMeta[j].labels, this.node.op, this.matching, dropMetricName);
          add({ kind: KIND_PAIR, many: i, one: j, group: NO_GROUP, sig: k, mask: -1 }, labels, keyOf(k, labels));
        }
      }
      if (fillRight !== null) {
        const labels = resultMetric(ml, matchLabels(ml, on, matchingLabels), this.node.op, this.matching, dropMetricName);
        add({ kind: KIND_FILL_RIGHT, many: i, one: -1, group: g ?? NO_GROUP, sig: k, mask: -1 }, labels, keyOf(k, labels));
      }
    }
    if (fillLeft !== null) {
      for (let j = 0; j < this.oneMeta.length; j++) {
        const ol = this.oneMeta[j].labels;
        const k = sig.of(ol);
        if (!this.manySigPresent.has(k)) this.manySigPresent.set(k, this.sc.pool.acquireUint8(n, 'binary operation fill presence'));
        add({ kind: KIND_FILL_LEFT, many: -1, one: j, group: NO_GROUP, sig: k, mask: -1 }, resultMetric(matchLabels(ol, on, matchingLabels), ol, this.node.op, this.matching, dropMetricName), null);
      }
      this.manyNeededForCheck = true;
    }
    // Only keys shared by several outputs can collide; give those a per-step mask.
    for (let p = 0; p < this.pairs.length; p++) {
      const key = pendingKeys[p];
      if (this.pairs[p].kind === KIND_FILL_LEFT || (keyCount.get(key) as number) < 2) continue;
      let m = maskByKey.get(key);
      if (m === undefined) {
        m = this.collisionMasks.length;
        maskByKey.set(key, m);
        this.collisionMasks.push(this.sc.pool.acquireUint8(n, 'binary operation match check'));
      }
      this.pairs[p].mask = m;
    }
    this.oneLastUse = new Int32Array(this.oneMeta.length).fill(-1);
    for (let p = 0; p < this.pairs.length; p++) {
      const pair = this.pairs[p];
      if (pair.kind === KIND_FILL_RIGHT) for (const j of pair.group) this.oneLastUse[j] = p;
      else if (pair.one >= 0) this.oneLastUse[pair.one] = p;
    }
    if (this.pairs.length === 0) this.finishChecks();
    return out;
  }

  nextSeries(): StepData {
    const p = this.pairs[this.nextPair];
    if (p.kind === KIND_FILL_LEFT) this.drainMany();
    const many = p.kind === KIND_FILL_LEFT ? null : this.loadMany(p.many);
    const one = p.kind === KIND_FILL_RIGHT ? null : this.loadOne(p.one);
    const group = p.kind === KIND_FILL_RIGHT ? p.group.map((j) => this.loadOne(j)) : null;
    const manyPresence = p.kind === KIND_FILL_LEFT ? (this.manySigPresent.get(p.sig) as Uint8Array) : null;
    const fillL = this.matching.fillLeft as number;
    const fillR = this.matching.fillRight as number;
    const n = this.grid.stepCount;
    const out = this.sc.pool.acquireStepData(n, 'binary operation output');
    const swap = this.matching.card === 'one-to-many';
    const op = this.node.op;
    const returnBool = this.node.returnBool;
    const elem = this.elem;
    const mask = p.mask >= 0 ? this.collisionMasks[p.mask] : null;
    for (let i = 0; i < n; i++) {
      let mv: number;
      let ov: number;
      if (p.kind === KIND_PAIR) {
        const m = many as StepData;
        const o = one as StepData;
        if (m.present[i] === 0 || o.present[i] === 0) continue;
        mv = m.values[i];
        ov = o.values[i];
      } else if (p.kind === KIND_FILL_RIGHT) {
        const m = many as StepData;
        if (m.present[i] === 0) continue;
        let matched = false;
        for (const g of group as StepData[]) if (g.present[i] === 1) matched = true;
        if (matched) continue;
        mv = m.values[i];
        ov = fillR;
      } else {
        const o = one as StepData;
        if (o.present[i] === 0 || (manyPresence as Uint8Array)[i] === 1) continue;
        mv = fillL;
        ov = o.values[i];
      }
      if (mask !== null) {
        if (mask[i] === 1) {
          // Built only when it becomes the earliest: an Error captures a stack trace, and
          // a many-to-many join can collide at every step of every pair.
          if (this.wins(i, 1, p.many)) this.record(i, 1, p.many, this.matching.card === 'one-to-one' ? multipleMatchesOneToOneError() : multipleMatchesGroupingError());
          continue;
        }
        mask[i] = 1;
      }
      vectorElemBinop(op, swap ? ov : mv, swap ? mv : ov, elem);
      if (returnBool) {
        out.values[i] = elem.keep ? 1 : 0;
        out.present[i] = 1;
      } else if (elem.keep) {
        out.values[i] = elem.value;
        out.present[i] = 1;
      }
    }
    if (p.kind === KIND_FILL_RIGHT) for (const j of p.group) this.releaseOneAfter(j);
    else this.releaseOneAfter(p.one);
    this.nextPair++;
    if (this.nextPair === this.pairs.length) {
      try {
        this.finishChecks();
      } catch (e) {
        this.sc.pool.releaseStepData(out);
        throw e;
      }
    }
    return out;
  }

  /** Releases one-side series `j` when the current output was its last use. */
  private releaseOneAfter(j: number): void {
    if (this.oneLastUse[j] !== this.nextPair || this.oneNeededForCheck[j] !== 0) return;
    const d = this.oneBuffered.get(j);
    if (!d) return;
    this.oneBuffered.delete(j);
    this.sc.pool.releaseStepData(d);
  }

  /** Reads the rest of the many side (for fill_left's presence masks). */
  private drainMany(): void {
    if (this.curMany !== null) {
      this.sc.pool.releaseStepData(this.curMany);
      this.curMany = null;
      this.curManyIndex = -1;
    }
    while (this.manyRead < this.manyMeta.length) this.readManyUnused();
  }

  /** The many-side series `index`, reading (and skipping) forward to it. */
  private loadMany(index: number): StepData {
    if (this.curManyIndex === index) return this.curMany as StepData;
    if (this.curMany !== null) {
      this.sc.pool.releaseStepData(this.curMany);
      this.curMany = null;
    }
    while (this.manyRead < index) this.readManyUnused();
    const d = this.manyOp.nextSeries();
    this.manyRead++;
    this.noteManyPresence(d);
    this.curMany = d;
    this.curManyIndex = index;
    return d;
  }

  private readManyUnused(): void {
    this.manyRead++;
    if (this.manyNeededForCheck) {
      const d = this.manyOp.nextSeries();
      this.noteManyPresence(d);
      this.sc.pool.releaseStepData(d);
    } else {
      skipSeries(this.manyOp, (d) => this.sc.pool.releaseStepData(d));
    }
  }

  private noteManyPresence(d: StepData): void {
    const any = this.manyAnyPresent;
    if (any !== null) for (let i = 0; i < any.length; i++) any[i] |= d.present[i];
    if (this.manySigPresent.size > 0) {
      const m = this.manySigPresent.get(this.manySig[this.manyRead - 1]);
      if (m) for (let i = 0; i < m.length; i++) m[i] |= d.present[i];
    }
  }

  /** The one-side series `index`, reading forward and buffering what later pairs need. */
  private loadOne(index: number): StepData {
    const got = this.oneBuffered.get(index);
    if (got) return got;
    while (this.oneRead <= index) {
      const j = this.oneRead++;
      const needed = this.oneLastUse[j] >= this.nextPair || this.oneNeededForCheck[j] === 1;
      if (!needed) {
        skipSeries(this.oneOp, (d) => this.sc.pool.releaseStepData(d));
        continue;
      }
      const d = this.oneOp.nextSeries();
      this.noteOnePresence(j, d);
      if (this.oneLastUse[j] >= this.nextPair) this.oneBuffered.set(j, d);
      else this.sc.pool.releaseStepData(d);
    }
    return this.oneBuffered.get(index) as StepData;
  }

  private noteOnePresence(j: number, d: StepData): void {
    const g = this.riskyGroupOf[j];
    if (g < 0) return;
    const counts = this.riskyCounts[g];
    const first = this.riskyFirstPresent[g];
    const second = this.riskySecondPresent[g];
    for (let i = 0; i < counts.length; i++) {
      if (d.present[i] === 0) continue;
      if (counts[i] === 0) first[i] = j;
      else if (counts[i] === 1) second[i] = j;
      if (counts[i] < 2) counts[i]++;
    }
    this.oneNeededForCheck[j] = 0;
  }

  /**
   * Reads what the duplicate checks still need, drains both sides (Prometheus evaluates
   * every input series, so their annotations and errors must happen here too; selectors
   * skip without decoding), then throws the earliest recorded error.
   */
  private finishChecks(): void {
    if (this.riskyGroups.length > 0) {
      while (this.manyRead < this.manyMeta.length) {
        if (this.curMany !== null) {
          this.sc.pool.releaseStepData(this.curMany);
          this.curMany = null;
          this.curManyIndex = -1;
        }
        this.readManyUnused();
      }
      while (this.oneRead < this.oneMeta.length) {
        const j = this.oneRead++;
        if (this.riskyGroupOf[j] < 0) {
          skipSeries(this.oneOp, (d) => this.sc.pool.releaseStepData(d));
          continue;
        }
        const d = this.oneOp.nextSeries();
        this.noteOnePresence(j, d);
        this.sc.pool.releaseStepData(d);
      }
      const any = this.manyAnyPresent;
      const oneSide = this.matching.card === 'one-to-many' ? 'left' : 'right';
      for (let g = 0; g < this.riskyGroups.length; g++) {
        const counts = this.riskyCounts[g];
        for (let i = 0; i < counts.length; i++) {
          if (counts[i] < 2 || (any !== null && any[i] === 0)) continue;
          const a = this.oneMeta[this.riskyFirstPresent[g][i]].labels;
          const b = this.oneMeta[this.riskySecondPresent[g][i]].labels;
          const matched = matchLabels(b, this.matching.on, this.matching.matchingLabels);
          // Upstream fails at the first one-side series (in order) whose signature repeats.
          this.record(i, 0, this.riskySecondPresent[g][i], duplicateOnOneSideError(matched, oneSide, b, a));
          break;
        }
      }
    }
    if (this.curMany !== null) {
      this.sc.pool.releaseStepData(this.curMany);
      this.curMany = null;
      this.curManyIndex = -1;
    }
    while (this.manyRead < this.manyMeta.length) this.readManyUnused();
    while (this.oneRead < this.oneMeta.length) {
      this.oneRead++;
      skipSeries(this.oneOp, (d) => this.sc.pool.releaseStepData(d));
    }
    if (this.pending !== null) throw this.pending.error;
  }

  /** Whether an error at (step, phase, order) would precede the one recorded so far. */
  private wins(step: number, phase: number, order: number): boolean {
    const p = this.pending;
    return p === null || step < p.step || (step === p.step && (phase < p.phase || (phase === p.phase && order < p.order)));
  }

  private record(step: number, phase: number, order: number, error: PromQLError): void {
    if (this.wins(step, phase, order)) this.pending = { step, phase, order, error };
  }

  close(): void {
    const pool = this.sc.pool;
    if (this.curMany !== null) pool.releaseStepData(this.curMany);
    this.curMany = null;
    for (const d of this.oneBuffered.values()) pool.releaseStepData(d);
    this.oneBuffered.clear();
    for (const m of this.riskyCounts) pool.releaseUint8(m);
    this.riskyCounts = [];
    for (const m of this.collisionMasks) pool.releaseUint8(m);
    this.collisionMasks = [];
    if (this.manyAnyPresent !== null) pool.releaseUint8(this.manyAnyPresent);
    for (const m of this.manySigPresent.values()) pool.releaseUint8(m);
    this.manySigPresent.clear();
    this.manyAnyPresent = null;
    this.manyOp.close();
    this.oneOp.close();
  }
}
