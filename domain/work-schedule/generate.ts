import { ScheduleContext } from './context';
import { toDay, toIso } from './dates';
import { plan, type PlanOutcome, type PlannedSession } from './planner';
import { parseScheduleInput } from './schema';
import { toHHMM } from './time';
import type {
  AvailabilityBlocker,
  BlockerCode,
  ScheduleFailure,
  ScheduleInput,
  ScheduleResult,
  ScheduleWarning,
  Session,
} from './types';
import { appliedRules, collectWarnings, statutoryRangeWarning } from './warnings';

export const DEFAULT_HORIZON_DAYS = 1096;
export const DEFAULT_MIN_SESSION_HOURS = 2;

/**
 * Generates a work schedule: sessions whose hours add up to exactly `totalHours`, within every limit of the
 * profile valid on each date, or a typed failure saying why the hours do not fit (never a shortened plan).
 * Pure and deterministic: the same input gives the same output.
 */
export function generateSchedule(input: ScheduleInput): ScheduleResult {
  const parsed = parseScheduleInput(input);
  if (!parsed.ok) return invalid(parsed.issues);
  const valid = parsed.value;
  return schedule(valid, {
    totalMinutes: Math.round(valid.totalHours * 60),
    firstDay: toDay(valid.startDate),
    prior: new Map(),
    extraWarnings: statutoryRangeWarning(valid),
  });
}

export interface ScheduleRun {
  totalMinutes: number;
  firstDay: number;
  prior: ReadonlyMap<number, number>;
  extraWarnings: ScheduleWarning[];
}

/** Shared by generateSchedule and replan: input already validated. */
export function schedule(input: ScheduleInput, run: ScheduleRun): ScheduleResult {
  const ctx = new ScheduleContext(input);
  const horizonLast = run.firstDay + (input.horizonDays ?? DEFAULT_HORIZON_DAYS) - 1;
  const deadline = input.deadline === undefined ? undefined : toDay(input.deadline);
  const preferredMinutes = hoursToMinutes(input.preferences?.preferredSessionHours);
  const minimum = hoursToMinutes(input.preferences?.minSessionHours) ?? DEFAULT_MIN_SESSION_HOURS * 60;
  const request = {
    totalMinutes: run.totalMinutes,
    firstDay: run.firstDay,
    lastDay: deadline ?? horizonLast,
    preferredMinutes,
    // A preferred length below the minimum means the officer wants such short sessions.
    minSessionMinutes: Math.min(minimum, preferredMinutes ?? minimum),
    prior: run.prior,
  };
  const outcome = plan(ctx, request);
  if (outcome.placedMinutes < run.totalMinutes) {
    const earliest =
      deadline === undefined ? undefined : plan(ctx, { ...request, lastDay: Math.max(horizonLast, deadline) });
    return failure(ctx, request.lastDay, request.minSessionMinutes, input, outcome, run, deadline, earliest);
  }
  const sessions = outcome.sessions.map(toSession);
  const lastDay = outcome.sessions.at(-1)?.day;
  return {
    ok: true,
    totalHours: run.totalMinutes / 60,
    sessions,
    completionDate: lastDay === undefined ? null : toIso(lastDay),
    warnings: [...run.extraWarnings, ...collectWarnings(ctx, outcome, run.prior)],
    appliedRules: appliedRules(ctx, run.firstDay, lastDay ?? run.firstDay),
  };
}

function failure(
  ctx: ScheduleContext,
  lastDay: number,
  minSessionMinutes: number,
  input: ScheduleInput,
  outcome: PlanOutcome,
  run: ScheduleRun,
  deadline: number | undefined,
  withoutDeadline: PlanOutcome | undefined,
): ScheduleFailure {
  const placedHours = outcome.placedMinutes / 60;
  const unplacedHours = (run.totalMinutes - outcome.placedMinutes) / 60;
  const base = { ok: false as const, placedHours, unplacedHours, warnings: run.extraWarnings };
  if (outcome.placedMinutes === 0 && (!withoutDeadline || withoutDeadline.placedMinutes === 0)) {
    const blockers = diagnose(ctx, run.firstDay, Math.min(lastDay, run.firstDay + 364), minSessionMinutes);
    return {
      ...base,
      reason: 'NO_AVAILABILITY',
      message: `No session fits from ${toIso(run.firstDay)}. What blocked it: ${blockers.map((b) => b.message).join('; ')}.`,
      blockers,
    };
  }
  if (deadline !== undefined) {
    const done = withoutDeadline && withoutDeadline.placedMinutes === run.totalMinutes;
    const earliestCompletion = done ? toIso(withoutDeadline.sessions.at(-1)!.day) : undefined;
    return {
      ...base,
      reason: 'DEADLINE_UNREACHABLE',
      message:
        `Only ${placedHours} of ${run.totalMinutes / 60} h fit by the deadline ${input.deadline}` +
        (earliestCompletion ? `; without the deadline the hours would be done on ${earliestCompletion}.` : '.'),
      ...(earliestCompletion ? { earliestCompletion } : {}),
    };
  }
  return {
    ...base,
    reason: 'HORIZON_EXCEEDED',
    message: `Only ${placedHours} of ${run.totalMinutes / 60} h fit within ${input.horizonDays ?? DEFAULT_HORIZON_DAYS} days of the start.`,
  };
}

const BLOCKER_TEXT: Record<BlockerCode, (days: number, night: string[]) => string> = {
  NO_EMPLOYER_DAYS: (d) =>
    `the employer has no working hours on ${d} date(s): add the employer's days and hours or choose another work place`,
  DAYS_OFF: (d) =>
    `${d} date(s) are public holidays, transferred days off or weekends a minor may not work: start later or choose an employer open on working days`,
  EMPLOYER_CLOSED: (d) => `the employer is closed on ${d} date(s)`,
  CLIENT_UNAVAILABLE: (d) => `the client is unavailable on ${d} date(s): check the client's unavailable days and times`,
  NIGHT_BAN: (d, night) =>
    `on ${d} date(s) every hour of the employer's window falls in the night ban (${night.join(', ')}): choose an employer with daytime hours`,
  LESSONS: (d) =>
    `lessons fill the employer's window on ${d} school day(s): choose an employer open after lessons or check the lesson times`,
  OTHER_LIMITS: (d) =>
    `on ${d} date(s) time was free but the daily rest, the minimum session length or the weekly limits left no room: shorten the minimum session or widen the hours`,
};

/** Why no date from the start could take a session: every empty date counted under its first cause. */
function diagnose(
  ctx: ScheduleContext,
  firstDay: number,
  lastDay: number,
  minSessionMinutes: number,
): AvailabilityBlocker[] {
  const counts = new Map<BlockerCode, number>();
  const nights = new Set<string>();
  const add = (code: BlockerCode) => counts.set(code, (counts.get(code) ?? 0) + 1);
  for (let day = firstDay; day <= lastDay; day++) {
    const c = ctx.day(day);
    if (c.blockedBy === 'EMPLOYER_CLOSED') add('EMPLOYER_CLOSED');
    else if (c.blockedBy === 'CLIENT_UNAVAILABLE') add('CLIENT_UNAVAILABLE');
    else if (c.blockedBy) add('DAYS_OFF');
    else {
      const obstacle = ctx.obstacleOn(day, minSessionMinutes);
      if (obstacle === 'NO_EMPLOYER_HOURS') add('NO_EMPLOYER_DAYS');
      else if (obstacle === 'CLIENT_BUSY') add('CLIENT_UNAVAILABLE');
      else if (obstacle === 'LESSONS') add('LESSONS');
      else if (obstacle === 'ROOM_ELSEWHERE') add('OTHER_LIMITS');
      else {
        add('NIGHT_BAN');
        const n = c.limits.night;
        if (n) nights.add(`${n.from}–${n.to}`);
      }
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code, days]) => ({
      code,
      days,
      ...(code === 'NIGHT_BAN' ? { night: [...nights] } : {}),
      message: BLOCKER_TEXT[code](days, [...nights]),
    }));
}

function invalid(issues: string[]): ScheduleFailure {
  return {
    ok: false,
    reason: 'INVALID_INPUT',
    message: `The schedule input is not valid: ${issues.join('; ')}`,
    placedHours: 0,
    unplacedHours: 0,
    issues,
    warnings: [],
  };
}

function toSession(s: PlannedSession): Session {
  return {
    date: toIso(s.day),
    start: toHHMM(s.start),
    end: toHHMM(s.start + s.minutes + s.breakMinutes),
    hours: s.minutes / 60,
    breakMinutes: s.breakMinutes,
    breakStart: s.breakStart === null ? null : toHHMM(s.breakStart),
    profile: s.profile,
  };
}

function hoursToMinutes(hours: number | undefined): number | undefined {
  return hours === undefined ? undefined : Math.round(hours * 60);
}
