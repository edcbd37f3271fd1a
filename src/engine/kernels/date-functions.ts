/**
 * year, month, day_of_month, day_of_week, day_of_year, days_in_month, hour and minute
 * of a Unix timestamp in seconds, in UTC, exactly as Go's time package computes them for
 * `time.Unix(int64(v), 0).UTC()` (promql/functions.go dateWrapper).
 *
 * The float is truncated toward zero to whole seconds. Go's float→int64 conversion of
 * NaN, ±Inf and out-of-range values is CPU-specific; we follow amd64 (the usual
 * Prometheus build), which yields math.MinInt64, and then Go's calendar arithmetic
 * including its uint64 wrap-around for dates before its absolute epoch.
 *
 * Two paths: ordinary timestamps (|sec| ≤ 2^53) use exact Number arithmetic on the
 * proleptic Gregorian calendar, which is what Go computes in that range; anything else
 * mirrors Go's algorithm bit for bit with BigInt.
 */
import type { ValueKernel } from './types.ts';

const SECONDS_PER_DAY = 86400;
const MAX_SAFE_SECONDS = 2 ** 53;
const TWO_63 = 2 ** 63;

// Go's time constants (src/time/time.go).
const ABSOLUTE_YEARS = 292277022400n;
const MARCH_THRU_DECEMBER = 306;
const UNIX_TO_INTERNAL = 62135596800n;
const INTERNAL_TO_ABSOLUTE = (ABSOLUTE_YEARS * 3652425n / 10000n + BigInt(MARCH_THRU_DECEMBER)) * 86400n;
/** Go's unixToAbsolute, 9223372028741760000. */
export const UNIX_TO_ABSOLUTE = UNIX_TO_INTERNAL + INTERNAL_TO_ABSOLUTE;

/** The broken-down date that every date function reads one field of. */
interface CivilTime {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  weekday: number; // 0 = Sunday
  yday: number; // 1..366
  daysInMonth: number;
  hour: number;
  minute: number;
}

// Reused result object: date kernels are synchronous and never re-enter.
const civil: CivilTime = { year: 0, month: 0, day: 0, weekday: 0, yday: 0, daysInMonth: 0, hour: 0, minute: 0 };

/** Go's `int64(f)` on amd64: truncation, with NaN/±Inf/out-of-range → MinInt64. */
function goFloatToInt64(f: number): number {
  if (!(f >= -TWO_63 && f < TWO_63)) return -TWO_63;
  // `+ 0` turns −0 into +0, as an int64 has no negative zero.
  return Math.trunc(f) + 0;
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// Days before each month in a non-leap year.
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Fills {@link civil} for an integral second count |sec| ≤ 2^53 (exact Number math). */
function civilFromSafeSeconds(sec: number): void {
  let rem = (sec % SECONDS_PER_DAY) + 0;
  let days = (sec - rem) / SECONDS_PER_DAY;
  if (rem < 0) {
    rem += SECONDS_PER_DAY;
    days -= 1;
  }
  // Days since 1970-01-01 to civil date (H. Hinnant's civil_from_days, proleptic Gregorian).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const leap = isLeap(year);
  civil.year = year;
  civil.month = month;
  civil.day = day;
  civil.weekday = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday.
  civil.yday = DAYS_BEFORE[month - 1] + day + (leap && month > 2 ? 1 : 0);
  civil.daysInMonth = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  civil.hour = Math.floor(rem / 3600);
  civil.minute = Math.floor((rem % 3600) / 60);
}

/** Go's absDays.split, returning [century, cyear, ayday]. */
function splitAbsDays(days: bigint): [bigint, number, number] {
  const d = BigInt.asUintN(64, 4n * days + 3n);
  const century = d / 146097n;
  const cd = Number(d % 146097n) | 3;
  // bits.Mul32(2939745, cd): the product fits in 2^53, so Number math is exact.
  const p = 2939745 * cd;
  const hi = Math.floor(p / 2 ** 32);
  const lo = p % 2 ** 32;
  return [century, hi, Math.floor(Math.floor(lo / 2939745) / 4)];
}

/** Go's absYday.split: [amonth, mday]. */
function splitAyday(ayday: number): [number, number] {
  const d = (2141 * ayday + 197913) >>> 0;
  return [d >>> 16, 1 + Math.floor((d & 0xffff) / 2141)];
}

/** Go's dateToAbsDays(year, month, day). */
function dateToAbsDays(year: bigint, month: number, day: number): bigint {
  const janFeb = month < 3 ? 1 : 0;
  const amonth = month + 12 * janFeb;
  const y = BigInt.asUintN(64, year - BigInt(janFeb) + ABSOLUTE_YEARS);
  const ayday = (979 * amonth - 2919) >>> 5;
  const century = y / 100n;
  const cyear = Number(y % 100n);
  const cday = Math.floor((1461 * cyear) / 4);
  const centurydays = (146097n * century) / 4n;
  return BigInt.asUintN(64, centurydays + BigInt(cday + ayday + day - 1));
}

/** Day of month of Go's `time.Date(year, month, day, 0, 0, 0, 0, UTC)` (month 1..12). */
function goDateDay(year: bigint, month: number, day: number): number {
  const d = dateToAbsDays(year, month, day);
  // time.Date goes through unix seconds and back; both conversions wrap identically,
  // so the absolute day number is unchanged.
  const [, , ayday] = splitAbsDays(d);
  return splitAyday(ayday)[1];
}

/** Fills {@link civil} for any int64 second count, mirroring Go's uint64 arithmetic. */
function civilFromSecondsBig(sec: number): void {
  const abs = BigInt.asUintN(64, BigInt(sec) + UNIX_TO_ABSOLUTE);
  const days = abs / 86400n;
  const [century, cyear, ayday] = splitAbsDays(days);
  const [amonth, day] = splitAyday(ayday);
  const janFeb = ayday >= MARCH_THRU_DECEMBER ? 1 : 0;
  const month = amonth - janFeb * 12;
  const year = BigInt.asIntN(64, century * 100n - ABSOLUTE_YEARS) + BigInt(cyear + janFeb);
  const leap = (cyear % 4 === 0 ? 1 : 0) & (cyear !== 0 || century % 4n === 0n ? 1 : 0);
  civil.year = Number(BigInt.asIntN(64, year));
  civil.month = month;
  civil.day = day;
  civil.weekday = Number((days + 3n) % 7n); // March 1 of the absolute year was a Wednesday.
  civil.yday = ayday + 60 + (leap & ~janFeb) - 365 * janFeb;
  civil.daysInMonth = 32 - goDateDay(BigInt.asIntN(64, year), month, 32);
  const secOfDay = Number(abs % 86400n);
  civil.hour = Math.floor(secOfDay / 3600);
  civil.minute = Math.floor((secOfDay % 3600) / 60);
}

/** Breaks `t` (seconds) down as Go's `time.Unix(int64(t), 0).UTC()`. Valid until the next call. */
function toCivil(t: number): CivilTime {
  const sec = goFloatToInt64(t);
  if (Math.abs(sec) <= MAX_SAFE_SECONDS) civilFromSafeSeconds(sec);
  else civilFromSecondsBig(sec);
  return civil;
}

/** `year(v)`. Mirrors funcYear. */
export const year: ValueKernel = (t) => toCivil(t).year;
/** `month(v)`, 1–12. Mirrors funcMonth. */
export const month: ValueKernel = (t) => toCivil(t).month;
/** `day_of_month(v)`, 1–31. Mirrors funcDayOfMonth. */
export const dayOfMonth: ValueKernel = (t) => toCivil(t).day;
/** `day_of_week(v)`, 0 = Sunday. Mirrors funcDayOfWeek. */
export const dayOfWeek: ValueKernel = (t) => toCivil(t).weekday;
/** `day_of_year(v)`, 1–366. Mirrors funcDayOfYear. */
export const dayOfYear: ValueKernel = (t) => toCivil(t).yday;
/** `days_in_month(v)`, 28–31. Mirrors funcDaysInMonth. */
export const daysInMonth: ValueKernel = (t) => toCivil(t).daysInMonth;
/** `hour(v)`, 0–23. Mirrors funcHour. */
export const hour: ValueKernel = (t) => toCivil(t).hour;
/** `minute(v)`, 0–59. Mirrors funcMinute. */
export const minute: ValueKernel = (t) => toCivil(t).minute;

/**
 * Date function kernels by PromQL name. Each takes a timestamp in seconds; without an
 * argument Prometheus applies them to the evaluation time (`evalMs / 1000`; Go uses
 * `time.Unix(ts/1000, 0)` with integer division, i.e. truncation of the ms).
 */
export const dateKernels: Readonly<Record<string, ValueKernel>> = Object.freeze({
  year,
  month,
  day_of_month: dayOfMonth,
  day_of_week: dayOfWeek,
  day_of_year: dayOfYear,
  days_in_month: daysInMonth,
  hour,
  minute,
});

/** @internal Exposed for tests: forces the BigInt path. */
export function civilViaGoAlgorithmForTest(sec: number): CivilTime {
  civilFromSecondsBig(sec);
  return { ...civil };
}

/** @internal Exposed for tests: the fast path. */
export function civilViaFastPathForTest(sec: number): CivilTime {
  civilFromSafeSeconds(sec);
  return { ...civil };
}
