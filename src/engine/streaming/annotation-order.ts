/**
 * Annotation order. The query's annotations keep one entry per text with the position of
 * the last one added (as Prometheus's map does), so when two nodes raise the same text
 * the survivor depends on the order upstream merges them: each node's children in
 * evaluation order, then the node's own. A streaming pipeline interleaves its operators'
 * work, so every plan node gets its own sink, and the sinks are merged in that
 * post-order when the query ends.
 */
import { Annotations } from '../model/annotations.ts';

export class AnnotationNode {
  readonly own = new Annotations();
  readonly children: AnnotationNode[] = [];

  /** Adds this sub-tree's annotations to `into`: children first (in order), then own. */
  flushInto(into: Annotations): void {
    for (const c of this.children) c.flushInto(into);
    into.merge(this.own);
  }
}
