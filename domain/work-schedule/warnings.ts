import type { ScheduleContext } from './context';
import { mondayOfWeek, toIso, weekIndex } from './dates';
import { LEGAL_BASIS, STATUTORY_HOURS } from './limits';
import type { PlanOutcome } from './planner';
import type { AppliedRule, ProfileId, ScheduleInput, ScheduleWarning } from './types';

/** Things an officer should know about a schedule that is nonetheless valid. */
export function collectWarnings(
  ctx: ScheduleContext,
  outcome: PlanOutcome,
  prior: ReadonlyMap<number, number>,
): ScheduleWarning[] {
  const warnings: ScheduleWarning[] = [];
  const sessions = outcome.sessions;

  const unknown = sessions.filter((s) => s.calendarUnknown).map((s) => toIso(s.day));
  if (unknown.length > 0) {
    warnings.push({
      code: 'SCHOOL_CALENDAR_UNKNOWN',
      message:
        'The school holiday calendar does not cover these dates; the stricter school-term limits were used. ' +
        'Add the IZM calendar for that school year to use holiday limits.',
      dates: unknown,
    });
  }

  const young = sessions.filter((s) => s.under13).map((s) => toIso(s.day));
  if (young.length > 0) {
    warnings.push({
      code: 'CHILD_UNDER_13',
      message:
        'The client is under 13 on these dates. The Labour Law allows light work for children only from 13 ' +
        '(s. 37); community work as an educational measure applies from 11, so choose especially light tasks.',
      dates: young,
    });
  }

  for (const profile of outcome.clampedMinimum) {
    warnings.push({
      code: 'MIN_SESSION_CLAMPED',
      message: `The minimum session length exceeds the daily limit of profile ${profile}; sessions were shortened to that limit.`,
    });
  }

  const short = weeksBelowMinimum(ctx, outcome, prior);
  if (short.length > 0) {
    warnings.push({
      code: 'WEEKLY_MINIMUM_NOT_MET',
      message:
        `In ${short.length} full week(s) the client works fewer hours than the weekly minimum (Sodu izpildes ` +
        'kodekss s. 136: 12 h) because the available time or the limits allow no more; the Code accepts less ' +
        'when work cannot be provided regularly. Dates are the Mondays of those weeks.',
      dates: short,
    });
  }
  return warnings;
}

/** Whole weeks strictly between the first and the last session whose adult minimum was not reached. */
function weeksBelowMinimum(ctx: ScheduleContext, outcome: PlanOutcome, prior: ReadonlyMap<number, number>): string[] {
  const sessions = outcome.sessions;
  if (sessions.length < 2) return [];
  const perWeek = new Map<number, number>();
  for (const s of sessions) perWeek.set(weekIndex(s.day), (perWeek.get(weekIndex(s.day)) ?? 0) + s.minutes);
  for (const [day, minutes] of prior) perWeek.set(weekIndex(day), (perWeek.get(weekIndex(day)) ?? 0) + minutes);
  const out: string[] = [];
  for (let w = weekIndex(sessions[0]!.day) + 1; w < weekIndex(sessions.at(-1)!.day); w++) {
    const monday = mondayOfWeek(w);
    let minimum: number | null = null;
    for (let d = monday; d < monday + 7; d++) {
      const min = ctx.limitsOn(d).minHoursPerWeek;
      if (min === null) {
        minimum = null;
        break;
      }
      minimum = Math.max(minimum ?? 0, min);
    }
    if (minimum !== null && (perWeek.get(w) ?? 0) < minimum * 60) out.push(toIso(monday));
  }
  return out;
}

/** The profile in force on each stretch of dates from the start to the last session. */
export function appliedRules(ctx: ScheduleContext, firstDay: number, lastDay: number): AppliedRule[] {
  const stretches: { from: number; to: number; profile: ProfileId }[] = [];
  for (let d = firstDay; d <= lastDay; d++) {
    const profile = ctx.profileOf(d).profile;
    const last = stretches.at(-1);
    if (last && last.profile === profile) last.to = d;
    else stretches.push({ from: d, to: d, profile });
  }
  return stretches.map((s) => ({
    profile: s.profile,
    from: toIso(s.from),
    to: toIso(s.to),
    limits: ctx.limits[s.profile],
    legalBasis: [...LEGAL_BASIS[s.profile]],
  }));
}

export function statutoryRangeWarning(input: ScheduleInput): ScheduleWarning[] {
  if (!input.measure) return [];
  const range = STATUTORY_HOURS[input.measure];
  if (input.totalHours >= range.min && input.totalHours <= range.max) return [];
  return [
    {
      code: 'HOURS_OUTSIDE_STATUTORY_RANGE',
      message: `${input.totalHours} h is outside ${range.min}–${range.max} h for ${input.measure} (${range.source}).`,
    },
  ];
}
