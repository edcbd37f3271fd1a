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
 * Collects annotations for one query, deduplicated by (severity, message, range), in
 * insertion order. Never throws.
 */
export class Annotations {
  private readonly byKey = new Map<string, Annotation>();

  add(a: Annotation): void {
    const key = `${a.severity}\u0000${a.message}\u0000${a.range.from}:${a.range.to}`;
    if (!this.byKey.has(key)) this.byKey.set(key, a);
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
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.byKey.size;
  }
}
