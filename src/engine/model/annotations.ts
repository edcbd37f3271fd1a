import type { PosRange } from './position.ts';

/** A warning or an info, as Prometheus's `annotations` package has them. */
export interface Annotation {
  readonly severity: 'warning' | 'info';
  /**
   * The text with Prometheus's prefix, e.g. `PromQL info: metric might not be a counter,
   * name does not end in _total/_sum/_count/_bucket: "foo"`, without the position.
   */
  readonly message: string;
  /** The sub-expression the annotation is about. */
  readonly range: PosRange;
}

/**
 * Collects annotations for one query. Like Prometheus's `annotations.Annotations` (a map
 * keyed by the text without its position, util/annotations/annotations.go), one text
 * reported at several places is kept once, with the position of the last report; the
 * list keeps the order of first appearance. Never throws.
 */
export class Annotations {
  private readonly byMessage = new Map<string, Annotation>();

  add(a: Annotation): void {
    // Map.set on an existing key replaces the value but keeps the key's first position.
    this.byMessage.set(a.message, a);
  }

  warn(message: string, range: PosRange): void {
    this.add({ severity: 'warning', message: `PromQL warning: ${message}`, range });
  }

  info(message: string, range: PosRange): void {
    this.add({ severity: 'info', message: `PromQL info: ${message}`, range });
  }

  merge(other: Annotations): void {
    for (const a of other.list()) this.add(a);
  }

  list(): Annotation[] {
    return [...this.byMessage.values()];
  }

  get size(): number {
    return this.byMessage.size;
  }
}
