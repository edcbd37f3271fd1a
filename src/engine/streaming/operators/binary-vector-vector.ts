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
 * One output series: a many-side series matched with a one-side unit, a many-side series
 * filled in where its one side is missing (`fill_right`/`fill`), or a one-side series
 * filled in where no many-side series matches (`fill_left`/`fill`).
 */
interface Pair {
  readonly kind: number;
  readonly many: number;
  /** KIND_PAIR: the one-side unit; KIND_FILL_LEFT: the one-side series. */
  readonly one: number;
  /** KIND_FILL_RIGHT: the one-side units of the many series' signature. */
  readonly units: readonly number[];
  /** KIND_FILL_LEFT: the signature, to look up the many side's presence. */
  readonly sig: string;
  /** Index into `collisionMasks` when this output can collide with another at one step, else -1. */
  mask: number;
}

const NO_UNITS: readonly number[] = [];

interface PendingError {
  step: number;
  phase: number;
  order: number;
  error: PromQLError;
}

/**
 * The one-side series are grouped into units: series of one signature and one set of
 * `group_x(…)` label values. Every member of a unit gives a many-side series the same
 * result labels, so a unit is one output per many-side series, not one per member (a
 * join on a label shared by n series on both sides would otherwise plan n² outputs).
 * A unit's members fold into one StepData whose presence is 0, 1 (one member present:
 * its value) or 2 (several present: the step fails with "found duplicate series…",
 * which the duplicate check records, so the output's value there is never seen).
 */
const CONFLICT = 2;

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
  /** One side: next index to read. */
  private oneRead = 0;
  /** One-side units: unit of each series, last member and last pair using each unit. */
  private unitOf: Int32Array = new Int32Array(0);
  private unitLastMember: Int32Array = new Int32Array(0);
  private unitLastUse: Int32Array = new Int32Array(0);
  /** Folded unit data, held from the first member read until the unit's last use. */
  private readonly unitData = new Map<number, StepData>();
  /** fill_left: one-side series buffered for their own output, and its index. */
  private readonly oneBuffered = new Map<number, StepData>();
  private memberLastUse: Int32Array = new Int32Array(0);
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
    const { fillLeft, fillRight, on, matchingLabels, include } = this.matching;
    const oneBySig = new Map<string, number[]>();
    /** Per signature, its units (in order of first member), and per unit its first member. */
    const unitsBySig = new Map<string, number[]>();
    const unitFirst: number[] = [];
    const unitLast: number[] = [];
    const unitByKey = new Map<string, number>();
    this.unitOf = new Int32Array(this.oneMeta.length);
    for (let j = 0; j < this.oneMeta.length; j++) {
      const ol = this.oneMeta[j].labels;
      const k = sig.of(ol);
      const g = oneBySig.get(k);
      if (g) g.push(j);
      else oneBySig.set(k, [j]);
      const unitKey = include.length === 0 ? k : k + '\u0000' + includeValues(ol, include);
      let u = unitByKey.get(unitKey);
      if (u === undefined) {
        u = unitFirst.length;
        unitByKey.set(unitKey, u);
        unitFirst.push(j);
        unitLast.push(j);
        const us = unitsBySig.get(k);
        if (us) us.push(u);
        else unitsBySig.set(k, [u]);
      } else unitLast[u] = j;
      this.unitOf[j] = u;
    }
    this.unitLastMember = Int32Array.from(unitLast);
    const n = this.grid.stepCount;
    this.riskyGroupOf = new Int32Array(this.oneMeta.length).fill(-1);
    for (const g of oneBySig.values()) {
      if (g.length < 2) continue;
      const id = this.riskyGroups.length;
      this.riskyGroups.push(g);
      for (const j of g) this.riskyGroupOf[j] = id;
      this.riskyCounts.push(this.sc.pool.acquireUint8(n, 'binary operation duplicate check'));
      this.riskyFirstPresent.push(new Int32Array(n).fill(-1));
      this.riskySecondPresent.push(new Int32Array(n).fill(-1));
    }
    this.hasFill = fillLeft !== null || fillRight !== null;
    // With a fill value only an empty pair of sides short-circuits (VectorBinop), so a
    // duplicate on the one side fails whatever the many side holds.
    if (this.riskyGroups.length > 0 && !this.hasFill) {
      this.manyNeededForCheck = true;
      this.manyAnyPresent = this.sc.pool.acquireUint8(n, 'binary operation presence');
    }
    const oneToOne = this.matching.card === 'one-to-one';
    const dropMetricName = !this.sc.ctx.delayedNameRemoval && this.node.returnBool;
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
      const us = unitsBySig.get(k);
      if (us) {
        for (const u of us) {
          const labels: Labels = resultMetric(ml, this.oneMeta[unitFirst[u]].labels, this.node.op, this.matching, dropMetricName);
          add({ kind: KIND_PAIR, many: i, one: u, units: NO_UNITS, sig: k, mask: -1 }, labels, keyOf(k, labels));
        }
      }
      if (fillRight !== null) {
        const labels = resultMetric(ml, matchLabels(ml, on, matchingLabels), this.node.op, this.matching, dropMetricName);
        add({ kind: KIND_FILL_RIGHT, many: i, one: -1, units: us ?? NO_UNITS, sig: k, mask: -1 }, labels, keyOf(k, labels));
      }
    }
    if (fillLeft !== null) {
      for (let j = 0; j < this.oneMeta.length; j++) {
        const ol = this.oneMeta[j].labels;
        const k = sig.of(ol);
        if (!this.manySigPresent.has(k)) this.manySigPresent.set(k, this.sc.pool.acquireUint8(n, 'binary operation fill presence'));
        add({ kind: KIND_FILL_LEFT, many: -1, one: j, units: NO_UNITS, sig: k, mask: -1 }, resultMetric(matchLabels(ol, on, matchingLabels), ol, this.node.op, this.matching, dropMetricName), null);
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
    this.unitLastUse = new Int32Array(unitFirst.length).fill(-1);
    this.memberLastUse = new Int32Array(this.oneMeta.length).fill(-1);
    for (let p = 0; p < this.pairs.length; p++) {
      const pair = this.pairs[p];
      if (pair.kind === KIND_FILL_RIGHT) for (const u of pair.units) this.unitLastUse[u] = p;
      else if (pair.kind === KIND_PAIR) this.unitLastUse[pair.one] = p;
      else this.memberLastUse[pair.one] = p;
    }
    if (this.pairs.length === 0) this.finishChecks();
    return out;
  }

  nextSeries(): StepData {
    const p = this.pairs[this.nextPair];
    if (p.kind === KIND_FILL_LEFT) this.drainMany();
    const many = p.kind === KIND_FILL_LEFT ? null : this.loadMany(p.many);
    const one = p.kind === KIND_PAIR ? this.loadUnit(p.one) : p.kind === KIND_FILL_LEFT ? this.loadMember(p.one) : null;
    let matchedAt: Uint8Array | null = null;
    if (p.kind === KIND_FILL_RIGHT && p.units.length > 0) {
      matchedAt = this.loadUnit(p.units[0]).present;
      if (p.units.length > 1) {
        // Several units of one signature: the steps where any of them is present.
        const any = this.sc.pool.acquireUint8(this.grid.stepCount, 'binary operation fill match');
        for (const u of p.units) {
          const pr = this.loadUnit(u).present;
          for (let i = 0; i < any.length; i++) if (pr[i] !== 0) any[i] = 1;
        }
        matchedAt = any;
      }
    }
    try {
      return this.compute(p, many, one, matchedAt);
    } finally {
      if (matchedAt !== null && p.units.length > 1) this.sc.pool.releaseUint8(matchedAt);
    }
  }

  private compute(p: Pair, many: StepData | null, one: StepData | null, matchedAt: Uint8Array | null): StepData {
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
    const ov_ = one === null ? null : one.values;
    const op_ = one === null ? null : one.present;
    const mv_ = many === null ? null : many.values;
    const mp_ = many === null ? null : many.present;
    for (let i = 0; i < n; i++) {
      let mv: number;
      let ov: number;
      if (p.kind === KIND_PAIR) {
        const oneAt = (op_ as Uint8Array)[i];
        // CONFLICT: the duplicate check fails this step (the many side is present here).
        if ((mp_ as Uint8Array)[i] === 0 || oneAt === 0 || oneAt === CONFLICT) continue;
        mv = (mv_ as Float64Array)[i];
        ov = (ov_ as Float64Array)[i];
      } else if (p.kind === KIND_FILL_RIGHT) {
        if ((mp_ as Uint8Array)[i] === 0) continue;
        if (matchedAt !== null && matchedAt[i] !== 0) continue;
        mv = (mv_ as Float64Array)[i];
        ov = fillR;
      } else {
        if ((op_ as Uint8Array)[i] === 0 || (manyPresence as Uint8Array)[i] === 1) continue;
        mv = fillL;
        ov = (ov_ as Float64Array)[i];
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
    if (p.kind === KIND_FILL_RIGHT) for (const u of p.units) this.releaseUnitAfter(u);
    else if (p.kind === KIND_PAIR) this.releaseUnitAfter(p.one);
    else this.releaseMemberAfter(p.one);
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

  /** Releases unit `u` when the current output was its last use. */
  private releaseUnitAfter(u: number): void {
    if (this.unitLastUse[u] !== this.nextPair) return;
    const d = this.unitData.get(u);
    if (!d) return;
    this.unitData.delete(u);
    this.sc.pool.releaseStepData(d);
  }

  /** Releases fill_left's one-side series `j` after its own output. */
  private releaseMemberAfter(j: number): void {
    if (this.memberLastUse[j] !== this.nextPair) return;
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

  /** The folded data of one-side unit `u`, reading the one side forward to its last member. */
  private loadUnit(u: number): StepData {
    this.readOneUpTo(this.unitLastMember[u]);
    return this.unitData.get(u) as StepData;
  }

  /** fill_left's one-side series `j`, reading the one side forward to it. */
  private loadMember(j: number): StepData {
    this.readOneUpTo(j);
    return this.oneBuffered.get(j) as StepData;
  }

  /**
   * Reads one-side series up to `last`: each is noted for the duplicate check, folded into
   * its unit while a later output needs the unit, and kept on its own for fill_left;
   * series nothing needs are skipped without decoding.
   */
  private readOneUpTo(last: number): void {
    while (this.oneRead <= last) {
      const j = this.oneRead++;
      const u = this.unitOf[j];
      const unitNeeded = this.unitLastUse[u] >= this.nextPair;
      const memberNeeded = this.memberLastUse[j] >= this.nextPair;
      const checked = this.riskyGroupOf[j] >= 0;
      if (!unitNeeded && !memberNeeded && !checked) {
        skipSeries(this.oneOp, (d) => this.sc.pool.releaseStepData(d));
        continue;
      }
      const d = this.oneOp.nextSeries();
      if (checked) this.noteOnePresence(j, d);
      let kept = false;
      if (unitNeeded) kept = this.foldIntoUnit(u, d, memberNeeded);
      if (memberNeeded) {
        this.oneBuffered.set(j, d);
        kept = true;
      }
      if (!kept) this.sc.pool.releaseStepData(d);
    }
  }

  /**
   * Folds one member's data into its unit. The first member's buffer becomes the unit's
   * (copied when it is also kept on its own); returns whether `d` was taken over.
   */
  private foldIntoUnit(u: number, d: StepData, copy: boolean): boolean {
    const acc = this.unitData.get(u);
    if (acc === undefined) {
      if (!copy) {
        this.unitData.set(u, d);
        return true;
      }
      const c = this.sc.pool.acquireStepData(this.grid.stepCount, 'binary operation one side');
      c.values.set(d.values);
      c.present.set(d.present);
      this.unitData.set(u, c);
      return false;
    }
    const av = acc.values;
    const ap = acc.present;
    const dv = d.values;
    const dp = d.present;
    for (let i = 0; i < ap.length; i++) {
      if (dp[i] === 0) continue;
      if (ap[i] === 0) {
        av[i] = dv[i];
        ap[i] = 1;
      } else ap[i] = CONFLICT;
    }
    return false;
  }

  private noteOnePresence(j: number, d: StepData): void {
    const g = this.riskyGroupOf[j];
    const counts = this.riskyCounts[g];
    const first = this.riskyFirstPresent[g];
    const second = this.riskySecondPresent[g];
    for (let i = 0; i < counts.length; i++) {
      if (d.present[i] === 0) continue;
      if (counts[i] === 0) first[i] = j;
      else if (counts[i] === 1) second[i] = j;
      if (counts[i] < 2) counts[i]++;
    }
  }

  /**
   * Reads what the duplicate checks still need, drains both sides (Prometheus evaluates
   * every input series, so their annotations and errors must happen here too; selectors
   * skip without decoding), then throws the earliest recorded error.
   */
  private finishChecks(): void {
    if (this.curMany !== null) {
      this.sc.pool.releaseStepData(this.curMany);
      this.curMany = null;
      this.curManyIndex = -1;
    }
    while (this.manyRead < this.manyMeta.length) this.readManyUnused();
    this.readOneUpTo(this.oneMeta.length - 1);
    if (this.riskyGroups.length > 0) {
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
    for (const d of this.unitData.values()) pool.releaseStepData(d);
    this.unitData.clear();
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

/** The values of the `group_x(…)` labels in a one-side label set (missing → ''), as one key. */
function includeValues(labels: Labels, include: readonly string[]): string {
  let s = '';
  for (const name of include) {
    let v = '';
    for (let i = 0; i < labels.length; i++) if (labels[i].name === name) v = labels[i].value;
    s += v.length + ':' + v;
  }
  return s;
}
