import { describe, expect, it } from 'vitest';
import { MIN_RANGE_MS, validateRange, validateStep } from './TimeControls.tsx';

describe('time validation', () => {
  const span = 6 * 3_600_000;
  it('accepts ranges from 5m to the dataset span', () => {
    expect(validateRange(MIN_RANGE_MS, span)).toBeNull();
    expect(validateRange(span, span)).toBeNull();
    expect(validateRange(60_000, span)).toMatch(/at least 5m/);
    expect(validateRange(span + 1000, span)).toMatch(/at most 6h/);
    expect(validateRange(NaN, span)).toMatch(/not a duration/);
  });
  it('rejects steps that give more than 11,000 points', () => {
    expect(validateStep(15_000, span)).toBeNull();
    expect(validateStep(1000, span)).toMatch(/too many points.*at least 2s/);
    expect(validateStep(0, span)).toMatch(/positive/);
  });
});
