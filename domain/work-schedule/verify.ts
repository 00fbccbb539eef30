import { type DayContext, ScheduleContext } from './context';
import { isDstChangeDay, mondayOfWeek, toDay, toIso, weekIndex, weekdayKey } from './dates';
import { type Interval, nightIntervals, normalise, overlaps, toInterval, toMinutes } from './time';
import type { IsoDate, LedgerEntry, ScheduleInput, Session } from './types';

/**
 * Checks a schedule against the rules, independently of how it was made: used by the tests, the benchmark,
 * and for schedules an officer edits by hand. Returns every violation found (empty = valid).
 */

export type ViolationRule =
  | 'SUM'
  | 'SHAPE'
  | 'ORDER'
  | 'OUT_OF_PERIOD'
  | 'BLOCKED_DATE'
  | 'LEDGER_DATE'
  | 'OUTSIDE_EMPLOYER_HOURS'
  | 'CLIENT_BUSY'
  | 'NIGHT'
  | 'DST_HOUR'
  | 'DAILY_LIMIT'
  | 'WEEKLY_LIMIT'
  | 'WORK_DAYS'
  | 'BREAK'
  | 'DAILY_REST'
  | 'PROFILE';

export interface Violation {
  rule: ViolationRule;
  date?: IsoDate;
  message: string;
}

export interface CheckOptions {
  /** Hours the sessions must add up to; default input.totalHours. */
  expectedHours?: number;
  /** Hours already worked (replanning): their dates must stay free, their hours count in their weeks. */
  ledger?: readonly LedgerEntry[];
  /** First date sessions may use; default input.startDate. */
  fromDate?: IsoDate;
}

const violation = (rule: ViolationRule, message: string, date?: IsoDate): Violation =>
  date === undefined ? { rule, message } : { rule, message, date };

export function checkSchedule(
  input: ScheduleInput,
  sessions: readonly Session[],
  opts: CheckOptions = {},
): Violation[] {
  const ctx = new ScheduleContext(input);
  const ledger = minutesByDay(opts.ledger ?? []);
  const period = {
    first: toDay(opts.fromDate ?? input.startDate),
    last: input.deadline === undefined ? Infinity : toDay(input.deadline),
  };
  const out = checkSum(sessions, opts.expectedHours ?? input.totalHours);
  let previous: Session | null = null;
  for (const s of sessions) {
    const c = ctx.day(toDay(s.date));
    out.push(...checkDate(c, s, previous, period, ledger));
    out.push(...checkTimes(ctx, c, input, s));
    out.push(...checkDay(ctx, c, s, previous));
    previous = s;
  }
  out.push(...checkWeeks(ctx, sessions, ledger));
  return out;
}

function checkSum(sessions: readonly Session[], expected: number): Violation[] {
  const sum = sessions.reduce((a, s) => a + s.hours, 0);
  return Math.round(sum * 60) === Math.round(expected * 60)
    ? []
    : [violation('SUM', `sessions add up to ${sum} h, expected ${expected} h`)];
}

/** The date itself: order, period, days off, the ledger, the profile. */
function checkDate(
  c: DayContext,
  s: Session,
  previous: Session | null,
  period: { first: number; last: number },
  ledger: ReadonlyMap<number, number>,
): Violation[] {
  const out: Violation[] = [];
  if (previous && s.date <= previous.date)
    out.push(violation('ORDER', 'not in date order, or two on one date', s.date));
  if (c.day < period.first || c.day > period.last) out.push(violation('OUT_OF_PERIOD', 'outside the period', s.date));
  if (c.blockedBy) out.push(violation('BLOCKED_DATE', `date is blocked: ${c.blockedBy}`, s.date));
  if (ledger.has(c.day)) out.push(violation('LEDGER_DATE', 'date already has worked hours in the ledger', s.date));
  if (s.profile !== c.profile) {
    out.push(violation('PROFILE', `session says ${s.profile}, the date's profile is ${c.profile}`, s.date));
  }
  return out;
}

/** The time of day: shape, employer hours, the client's busy times, night, the DST hour. */
function checkTimes(ctx: ScheduleContext, c: DayContext, input: ScheduleInput, s: Session): Violation[] {
  const out: Violation[] = [];
  const span: Interval = { start: toMinutes(s.start), end: toMinutes(s.end) };
  const work = Math.round(s.hours * 60);
  const times = `${s.start}–${s.end}`;
  if (work <= 0 || work % 30 !== 0 || span.end - span.start !== work + s.breakMinutes) {
    out.push(violation('SHAPE', `${times} does not match ${s.hours} h + ${s.breakMinutes} min break`, s.date));
  }
  const wd = weekdayKey(c.day);
  const employer = normalise((input.employer.weekly[wd] ?? []).map(toInterval));
  if (!employer.some((w) => w.start <= span.start && span.end <= w.end)) {
    out.push(violation('OUTSIDE_EMPLOYER_HOURS', `${times} outside the employer's hours`, s.date));
  }
  const lessons = ctx.school.isHoliday(c.day) ? [] : (input.client.schoolHoursWeekly?.[wd] ?? []);
  const busy = [...(input.client.unavailableWeekly?.[wd] ?? []), ...lessons].map(toInterval);
  if (busy.some((b) => overlaps(span, b))) out.push(violation('CLIENT_BUSY', `${times} overlaps busy time`, s.date));
  if (nightIntervals(c.limits.night).some((n) => overlaps(span, n))) {
    out.push(violation('NIGHT', `${times} in night hours`, s.date));
  }
  if (isDstChangeDay(c.day) && overlaps(span, { start: 180, end: 240 })) {
    out.push(violation('DST_HOUR', 'uses the hour the clocks change', s.date));
  }
  return out;
}

/** The day's limits: cap, break, rest since the previous session. */
function checkDay(ctx: ScheduleContext, c: DayContext, s: Session, previous: Session | null): Violation[] {
  const out: Violation[] = [];
  const work = Math.round(s.hours * 60);
  const start = toMinutes(s.start);
  if (work > c.capMinutes) {
    out.push(violation('DAILY_LIMIT', `${s.hours} h exceeds the day's limit of ${c.capMinutes / 60} h`, s.date));
  }
  if (work > c.limits.breakWhenOverHours * 60) {
    const breakStart = s.breakStart === null ? null : toMinutes(s.breakStart);
    const latest = start + c.limits.breakLatestAfterHours * 60;
    const ok =
      s.breakMinutes >= c.limits.breakMinutes && breakStart !== null && breakStart > start && breakStart <= latest;
    if (!ok) out.push(violation('BREAK', `${s.hours} h needs a ${c.limits.breakMinutes} min break in time`, s.date));
  }
  if (previous) {
    const before = ctx.limitsOn(toDay(previous.date)).minDailyRestHours * 60;
    const rest = Math.max(before, c.limits.minDailyRestHours * 60);
    const gap = c.day * 1440 + start - (toDay(previous.date) * 1440 + toMinutes(previous.end));
    if (gap < rest) out.push(violation('DAILY_REST', `less than ${rest / 60} h rest before this session`, s.date));
  }
  return out;
}

/** Each week's hours and worked days within the strictest limits among the days worked in it. */
function checkWeeks(
  ctx: ScheduleContext,
  sessions: readonly Session[],
  ledger: ReadonlyMap<number, number>,
): Violation[] {
  const out: Violation[] = [];
  const sessionMinutes = minutesByDay(sessions.map((s) => ({ date: s.date, hours: s.hours })));
  for (const w of new Set([...sessionMinutes.keys()].map(weekIndex))) {
    let minutes = 0;
    let days = 0;
    let hourLimit = Infinity;
    let dayLimit = Infinity;
    for (let d = mondayOfWeek(w); d < mondayOfWeek(w) + 7; d++) {
      const m = (ledger.get(d) ?? 0) + (sessionMinutes.get(d) ?? 0);
      if (m === 0) continue;
      const limits = ctx.limitsOn(d);
      minutes += m;
      days += 1;
      hourLimit = Math.min(hourLimit, limits.maxHoursPerWeek * 60);
      dayLimit = Math.min(dayLimit, limits.maxWorkDaysPerWeek);
    }
    const monday = toIso(mondayOfWeek(w));
    if (minutes > hourLimit) out.push(violation('WEEKLY_LIMIT', `${minutes / 60} h over ${hourLimit / 60} h`, monday));
    if (days > dayLimit) out.push(violation('WORK_DAYS', `${days} work days over ${dayLimit}`, monday));
  }
  return out;
}

function minutesByDay(entries: readonly LedgerEntry[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of entries) out.set(toDay(e.date), (out.get(toDay(e.date)) ?? 0) + Math.round(e.hours * 60));
  return out;
}
