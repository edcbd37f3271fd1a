/** Tests of the aggregation kernels with hand-computed values and published hash vectors. */
import { describe, expect, it } from 'vitest';
import { FloatAggregator } from './aggregation.ts';
import { KSelector } from './aggregation-k.ts';
import { keepByRatio, xxhash64 } from './aggregation-ratio-sampler.ts';
import { formatFloatPlain } from './aggregation-count-values.ts';

function run(op: ConstructorParameters<typeof FloatAggregator>[0], xs: number[], q?: number): number {
  const a = new FloatAggregator(op, 1);
  for (const x of xs) a.addSeries(Float64Array.of(x), Uint8Array.of(1), false);
  const v = new Float64Array(1);
  const p = new Uint8Array(1);
  a.finish(v, p, q === undefined ? undefined : Float64Array.of(q));
  return v[0];
}

describe('FloatAggregator', () => {
  it('sums with Kahan compensation', () => {
    expect(run('sum', [1e100, 1, -1e100])).toBe(1);
    expect(run('avg', [1e100, 1, -1e100])).toBeCloseTo(1 / 3, 15);
  });
  it('falls back to the incremental mean when the sum overflows', () => {
    expect(run('avg', [Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Number.MAX_VALUE);
  });
  it('min/max replace NaN; stddev of constants is 0; NaN poisons stdvar', () => {
    expect(run('max', [NaN, 3, 2])).toBe(3);
    expect(run('min', [NaN, 3, 2])).toBe(2);
    expect(run('stddev', [2, 2, 2])).toBe(0);
    expect(run('stdvar', [1, 3])).toBe(1);
    expect(run('stdvar', [NaN, 3])).toBeNaN();
  });
  it('quantile interpolates and handles the φ domain', () => {
    expect(run('quantile', [1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(run('quantile', [1, 2], -1)).toBe(-Infinity);
    expect(run('quantile', [1, 2], 2)).toBe(Infinity);
  });
  it('group and count', () => {
    expect(run('group', [5, 7])).toBe(1);
    expect(run('count', [5, 7, NaN])).toBe(3);
  });
});

describe('KSelector', () => {
  it('topk orders descending with NaN last; bottomk ascending', () => {
    const t = new KSelector('topk');
    t.begin(3);
    [1, NaN, 5, 3].forEach((v, i) => t.offer(i, v));
    expect(t.result()).toEqual([2, 3, 0]);
    const b = new KSelector('bottomk');
    b.begin(2);
    [NaN, 4, 2, 9].forEach((v, i) => b.offer(i, v));
    expect(b.result()).toEqual([2, 1]);
  });
  it('limitk takes the first k', () => {
    const l = new KSelector('limitk');
    l.begin(2);
    [9, 8, 7].forEach((v, i) => l.offer(i, v));
    expect(l.result().sort()).toEqual([0, 1]);
  });
});

describe('ratio sampler', () => {
  it('xxhash64 matches the reference vectors', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(xxhash64(enc(''))).toBe(0xef46db3751d8e999n);
    expect(xxhash64(enc('a'))).toBe(0xd24ec4f1a98c6e5bn);
    expect(xxhash64(enc('abc'))).toBe(0x44bc2cf5ad770999n);
    expect(xxhash64(enc('Nobody inspects the spammish repetition'))).toBe(0xfbcea83c8a378bf1n);
  });
  it('negative ratios select the complement', () => {
    expect(keepByRatio(0.3, 0.2)).toBe(true);
    expect(keepByRatio(-0.7, 0.2)).toBe(false);
    expect(keepByRatio(-0.7, 0.35)).toBe(true);
  });
});

describe('formatFloatPlain', () => {
  it('prints like strconv.FormatFloat(f, f, -1, 64)', () => {
    expect(formatFloatPlain(1e21)).toBe('1000000000000000000000');
    expect(formatFloatPlain(1.5e-7)).toBe('0.00000015');
    expect(formatFloatPlain(-2.5)).toBe('-2.5');
    expect(formatFloatPlain(Infinity)).toBe('+Inf');
    expect(formatFloatPlain(NaN)).toBe('NaN');
  });
});
