import type { DayContext, ScheduleContext } from './context';
import { mondayOfWeek, weekIndex } from './dates';
import type { Interval } from './time';
import type { ProfileId } from './types';

/**
 * The greedy planner: walks the dates from the start and gives each usable date one session, as long as
 * the day's cap, the week's room, the preferred length and the free windows allow. Earliest-first keeps
 * the plan short and makes it deterministic. Minutes throughout; sessions in 30-minute steps.
 *
 * A week (Monday–Sunday) that spans two profiles (a birthday, the start of a school holiday) is held to the
 * strictest weekly limits among the days worked in it, so no day's profile ever sees its own limit exceeded.
 */

export interface PlannedSession {
  day: number;
  start: number;
  minutes: number;
  breakMinutes: number;
  breakStart: number | null;
  profile: ProfileId;
  calendarUnknown: boolean;
  under13: boolean;
}

export interface PlanRequest {
  totalMinutes: number;
  firstDay: number;
  lastDay: number;
  preferredMinutes: number | undefined;
  minSessionMinutes: number;
  /** Minutes already worked per date (replanning): counted in their weeks and never booked again. */
  prior: ReadonlyMap<number, number>;
}

export interface PlanOutcome {
  sessions: PlannedSession[];
  placedMinutes: number;
  /** Profiles whose daily cap was below the minimum session length (the minimum was lowered to the cap). */
  clampedMinimum: Set<ProfileId>;
}

interface WeekState {
  index: number;
  minutes: number;
  /** Strictest weekly hour limit (minutes) among the days worked so far in the week. */
  limitMinutes: number;
  days: number;
  /** Strictest limit on worked days among the days worked so far. */
  dayLimit: number;
}

const STEP = 30;
const floorStep = (m: number) => Math.floor(m / STEP) * STEP;

export function plan(ctx: ScheduleContext, req: PlanRequest): PlanOutcome {
  const sessions: PlannedSession[] = [];
  const clampedMinimum = new Set<ProfileId>();
  let remaining = req.totalMinutes;
  let week: WeekState | null = null;
  let previous: { endAbs: number; restMinutes: number } | null = null;

  for (let day = req.firstDay; day <= req.lastDay && remaining > 0; day++) {
    if (week === null || week.index !== weekIndex(day)) week = enterWeek(ctx, weekIndex(day), req.prior);
    if (req.prior.has(day)) continue;
    // A week already at the limit of its worked days cannot take more, whatever today's profile.
    if (week.limitMinutes - week.minutes < STEP || week.days >= week.dayLimit) continue;
    const c = ctx.day(day);
    if (c.blockedBy || c.free.length === 0 || c.capMinutes < STEP) continue;

    const weekLimit = Math.min(week.limitMinutes, c.limits.maxHoursPerWeek * 60);
    if (week.days >= Math.min(week.dayLimit, c.limits.maxWorkDaysPerWeek)) continue;
    const room = floorStep(weekLimit - week.minutes);

    let minLen = Math.min(req.minSessionMinutes, remaining);
    if (minLen > c.capMinutes) {
      clampedMinimum.add(c.profile);
      minLen = c.capMinutes;
    }
    const want = targetLength(c, room, remaining, req, minLen);
    if (want < minLen || want <= 0) continue;

    const rest = Math.max(previous?.restMinutes ?? 0, c.limits.minDailyRestHours * 60);
    const earliest = previous ? Math.max(0, previous.endAbs + rest - day * 1440) : 0;
    const placed = fit(c, want, Math.max(minLen, STEP), earliest);
    if (!placed) continue;

    sessions.push({
      day,
      start: placed.start,
      minutes: placed.minutes,
      breakMinutes: placed.breakMinutes,
      breakStart: placed.breakStart,
      profile: c.profile,
      calendarUnknown: c.calendarUnknown,
      under13: c.under13,
    });
    remaining -= placed.minutes;
    week.minutes += placed.minutes;
    week.days += 1;
    week.limitMinutes = weekLimit;
    week.dayLimit = Math.min(week.dayLimit, c.limits.maxWorkDaysPerWeek);
    const end = placed.start + placed.minutes + placed.breakMinutes;
    previous = { endAbs: day * 1440 + end, restMinutes: c.limits.minDailyRestHours * 60 };
  }
  return { sessions, placedMinutes: req.totalMinutes - remaining, clampedMinimum };
}

/** The week's totals including hours already worked (replanning), under the strictest of their profiles. */
function enterWeek(ctx: ScheduleContext, index: number, prior: ReadonlyMap<number, number>): WeekState {
  const state: WeekState = { index, minutes: 0, limitMinutes: Infinity, days: 0, dayLimit: Infinity };
  if (prior.size === 0) return state;
  const monday = mondayOfWeek(index);
  for (let d = monday; d < monday + 7; d++) {
    const worked = prior.get(d);
    if (!worked) continue;
    const limits = ctx.limitsOn(d);
    state.minutes += worked;
    state.days += 1;
    state.limitMinutes = Math.min(state.limitMinutes, limits.maxHoursPerWeek * 60);
    state.dayLimit = Math.min(state.dayLimit, limits.maxWorkDaysPerWeek);
  }
  return state;
}

/** The length to aim for today: preferred, within cap and week, and not leaving a sliver below the minimum. */
function targetLength(c: DayContext, room: number, remaining: number, req: PlanRequest, minLen: number): number {
  let want = floorStep(Math.min(c.capMinutes, room, remaining, req.preferredMinutes ?? c.capMinutes));
  const left = remaining - want;
  if (left > 0 && left < req.minSessionMinutes) {
    const shorter = want - (req.minSessionMinutes - left);
    if (shorter >= minLen) want = shorter;
  }
  return want;
}

/** The longest session from `want` down to `min` that fits a free window, placed as early as possible. */
function fit(
  c: DayContext,
  want: number,
  min: number,
  earliest: number,
): { start: number; minutes: number; breakMinutes: number; breakStart: number | null } | null {
  for (let minutes = want; minutes >= min; minutes -= STEP) {
    const breakMinutes = minutes > c.limits.breakWhenOverHours * 60 ? c.limits.breakMinutes : 0;
    const span = minutes + breakMinutes;
    const start = earliestStart(c.free, span, earliest);
    if (start === null) continue;
    const breakStart =
      breakMinutes > 0 ? start + Math.min(c.limits.breakLatestAfterHours * 60, floorStep(minutes / 2)) : null;
    return { start, minutes, breakMinutes, breakStart };
  }
  return null;
}

function earliestStart(free: readonly Interval[], span: number, earliest: number): number | null {
  for (const w of free) {
    const start = Math.max(w.start, earliest);
    if (start + span <= w.end) return start;
  }
  return null;
}
