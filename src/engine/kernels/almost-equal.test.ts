import { describe, expect, it } from 'vitest';
import { almostEqual } from './almost-equal.ts';

// Expectations from almost.Equal, util/almost/almost.go.
describe('almostEqual', () => {
  it('mirrors util/almost', () => {
    expect(almostEqual(1, 1 + 1e-13, 1e-12)).toBe(true);
    expect(almostEqual(1, 1 + 1e-11, 1e-12)).toBe(false);
    expect(almostEqual(NaN, NaN, 1e-12)).toBe(true);
    expect(almostEqual(NaN, 1, 1e-12)).toBe(false);
    expect(almostEqual(0, 1e-300, 1e-12)).toBe(false);
    expect(almostEqual(0, 0, 1e-12)).toBe(true);
    expect(almostEqual(Infinity, Infinity, 1e-12)).toBe(true);
    expect(almostEqual(Infinity, -Infinity, 1e-12)).toBe(false);
  });
  it('near zero, compares the absolute difference against epsilon × MinNormal', () => {
    expect(almostEqual(0, 1e-320, 1e-6)).toBe(true);
    expect(almostEqual(0, 1e-300, 1e-6)).toBe(false);
  });
});
