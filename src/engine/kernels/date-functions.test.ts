import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilViaFastPathForTest,
  civilViaGoAlgorithmForTest,
  dateKernels,
  dayOfMonth,
  dayOfWeek,
  dayOfYear,
  daysInMonth,
  hour,
  minute,
  month,
  UNIX_TO_ABSOLUTE,
  year,
} from './date-functions.ts';

// Cases transcribed from functions.test ("Test time-related functions").
describe('date functions (functions.test)', () => {
  it('at the epoch', () => {
    expect([year(0), month(0), dayOfMonth(0), dayOfYear(0), dayOfWeek(0), hour(0), minute(0)]).toEqual([1970, 1, 1, 1, 4, 0, 0]);
  });
  it('2006-01-02T22:04:05Z', () => {
    const t = 1136239445;
    expect([year(t), month(t), dayOfMonth(t), dayOfYear(t), dayOfWeek(t), hour(t), minute(t)]).toEqual([2006, 1, 2, 2, 1, 22, 4]);
  });
  it('leap seconds, leap years', () => {
    expect(year(1230767999)).toBe(2008);
    expect(year(1230768000)).toBe(2009);
    expect(month(1456790399) + dayOfMonth(1456790399) / 100).toBe(2.29);
    expect(month(1456790400) + dayOfMonth(1456790400) / 100).toBe(3.01);
    expect(dayOfYear(1483191420)).toBe(366);
    expect(dayOfYear(1672493820)).toBe(365);
    expect(daysInMonth(1454284800)).toBe(29);
    expect(daysInMonth(1485907200)).toBe(28);
  });
  it('registry has all eight', () => {
    expect(Object.keys(dateKernels).sort()).toEqual(
      ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'].sort(),
    );
  });
});

describe('Go semantics', () => {
  it('truncates toward zero before converting', () => {
    // time.Unix(int64(-0.5)) is the epoch; -1 s is 1969-12-31T23:59:59.
    expect(hour(-0.5)).toBe(0);
    expect(year(-0.5)).toBe(1970);
    expect([year(-1), month(-1), dayOfMonth(-1), hour(-1), minute(-1), dayOfWeek(-1), dayOfYear(-1)]).toEqual([1969, 12, 31, 23, 59, 3, 365]);
    expect(minute(59.9)).toBe(0);
  });
  it('has the right absolute-epoch offset', () => {
    expect(UNIX_TO_ABSOLUTE).toBe(9223372028741760000n);
  });
  it('proleptic Gregorian far in the past and future', () => {
    // 0000-03-01 and 1600-02-29 via JS Date (which is proleptic Gregorian too).
    for (const iso of ['0000-03-01T00:00:00Z', '1600-02-29T12:34:00Z', '-000400-02-29T23:59:00Z', '+275000-12-31T00:00:00Z']) {
      const t = Date.parse(iso) / 1000;
      const d = new Date(t * 1000);
      expect(year(t)).toBe(d.getUTCFullYear());
      expect(month(t)).toBe(d.getUTCMonth() + 1);
      expect(dayOfMonth(t)).toBe(d.getUTCDate());
      expect(dayOfWeek(t)).toBe(d.getUTCDay());
      expect(hour(t)).toBe(d.getUTCHours());
      expect(minute(t)).toBe(d.getUTCMinutes());
    }
  });
  it('fast path agrees with JS Date over its whole range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.6e12, max: 8.6e12 }), (sec) => {
        const d = new Date(sec * 1000);
        const c = civilViaFastPathForTest(sec);
        // Date.UTC maps years 0–99 to 1900–1999, so use setUTCFullYear.
        const utc = (y: number, m: number, day: number) => new Date(0).setUTCFullYear(y, m, day) / 1000;
        const yday = Math.floor((sec - utc(d.getUTCFullYear(), 0, 1)) / 86400) + 1;
        const dim = new Date(utc(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) * 1000).getUTCDate();
        return (
          c.year === d.getUTCFullYear() &&
          c.month === d.getUTCMonth() + 1 &&
          c.day === d.getUTCDate() &&
          c.weekday === d.getUTCDay() &&
          c.hour === d.getUTCHours() &&
          c.minute === d.getUTCMinutes() &&
          c.yday === yday &&
          c.daysInMonth === dim
        );
      }),
      { numRuns: 2000 },
    );
  });
  it("fast path agrees with the port of Go's algorithm up to 2^53 s", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), (sec) => {
        expect(civilViaFastPathForTest(sec)).toEqual(civilViaGoAlgorithmForTest(sec));
      }),
      { numRuns: 2000 },
    );
  });
  it('huge values take the Go path; NaN and Inf become MinInt64 as on amd64', () => {
    const big = 2 ** 60;
    expect(year(big)).toBe(civilViaGoAlgorithmForTest(big).year);
    // 2^60 s ≈ 3.65e10 years after 1970.
    expect(Math.abs(year(big) - (1970 + big / 31556952))).toBeLessThan(2);
    expect(year(NaN)).toBe(year(-Infinity));
    expect(year(Infinity)).toBe(year(-(2 ** 63)));
    expect(Number.isInteger(year(NaN))).toBe(true);
    expect(month(NaN)).toBeGreaterThanOrEqual(1);
    expect(month(NaN)).toBeLessThanOrEqual(12);
  });
});
