import type { MemoryPoint } from './memory-tracker.ts';

/** Per-node (naive) or per-operator (streaming) figures, for the explain view. */
export interface NodeStats {
  /** Canonical PromQL of the node, or the operator's name and arguments. */
  readonly label: string;
  readonly depth: number;
  readonly timeMs: number;
  readonly seriesOut: number;
  readonly samplesDecoded: number;
  readonly peakBytes: number;
  /**
   * false for a row whose operator is not timed on its own (the streaming evaluator's
   * range-vector and string operators, whose per-step calls are too hot to time): its
   * time, samples and bytes are counted in the row of the function that reads it.
   */
  readonly timed: boolean;
}

/** Query statistics; the same shape for both evaluators (DESIGN.md §4). */
export interface QueryStats {
  readonly evaluator: 'naive' | 'streaming';
  readonly phases: { readonly parseMs: number; readonly planMs: number; readonly evaluateMs: number; readonly serializeMs: number };
  readonly wallMs: number;
  readonly peakTrackedBytes: number;
  readonly memoryTimeline: readonly MemoryPoint[];
  /** Most float samples held at once (Prometheus's peak samples). */
  readonly peakSamples: number;
  /** Samples decoded from chunks, in total (Prometheus's total queryable samples). */
  readonly samplesDecoded: number;
  readonly seriesOut: number;
  readonly nodes: readonly NodeStats[];
}
