import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatShort, formatTimeUTC, formatValue, parseTime, timeAxisLabels } from './format.ts';
import { autoStepMs, formatDuration, parseDuration } from './duration.ts';

describe('formatting', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.00 MiB');
    expect(formatBytes(1044872)).toBe('1020 KiB');
    expect(formatBytes(150 * 1024)).toBe('150 KiB');
  });

  it('formats wall times', () => {
    expect(formatMs(0.25)).toBe('250 µs');
    expect(formatMs(3.14159)).toBe('3.14 ms');
    expect(formatMs(123.45)).toBe('123.5 ms');
    expect(formatMs(2500)).toBe('2.50 s');
  });

  it('formats values as Prometheus does', () => {
    expect(formatValue(Infinity)).toBe('+Inf');
    expect(formatValue(-Infinity)).toBe('-Inf');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatValue(-0)).toBe('-0');
  });

  it('formats axis ticks compactly', () => {
    expect(formatShort(1234)).toBe('1.23k');
    expect(formatShort(2_500_000)).toBe('2.5M');
    expect(formatShort(0.5)).toBe('0.5');
  });

  it('formats and parses UTC times', () => {
    const t = Date.UTC(2026, 0, 2, 3, 4, 5);
    expect(formatTimeUTC(t)).toBe('2026-01-02 03:04:05Z');
    expect(parseTime('2026-01-02 03:04:05')).toBe(t);
    expect(parseTime('2026-01-02T03:04:05Z')).toBe(t);
    expect(parseTime('1767323045')).toBe(t);
    expect(parseTime('yesterday')).toBeNaN();
  });
});

describe('time axis labels', () => {
  it('uses 24-hour UTC and shows the date when the day changes', () => {
    const t0 = Date.UTC(2026, 2, 2, 22, 0) / 1000;
    expect(timeAxisLabels([t0, t0 + 3600, t0 + 7200])).toEqual(['22:00\n2026-03-02', '23:00', '00:00\n2026-03-03']);
    expect(timeAxisLabels([t0, t0 + 15])).toEqual(['22:00:00\n2026-03-02', '22:00:15']);
  });
});

describe('durations', () => {
  it('parses Prometheus durations', () => {
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('5m1h')).toBeNaN();
    expect(parseDuration('5x')).toBeNaN();
    expect(parseDuration('')).toBeNaN();
  });

  it('formats durations compactly and round-trips', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(86_400_000)).toBe('1d');
    for (const ms of [1000, 60_000, 3_723_000, 90_061_500]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });

  it('picks the step like Prometheus (range / 250, at least 1s)', () => {
    expect(autoStepMs(3_600_000)).toBe(14_000);
    expect(autoStepMs(60_000)).toBe(1000);
    expect(autoStepMs(6 * 3_600_000)).toBe(86_000);
  });
});
