import { describe, expect, it } from 'vitest';
import { Annotations } from './annotations.ts';

describe('Annotations', () => {
  it('keeps one entry per text, with the last position, in first-seen order (as Prometheus)', () => {
    const a = new Annotations();
    a.warn('w1', { from: 0, to: 1 });
    a.info('i1', { from: 2, to: 3 });
    a.warn('w1', { from: 5, to: 9 });
    expect(a.list()).toEqual([
      { severity: 'warning', message: 'PromQL warning: w1', range: { from: 5, to: 9 } },
      { severity: 'info', message: 'PromQL info: i1', range: { from: 2, to: 3 } },
    ]);
  });
});
