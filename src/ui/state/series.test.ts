import { describe, expect, it } from 'vitest';
import { seriesColor, seriesName } from './series.ts';

describe('seriesName', () => {
  it('prints Prometheus text form with quoted values', () => {
    expect(seriesName([['__name__', 'up'], ['instance', 'a:9090'], ['job', 'x"y']])).toBe('up{instance="a:9090", job="x\\"y"}');
    expect(seriesName([['__name__', 'up']])).toBe('up');
    expect(seriesName([['job', 'api']])).toBe('{job="api"}');
    expect(seriesName([])).toBe('{}');
  });
  it('gives distinct colours beyond the palette', () => {
    const colors = new Set(Array.from({ length: 50 }, (_, i) => seriesColor(i)));
    expect(colors.size).toBe(50);
  });
});
