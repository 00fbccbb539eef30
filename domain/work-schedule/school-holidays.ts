import { toDay } from './dates';
import type { DateRange } from './types';

/**
 * School holidays (skolēnu brīvdienas) set each year by Cabinet regulations drafted by the Ministry of
 * Education and Science (IZM), for grades 1–8 and 10–11. Grades 9 and 12 finish later in June: for them
 * pass a calendar override (using the earlier summer start would allow holiday limits too early).
 * Sources: 2024/25 as published by schools quoting the Cabinet regulation; 2025/26 IZM, approved by the
 * Cabinet on 17 Dec 2024 (LA.lv, ziemellatvija.lv); 2026/27 approved by the Cabinet on 16 Dec 2025 (LETA
 * via jauns.lv, press.lv). Update this list when the Cabinet adopts the next school year.
 */
export const DEFAULT_SCHOOL_HOLIDAYS: readonly DateRange[] = [
  // 2024/2025
  { from: '2024-10-21', to: '2024-10-27' },
  { from: '2024-12-23', to: '2025-01-05' },
  { from: '2025-03-10', to: '2025-03-16' },
  { from: '2025-05-31', to: '2025-08-31' },
  // 2025/2026
  { from: '2025-10-20', to: '2025-10-24' },
  { from: '2025-12-22', to: '2026-01-02' },
  { from: '2026-03-09', to: '2026-03-13' },
  { from: '2026-06-01', to: '2026-08-31' },
  // 2026/2027
  { from: '2026-10-19', to: '2026-10-23' },
  { from: '2026-12-21', to: '2027-01-01' },
  { from: '2027-03-08', to: '2027-03-12' },
  { from: '2027-06-01', to: '2027-08-31' },
];

/** The period the default calendar covers; outside it a child's dates get the stricter school-term limits. */
export const DEFAULT_SCHOOL_CALENDAR_COVERS: DateRange = { from: '2024-09-01', to: '2027-08-31' };

let defaultCalendar: SchoolCalendar | undefined;

/** Immutable once built, so the default calendar is shared by all schedules. */
export class SchoolCalendar {
  private readonly ranges: { from: number; to: number }[];
  private readonly covers: { from: number; to: number } | null;

  constructor(ranges: readonly DateRange[], covers: DateRange | null) {
    this.ranges = ranges.map((r) => ({ from: toDay(r.from), to: toDay(r.to) })).sort((a, b) => a.from - b.from);
    this.covers = covers ? { from: toDay(covers.from), to: toDay(covers.to) } : null;
  }

  static fromOptions(custom: readonly DateRange[] | undefined): SchoolCalendar {
    if (!custom)
      return (defaultCalendar ??= new SchoolCalendar(DEFAULT_SCHOOL_HOLIDAYS, DEFAULT_SCHOOL_CALENDAR_COVERS));
    // A custom list is trusted for the whole span it describes, from its first to its last range.
    const days = custom.flatMap((r) => [r.from, r.to]).sort();
    const covers = days.length > 0 ? { from: days[0]!, to: days[days.length - 1]! } : null;
    return new SchoolCalendar(custom, covers);
  }

  isHoliday(day: number): boolean {
    for (const r of this.ranges) {
      if (day < r.from) return false;
      if (day <= r.to) return true;
    }
    return false;
  }

  /** Whether the calendar says anything about this date (else term limits are assumed and a warning given). */
  knows(day: number): boolean {
    return this.covers !== null && day >= this.covers.from && day <= this.covers.to;
  }
}
