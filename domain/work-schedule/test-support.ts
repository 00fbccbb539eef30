import type { ScheduleInput, ScheduleResult, ScheduleSuccess, TimeWindow, WeeklyWindows } from './types';

/** Helpers shared by the work-schedule tests (not part of the public API). */

export const window = (from: string, to: string): TimeWindow => ({ from, to });

export function everyDay(
  from: string,
  to: string,
  days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
): WeeklyWindows {
  return Object.fromEntries(days.map((d) => [d, [window(from, to)]]));
}

export const WEEKDAYS_ONLY = ['mon', 'tue', 'wed', 'thu', 'fri'];

export function expectOk(result: ScheduleResult): ScheduleSuccess {
  if (!result.ok) throw new Error(`expected a schedule, got ${result.reason}: ${result.message}`);
  return result;
}

export function sumHours(result: ScheduleSuccess): number {
  return result.sessions.reduce((a, s) => a + s.hours, 0);
}

export function baseInput(over: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    totalHours: 40,
    startDate: '2026-02-02',
    client: { birthDate: '1990-01-01', hasMainJobOrStudies: false },
    employer: { weekly: everyDay('08:00', '18:00') },
    ...over,
  };
}

/** Monday of the ISO week of a date. */
export function mondayOf(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const wd = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - wd);
  return d.toISOString().slice(0, 10);
}

export function hoursPerWeek(result: ScheduleSuccess): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of result.sessions) out.set(mondayOf(s.date), (out.get(mondayOf(s.date)) ?? 0) + s.hours);
  return out;
}
