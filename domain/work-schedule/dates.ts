import type { IsoDate, Weekday } from './types';
import { WEEKDAYS } from './types';

/**
 * Calendar arithmetic on day numbers (days since 1970-01-01). Dates are calendar dates, never instants,
 * so UTC arithmetic is exact and independent of the machine's time zone.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function toDay(iso: IsoDate): number {
  if (!ISO_DATE.test(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  return daysFromCivil(num(iso, 0, 4), num(iso, 5, 7), num(iso, 8, 10));
}

export function toIso(day: number): IsoDate {
  // Civil-from-days (H. Hinnant's algorithm): no Date object, this runs for every session and rule.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

export function yearOf(day: number): number {
  // Estimate, then correct by at most one year: no Date object per call (this runs for every planned day).
  let year = Math.floor(day / 365.2425) + 1970;
  if (Date.UTC(year, 0, 1) / MS_PER_DAY > day) year -= 1;
  else if (Date.UTC(year + 1, 0, 1) / MS_PER_DAY <= day) year += 1;
  return year;
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function weekdayKey(day: number): Weekday {
  return WEEKDAYS[isoWeekday(day) - 1]!;
}

export function isWeekend(day: number): boolean {
  return isoWeekday(day) >= 6;
}

/** Monday-based week number; equal for all days of one Monday–Sunday week. */
export function weekIndex(day: number): number {
  return Math.floor((day + 3) / 7);
}

export function mondayOfWeek(week: number): number {
  return week * 7 - 3;
}

/**
 * Age in whole years on a date. Someone born on 29 February becomes a year older on 1 March in
 * non-leap years: the later reading keeps a minor's protection one day longer.
 */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** The date someone reaches `years` of age (29 February birthdays: 1 March in non-leap years). */
export function birthdayDay(birth: IsoDate, years: number): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  return Date.UTC(by + years, bm - 1, bd) / MS_PER_DAY;
}

/** Last Sunday of a month (month 1–12). */
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month, 0) / MS_PER_DAY;
  return last - (isoWeekday(last) % 7);
}

/**
 * Europe/Riga changes clocks on the last Sundays of March (03:00 → 04:00) and October (04:00 → 03:00).
 * On those dates the wall-clock hour 03:00–04:00 does not exist or happens twice, so no session uses it.
 */
export function isDstChangeDay(day: number): boolean {
  const year = yearOf(day);
  let days = dstDays.get(year);
  if (!days) {
    days = [lastSunday(year, 3), lastSunday(year, 10)];
    dstDays.set(year, days);
  }
  return day === days[0] || day === days[1];
}

const dstDays = new Map<number, [number, number]>();
