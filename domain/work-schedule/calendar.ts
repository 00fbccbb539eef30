import Holidays from 'date-holidays';
import { toDay, yearOf } from './dates';
import type { IsoDate } from './types';

/**
 * Latvian public holidays (svētku dienas) from the maintained `date-holidays` package, country LV, type
 * `public` only (Mother's Day is an observance and stays a normal Sunday). The package models the law "Par
 * svētku, atceres un atzīmējamām dienām" including the move of 4 May and 18 November to the next Monday when
 * they fall on a weekend, and one-off days such as 29 May 2023. It lacks Whit Sunday (Vasarsvētki, Easter + 49
 * days), a holiday under that law, so we add it. Transferred working days (Cabinet orders "Par darba dienu
 * pārcelšanu" under the Labour Law) are not in the package: see DEFAULT_TRANSFERRED_DAYS_OFF.
 */

let holidays: Holidays | undefined;
const byYear = new Map<number, Set<number>>();

function latvia(): Holidays {
  if (!holidays) {
    holidays = new Holidays('LV', { types: ['public'] });
    holidays.setHoliday('easter 49', { name: { lv: 'Vasarsvētki', en: 'Whit Sunday' }, type: 'public' });
  }
  return holidays;
}

/** Public holidays of a year as day numbers (cached: the package is deterministic for a given year). */
export function publicHolidaysOf(year: number): Set<number> {
  let set = byYear.get(year);
  if (!set) {
    set = new Set(
      latvia()
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => toDay(h.date.slice(0, 10))),
    );
    byYear.set(year, set);
  }
  return set;
}

export function isPublicHoliday(day: number): boolean {
  return publicHolidaysOf(yearOf(day)).has(day);
}

/** Names of the public holidays of a year, for documents and tests. */
export function publicHolidayList(year: number): { date: IsoDate; name: string; substitute: boolean }[] {
  return latvia()
    .getHolidays(year, 'lv')
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name, substitute: h.substitute === true }));
}

/**
 * Working days the Cabinet moved to a Saturday, made days off for state-budget institutions and recommended
 * to municipalities and companies. Confirmed: 2025 (17 Nov → Sat 8 Nov; jauns.lv 2025-10-08), 2026 (2 Jan →
 * Sat 17 Jan, 22 Jun → Sat 27 Jun; Cabinet order of 10 Jun 2025, LA.lv, jauns.lv). The 2027 order is due by
 * 1 July 2026: add it here when adopted.
 */
export const DEFAULT_TRANSFERRED_DAYS_OFF: readonly IsoDate[] = ['2025-11-17', '2026-01-02', '2026-06-22'];

/** The Saturdays those days were moved to: ordinary working days for state institutions. */
export const DEFAULT_MOVED_WORKING_SATURDAYS: readonly IsoDate[] = ['2025-11-08', '2026-01-17', '2026-06-27'];

const DEFAULT_TRANSFERRED: ReadonlySet<number> = new Set(DEFAULT_TRANSFERRED_DAYS_OFF.map(toDay));
const DEFAULT_MOVED: ReadonlySet<number> = new Set(DEFAULT_MOVED_WORKING_SATURDAYS.map(toDay));
const NONE: ReadonlySet<number> = new Set();

/** The calendar of one schedule: public holidays plus the configured transferred and extra days off. */
export class WorkCalendar {
  private readonly transferred: ReadonlySet<number>;
  private readonly extra: ReadonlySet<number>;
  private readonly movedSaturdays: ReadonlySet<number>;

  constructor(opts: { transferredDaysOff?: readonly IsoDate[]; extraPublicHolidays?: readonly IsoDate[] }) {
    this.transferred = opts.transferredDaysOff ? new Set(opts.transferredDaysOff.map(toDay)) : DEFAULT_TRANSFERRED;
    this.extra = opts.extraPublicHolidays ? new Set(opts.extraPublicHolidays.map(toDay)) : NONE;
    // Moved Saturdays only matter with the default transfers; a custom list carries no Saturdays.
    this.movedSaturdays = opts.transferredDaysOff ? NONE : DEFAULT_MOVED;
  }

  isPublicHoliday(day: number): boolean {
    return isPublicHoliday(day) || this.extra.has(day);
  }

  isTransferredDayOff(day: number): boolean {
    return this.transferred.has(day);
  }

  /** A Saturday that is a working day by a Cabinet order: counts as a working day for the daily cap. */
  isMovedWorkingSaturday(day: number): boolean {
    return this.movedSaturdays.has(day);
  }
}
