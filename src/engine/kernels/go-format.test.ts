import { describe, expect, it } from 'vitest';
import { formatOpenMetricsFloat, goFormatF, goFormatG, goFormatGPrecision } from './go-format.ts';

describe('goFormatG (%g)', () => {
  it('formats like Go', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '-0'],
      [1.5, '1.5'],
      [-1, '-1'],
      [100000, '100000'],
      [1e6, '1e+06'],
      [1234567, '1.234567e+06'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5e-7, '1.5e-07'],
      [1e21, '1e+21'],
      [1e100, '1e+100'],
      [NaN, 'NaN'],
      [Infinity, '+Inf'],
      [-Infinity, '-Inf'],
      [0.1 + 0.2, '0.30000000000000004'],
    ];
    for (const [x, s] of cases) expect(goFormatG(x)).toBe(s);
  });
});

describe('goFormatF (%f)', () => {
  it('formats like Go', () => {
    const cases: [number, string][] = [
      [1, '1.000000'],
      [0, '0.000000'],
      [-0.25, '-0.250000'],
      [1.5, '1.500000'],
      [123.4567891, '123.456789'],
      [NaN, 'NaN'],
      [Infinity, '+Inf'],
      [-Infinity, '-Inf'],
      [1e22, '10000000000000000000000.000000'],
      // Exact binary ties round half to even in Go: 1/128 = 0.0078125.
      [0.0078125, '0.007812'],
      [0.0234375, '0.023438'],
    ];
    for (const [x, s] of cases) expect(goFormatF(x)).toBe(s);
  });
});

describe('goFormatGPrecision (%.2g)', () => {
  it('formats like Go', () => {
    const cases: [number, string][] = [
      [5, '5'],
      [50, '50'],
      [500, '5e+02'],
      [0.5, '0.5'],
      [1, '1'],
      [1.25, '1.2'], // exact tie → even
      [1.35, '1.4'], // 1.35 is slightly above the tie in binary
      [0.125, '0.12'],
      [0.375, '0.38'],
      [99.5, '1e+02'],
      [0.00012345, '0.00012'],
      [0.000012345, '1.2e-05'],
      [-3.14159, '-3.1'],
      [NaN, 'NaN'],
    ];
    for (const [x, s] of cases) expect(goFormatGPrecision(x, 2)).toBe(s);
  });
});

describe('formatOpenMetricsFloat', () => {
  it('formats like model/labels', () => {
    const cases: [number, string][] = [
      [1, '1.0'],
      [0, '0.0'],
      [-0, '0.0'],
      [-1, '-1.0'],
      [2, '2.0'],
      [0.5, '0.5'],
      [0.99, '0.99'],
      [1e6, '1e+06'],
      [123456, '123456.0'],
      [NaN, 'NaN'],
      [Infinity, '+Inf'],
      [-Infinity, '-Inf'],
    ];
    for (const [x, s] of cases) expect(formatOpenMetricsFloat(x)).toBe(s);
  });
});
