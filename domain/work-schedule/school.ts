import { birthdayDay, toIso } from './dates';
import { DEFAULT_SCHOOL_HOLIDAYS } from './school-holidays';
import { isHHMM, toMinutes } from './time';
import type { DateRange, IsoDate, TimeWindow, Weekday, WeeklyWindows } from './types';

/**
 * A pupil's school facts as the generator needs them: whether the client is still in compulsory basic education
 * (Labour Law s. 37(1): then a "child" until 18) and the lesson times (work only outside lessons).
 *
 * The status comes from current enrolment (VIIS), not from a certificate: a pupil still at school has none.
 * When the register cannot say, the stricter children's limits apply until the officer records otherwise.
 */

export const SCHOOL_STATUSES = ['IN_BASIC_EDUCATION', 'NOT_IN_BASIC_EDUCATION', 'UNKNOWN'] as const;
export type SchoolStatus = (typeof SCHOOL_STATUSES)[number];

/**
 * The last date the client counts as being in basic education, for ClientInfo.basicEducationUntil.
 * IN_BASIC_EDUCATION and UNKNOWN: the day before the 18th birthday (children's limits throughout; the officer
 * corrects the status when the pupil leaves basic education); NOT_IN_BASIC_EDUCATION: none (adolescent from 15).
 */
export function basicEducationUntilFor(status: SchoolStatus, birthDate: IsoDate): IsoDate | undefined {
  if (status === 'NOT_IN_BASIC_EDUCATION') return undefined;
  return toIso(birthdayDay(birthDate, 18) - 1);
}

const SCHOOL_DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/**
 * A typical timetable per grade, the prefill the officer corrects with the pupil's real one. ASSUMPTION: the
 * Cabinet's lesson-load limits (grades 1–3 ≤ 22–24, 4–6 ≤ 26–30, 7–9 ≤ 32–34, 10–12 ≤ 34–36 lessons a week of
 * 40 minutes with breaks) spread over five days from 08:30; the real timetable always wins.
 */
export function typicalLessonEnd(grade: number | null | undefined): string {
  if (grade === null || grade === undefined) return '15:30';
  if (grade <= 3) return '13:00';
  if (grade <= 6) return '14:30';
  if (grade <= 9) return '15:30';
  return '16:00';
}

export function typicalTimetable(grade: number | null | undefined): Record<Weekday, string | null> {
  const span = `08:30-${typicalLessonEnd(grade)}`;
  return { mon: span, tue: span, wed: span, thu: span, fri: span, sat: null, sun: null };
}

/** A lesson span as the form writes it: "08:30-15:30" (a hyphen or an en dash); empty = no lessons that day. */
export function parseLessonSpan(value: string | null | undefined): TimeWindow | null | 'INVALID' {
  if (value === null || value === undefined || value.trim() === '') return null;
  const m = /^\s*(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})\s*$/.exec(value);
  if (!m || !isHHMM(m[1]!) || !isHHMM(m[2]!) || toMinutes(m[2]!) <= toMinutes(m[1]!)) return 'INVALID';
  return { from: m[1]!, to: m[2]! };
}

/** Lesson spans per weekday → the generator's schoolHoursWeekly; invalid spans are reported, not guessed. */
export function lessonsToWeekly(lessons: Partial<Record<Weekday, string | null>>): {
  weekly: WeeklyWindows;
  invalid: Weekday[];
} {
  const weekly: WeeklyWindows = {};
  const invalid: Weekday[] = [];
  for (const [day, value] of Object.entries(lessons) as [Weekday, string | null][]) {
    const w = parseLessonSpan(value);
    if (w === 'INVALID') invalid.push(day);
    else if (w) weekly[day] = [w];
  }
  return { weekly, invalid };
}

/** Weekdays with lessons in a typical timetable. */
export { SCHOOL_DAYS };

/**
 * School holidays for a grade. Grades 9 and 12 sit the state examinations in June, so their summer holidays
 * start later than the calendar's 1 June. ASSUMPTION: from 1 July (the stricter choice; the exam timetable
 * varies by year), until the IZM calendar for the exam grades is added here.
 */
export function schoolHolidaysForGrade(grade: number | null | undefined): DateRange[] | undefined {
  if (grade !== 9 && grade !== 12) return undefined;
  return DEFAULT_SCHOOL_HOLIDAYS.map((r) =>
    r.from.endsWith('-06-01') ? { from: `${r.from.slice(0, 4)}-07-01`, to: r.to } : { ...r },
  );
}

/** The 18th birthday as an ISO date (for messages). */
export function eighteenthBirthday(birthDate: IsoDate): IsoDate {
  return toIso(birthdayDay(birthDate, 18));
}
