/**
 * The set operators `and`, `or`, `unless` between instant vectors (many-to-many).
 * Mirrors VectorAnd / VectorOr / VectorUnless, promql/engine.go, and Mimir's
 * operators/binops AndUnlessBinaryOperation / OrBinaryOperation.
 *
 * Contract:
 * - `and`/`unless`: seriesMetadata() reads both sides' metadata; the rhs series whose
 *   signature occurs on the lhs are read first, one at a time, and folded into one
 *   presence mask per signature (the only buffering: signatures × steps bytes); rhs
 *   series that match nothing are skipped without decoding. Then lhs series stream
 *   through, each masked in place. For `and`, lhs series that match nothing are skipped
 *   (and come out all-absent).
 * - `or`: lhs series stream through unchanged while their presence is folded into one
 *   mask per signature that the rhs uses; then rhs series stream through, keeping the
 *   steps where no lhs series of their signature was present.
 * Returned StepData is owned by the caller; series keep their own labels and marks.
 */
import type { BinaryExpr, VectorMatching } from '../../parser/ast.ts';
import { MatchingSignature } from '../../kernels/vector-matching.ts';
import { skipSeries, type InstantVectorOperator, type SeriesMeta, type StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class SetOperationOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private lhsSig: string[] = [];
  private rhsSig: string[] = [];
  private masks = new Map<string, Uint8Array>();
  private lhsCount = 0;
  private rhsCount = 0;
  private nextOut = 0;
  private rhsNeeded: Uint8Array = new Uint8Array(0);
  private lhsNeeded: Uint8Array = new Uint8Array(0);
  private rhsLoaded = false;

  constructor(
    private readonly sc: StreamingContext,
    private readonly node: BinaryExpr,
    private readonly lhs: InstantVectorOperator,
    private readonly rhs: InstantVectorOperator,
  ) {
    this.grid = lhs.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    const lm = this.lhs.seriesMetadata();
    const rm = this.rhs.seriesMetadata();
    const sig = new MatchingSignature(this.node.matching as VectorMatching);
    this.lhsSig = lm.map((m) => sig.of(m.labels));
    this.rhsSig = rm.map((m) => sig.of(m.labels));
    this.lhsCount = lm.length;
    this.rhsCount = rm.length;
    const lset = new Set(this.lhsSig);
    const rset = new Set(this.rhsSig);
    const n = this.grid.stepCount;
    this.rhsNeeded = new Uint8Array(rm.length);
    this.lhsNeeded = new Uint8Array(lm.length);
    for (let j = 0; j < rm.length; j++) if (lset.has(this.rhsSig[j])) this.rhsNeeded[j] = 1;
    for (let i = 0; i < lm.length; i++) if (rset.has(this.lhsSig[i])) this.lhsNeeded[i] = 1;
    const shared = this.node.op === 'or' ? this.lhsSig : this.rhsSig;
    for (let k = 0; k < shared.length; k++) {
      const s = shared[k];
      if ((this.node.op === 'or' ? rset : lset).has(s) && !this.masks.has(s)) this.masks.set(s, this.sc.pool.acquireUint8(n, 'set operation signature mask'));
    }
    // Prometheus evaluates the rhs even when no lhs series can use it (annotations, errors).
    if (this.node.op !== 'or' && lm.length === 0) this.loadRhs();
    return this.node.op === 'or' ? [...lm, ...rm] : lm;
  }

  nextSeries(): StepData {
    const op = this.node.op;
    const k = this.nextOut++;
    if (op === 'or') {
      if (k < this.lhsCount) {
        const d = this.lhs.nextSeries();
        const mask = this.masks.get(this.lhsSig[k]);
        if (mask) for (let i = 0; i < mask.length; i++) mask[i] |= d.present[i];
        return d;
      }
      const j = k - this.lhsCount;
      const d = this.rhs.nextSeries();
      const mask = this.masks.get(this.rhsSig[j]);
      if (mask) for (let i = 0; i < mask.length; i++) if (mask[i] === 1) d.present[i] = 0;
      return d;
    }
    if (!this.rhsLoaded) this.loadRhs();
    if (op === 'and' && this.lhsNeeded[k] === 0) {
      skipSeries(this.lhs, (d) => this.sc.pool.releaseStepData(d));
      return this.sc.pool.acquireStepData(this.grid.stepCount, 'set operation output');
    }
    const d = this.lhs.nextSeries();
    const mask = this.masks.get(this.lhsSig[k]);
    if (op === 'and') {
      const m = mask as Uint8Array;
      for (let i = 0; i < m.length; i++) if (m[i] === 0) d.present[i] = 0;
    } else if (mask) {
      for (let i = 0; i < mask.length; i++) if (mask[i] === 1) d.present[i] = 0;
    }
    return d;
  }

  private loadRhs(): void {
    this.rhsLoaded = true;
    for (let j = 0; j < this.rhsCount; j++) {
      if (this.rhsNeeded[j] === 0) {
        skipSeries(this.rhs, (d) => this.sc.pool.releaseStepData(d));
        continue;
      }
      const d = this.rhs.nextSeries();
      const mask = this.masks.get(this.rhsSig[j]) as Uint8Array;
      for (let i = 0; i < mask.length; i++) mask[i] |= d.present[i];
      this.sc.pool.releaseStepData(d);
    }
  }

  close(): void {
    for (const m of this.masks.values()) this.sc.pool.releaseUint8(m);
    this.masks.clear();
    this.lhs.close();
    this.rhs.close();
  }
}
