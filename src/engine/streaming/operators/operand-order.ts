/**
 * Prometheus evaluates an operation's operands in order, each over the whole range
 * (rangeEval, promql/engine.go): a binary operation's lhs before its rhs, a function's
 * arguments left to right. So an error anywhere in an earlier operand wins over any error
 * in a later one. A streaming operator pulls its operands interleaved, series by series
 * (or, as clamp and round do, evaluates the scalar arguments before reading the vector),
 * so a later operand can fail first. These wrappers restore the order: when the right
 * (later) operand fails, the rest of the left (earlier) one is read and released first,
 * and its error, if it has one, is thrown instead.
 *
 * Only failures pay: on success each call is passed through (plus a count of the left
 * operand's series). `skipSeries` is offered exactly when the wrapped operator offers it.
 */
import type { RangeWindow } from '../../kernels/types.ts';
import type { InstantVectorOperator, RangeVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import type { BufferPool } from '../pool.ts';

/** An earlier operand whose unread rest can be read, so that its error surfaces. */
interface EarlierOperand {
  /** Reads the series not read yet (none before seriesMetadata()); throws the operand's error if it has one. */
  drain(): void;
}

/** The left operand: counts the series read, so that the rest can be drained. */
export class LeftOperand implements InstantVectorOperator, EarlierOperand {
  readonly kind = 'vector' as const;
  readonly grid;
  private seriesCount = -1;
  private read = 0;

  constructor(private readonly inner: InstantVectorOperator, private readonly pool: BufferPool) {
    this.grid = inner.grid;
    if (inner.skipSeries) {
      this.skipSeries = () => {
        this.read++;
        (inner.skipSeries as () => void).call(inner);
      };
    }
  }

  skipSeries?: () => void;

  seriesMetadata(): SeriesMeta[] {
    const meta = this.inner.seriesMetadata();
    this.seriesCount = meta.length;
    return meta;
  }

  nextSeries(): StepData {
    this.read++;
    return this.inner.nextSeries();
  }

  /** Reads the series not read yet (none before seriesMetadata()), releasing them; throws the operand's error if it has one. */
  drain(): void {
    while (this.read < this.seriesCount) this.pool.releaseStepData(this.nextSeries());
  }

  close(): void {
    this.inner.close();
  }
}

/**
 * A range-vector first argument (a subquery, which upstream evaluates before a range
 * function's other arguments): counts the series read, so that the rest can be drained.
 */
export class LeftRangeOperand implements RangeVectorOperator, EarlierOperand {
  readonly kind = 'matrix' as const;
  readonly grid;
  readonly rangeMs: number;
  private seriesCount = -1;
  private read = 0;

  constructor(private readonly inner: RangeVectorOperator) {
    this.grid = inner.grid;
    this.rangeMs = inner.rangeMs;
  }

  seriesMetadata(): SeriesMeta[] {
    const meta = this.inner.seriesMetadata();
    this.seriesCount = meta.length;
    return meta;
  }

  nextSeries(): void {
    this.read++;
    this.inner.nextSeries();
  }

  nextStepWindow(step: number, w: RangeWindow): void {
    this.inner.nextStepWindow(step, w);
  }

  drain(): void {
    while (this.read < this.seriesCount) this.nextSeries();
  }

  close(): void {
    this.inner.close();
  }
}

/** Runs `f`; when it fails, drains `left` first, whose error then wins. */
export function afterLeft<T>(left: EarlierOperand, f: () => T): T {
  try {
    return f();
  } catch (e) {
    left.drain();
    throw e;
  }
}

/** A right vector operand evaluated, as far as errors go, after `left`. */
export class RightVectorOperand implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid;

  constructor(private readonly inner: InstantVectorOperator, private readonly left: LeftOperand) {
    this.grid = inner.grid;
    if (inner.skipSeries) this.skipSeries = () => afterLeft(left, () => (inner.skipSeries as () => void).call(inner));
  }

  skipSeries?: () => void;

  seriesMetadata(): SeriesMeta[] {
    return afterLeft(this.left, () => this.inner.seriesMetadata());
  }

  nextSeries(): StepData {
    return afterLeft(this.left, () => this.inner.nextSeries());
  }

  close(): void {
    this.inner.close();
  }
}

/** A right scalar operand evaluated, as far as errors go, after `left`. */
export class RightScalarOperand implements ScalarOperator {
  readonly kind = 'scalar' as const;
  readonly grid;

  constructor(private readonly inner: ScalarOperator, private readonly left: EarlierOperand) {
    this.grid = inner.grid;
  }

  values(): Float64Array {
    return afterLeft(this.left, () => this.inner.values());
  }

  close(): void {
    this.inner.close();
  }
}
