import { ScheduleContext } from './context';
import { isIsoDate, isWeekend, mondayOfWeek, toDay, toIso, weekIndex, weekdayKey } from './dates';
import { type Interval, isHHMM, nightIntervals, overlaps, toInterval, toMinutes } from './time';
import type { HHMM, IsoDate, ScheduleInput } from './types';

/**
 * Checks an employer's report of hours worked before anything is booked (issue 15):
 *  - impossible entries are refused for everyone: over 24 h a day, a date before the placement or in the future,
 *    a day already reported, overlapping entries, times that do not add up, a total that differs from the days;
 *  - a minor's day beyond the Labour Law's limits (per day, per week, night, weekend, lessons) is refused back to
 *    the employer, and the officer is told of a possible breach of the minors' protection rules;
 *  - an adult's day beyond the schedule (a date not planned, or more hours than planned) needs the officer's
 *    explicit confirmation.
 * Pure: the caller passes today, the placement start, earlier reported days and the current schedule.
 */

export interface ReportedDay {
  date: IsoDate;
  hours: number;
  /** Optional times of the day's work (needed for the night and lessons checks). */
  from?: HHMM | null;
  to?: HHMM | null;
}

export type ImpossibleCode =
  | 'NO_DAYS'
  | 'INVALID_ENTRY'
  | 'OVER_24_HOURS'
  | 'BEFORE_PLACEMENT'
  | 'IN_FUTURE'
  | 'ALREADY_REPORTED'
  | 'OVERLAPPING_ENTRIES'
  | 'TIMES_DO_NOT_MATCH_HOURS'
  | 'TOTAL_MISMATCH';
export type UnlawfulCode =
  'MINOR_DAILY_LIMIT' | 'MINOR_WEEKLY_LIMIT' | 'MINOR_NIGHT' | 'MINOR_WEEKEND' | 'MINOR_LESSONS';
export type BeyondScheduleCode = 'NOT_SCHEDULED' | 'MORE_THAN_SCHEDULED';

export interface HoursFinding<C extends string = string> {
  code: C;
  date?: IsoDate;
  /** Latvian text for the employer and the officer: what is wrong and what to do. */
  message: string;
}

export interface HoursCheckInput {
  /** The case's schedule input (client, employer, calendar, limits): the limits of each date come from it. */
  schedule: ScheduleInput;
  entries: readonly ReportedDay[];
  totalHours: number;
  /** First date work could be done (the placement's start). */
  placementStart: IsoDate;
  today: IsoDate;
  /** Days reported in earlier, accepted reports. */
  earlier: readonly ReportedDay[];
  /** The current schedule's sessions (date → planned hours). */
  planned: readonly { date: IsoDate; hours: number }[];
}

export type HoursVerdict = 'REFUSED' | 'NEEDS_CONFIRMATION' | 'OK';

export interface HoursCheckResult {
  verdict: HoursVerdict;
  impossible: HoursFinding<ImpossibleCode>[];
  unlawful: HoursFinding<UnlawfulCode>[];
  beyondSchedule: HoursFinding<BeyondScheduleCode>[];
  /** True when a minor's day broke the law: the officer must look at a possible breach of the protection rules. */
  possibleMinorBreach: boolean;
  /** All refusal reasons in one Latvian text (each says what to do), for the employer's notice. */
  refusalText: string | null;
}

const fmt = (h: number) => String(Math.round(h * 100) / 100).replace('.', ',');

export function checkReportedHours(input: HoursCheckInput): HoursCheckResult {
  const impossible = impossibleEntries(input);
  const unlawful: HoursFinding<UnlawfulCode>[] = [];
  const beyondSchedule: HoursFinding<BeyondScheduleCode>[] = [];
  if (impossible.length === 0) {
    const ctx = new ScheduleContext(input.schedule);
    unlawful.push(...minorLimits(ctx, input));
    beyondSchedule.push(...beyondPlan(ctx, input));
  }
  const refused = impossible.length > 0 || unlawful.length > 0;
  const reasons = [...impossible, ...unlawful].map((f) => f.message);
  return {
    verdict: refused ? 'REFUSED' : beyondSchedule.length > 0 ? 'NEEDS_CONFIRMATION' : 'OK',
    impossible,
    unlawful,
    beyondSchedule,
    possibleMinorBreach: unlawful.length > 0,
    refusalText: refused ? reasons.join(' ') : null,
  };
}

function impossibleEntries(input: HoursCheckInput): HoursFinding<ImpossibleCode>[] {
  const out: HoursFinding<ImpossibleCode>[] = [];
  if (input.entries.length === 0) {
    out.push({
      code: 'NO_DAYS',
      message: 'Ziņojumā nav norādīta neviena diena: norādiet katru nostrādāto dienu un stundas.',
    });
    return out;
  }
  const earlier = new Set(input.earlier.map((e) => e.date));
  const spansByDate = new Map<string, { span: Interval | null }[]>();
  for (const e of input.entries) {
    if (!isIsoDate(e.date) || !Number.isFinite(e.hours) || e.hours < 0 || !timesValid(e)) {
      out.push({
        code: 'INVALID_ENTRY',
        date: e.date,
        message: `Ieraksts ${e.date}: datums, stundas vai laiks nav derīgs (datums GGGG-MM-DD, stundas ≥ 0, laiks HH:MM).`,
      });
      continue;
    }
    if (e.hours > 24)
      out.push({
        code: 'OVER_24_HOURS',
        date: e.date,
        message: `${e.date}: ${fmt(e.hours)} h vienā dienā nav iespējamas (diennaktī ir 24 h); norādiet katras dienas stundas atsevišķi.`,
      });
    if (e.date < input.placementStart)
      out.push({
        code: 'BEFORE_PLACEMENT',
        date: e.date,
        message: `${e.date}: datums ir pirms darba uzsākšanas pie jums (${input.placementStart}); pārbaudiet datumu.`,
      });
    if (e.date > input.today)
      out.push({
        code: 'IN_FUTURE',
        date: e.date,
        message: `${e.date}: datums ir nākotnē; ziņojiet tikai par jau nostrādātām dienām.`,
      });
    if (earlier.has(e.date))
      out.push({
        code: 'ALREADY_REPORTED',
        date: e.date,
        message: `${e.date}: par šo dienu stundas jau ziņotas iepriekšējā ziņojumā; ja tās jālabo, sazinieties ar probācijas darbinieku.`,
      });
    const span = e.from && e.to ? toInterval({ from: e.from, to: e.to }) : null;
    if (span && Math.round((span.end - span.start) / 30) < Math.round(e.hours * 2)) {
      out.push({
        code: 'TIMES_DO_NOT_MATCH_HOURS',
        date: e.date,
        message: `${e.date}: laikā ${e.from}–${e.to} nevar nostrādāt ${fmt(e.hours)} h; pārbaudiet laiku vai stundas.`,
      });
    }
    const same = spansByDate.get(e.date) ?? [];
    if (same.some((s) => !s.span || !span || overlaps(s.span, span))) {
      out.push({
        code: 'OVERLAPPING_ENTRIES',
        date: e.date,
        message: `${e.date}: ziņojumā ir vairāki ieraksti, kas pārklājas; apvienojiet tos vienā ierakstā par dienu.`,
      });
    }
    same.push({ span });
    spansByDate.set(e.date, same);
  }
  const sum = input.entries.reduce((a, e) => a + (Number.isFinite(e.hours) ? e.hours : 0), 0);
  if (Math.round(sum * 60) !== Math.round(input.totalHours * 60)) {
    out.push({
      code: 'TOTAL_MISMATCH',
      message: `Kopā norādītas ${fmt(input.totalHours)} h, bet dienu stundu summa ir ${fmt(sum)} h; izlabojiet kopsummu vai dienas.`,
    });
  }
  return out;
}

function timesValid(e: ReportedDay): boolean {
  if (!e.from && !e.to) return true;
  if (!e.from || !e.to || !isHHMM(e.from) || !isHHMM(e.to)) return false;
  return toMinutes(e.to) > toMinutes(e.from);
}

/** The Labour Law's limits for a minor (children and adolescents), date by date and week by week. */
function minorLimits(ctx: ScheduleContext, input: HoursCheckInput): HoursFinding<UnlawfulCode>[] {
  const out: HoursFinding<UnlawfulCode>[] = [];
  const weeks = new Map<number, { hours: number; limit: number; dates: string[] }>();
  const addWeek = (date: string, hours: number, minor: boolean, limit: number) => {
    const w = weeks.get(weekIndex(toDay(date))) ?? { hours: 0, limit: Infinity, dates: [] };
    w.hours += hours;
    if (minor) {
      w.limit = Math.min(w.limit, limit);
      w.dates.push(date);
    }
    weeks.set(weekIndex(toDay(date)), w);
  };
  for (const e of input.earlier) {
    const p = ctx.profileOf(toDay(e.date)).profile;
    addWeek(e.date, e.hours, false, ctx.limits[p].maxHoursPerWeek);
  }
  for (const e of input.entries) {
    const day = toDay(e.date);
    const { profile } = ctx.profileOf(day);
    if (profile === 'ADULT') {
      addWeek(e.date, e.hours, false, Infinity);
      continue;
    }
    const limits = ctx.limits[profile];
    const who = profile === 'ADOLESCENT_15_17' ? 'pusaudzim' : 'bērnam';
    addWeek(e.date, e.hours, e.hours > 0, limits.maxHoursPerWeek);
    if (e.hours <= 0) continue;
    if (e.hours > limits.maxHoursPerDay) {
      const when =
        profile === 'CHILD_SCHOOL_TERM' ? ' mācību laikā' : profile.startsWith('CHILD_HOLIDAY') ? ' brīvlaikā' : '';
      out.push({
        code: 'MINOR_DAILY_LIMIT',
        date: e.date,
        message: `${e.date}: ${fmt(e.hours)} h pārsniedz ${who}${when} atļautās ${fmt(limits.maxHoursPerDay)} h dienā (Darba likuma 132. pants).`,
      });
    }
    if (isWeekend(day))
      out.push({
        code: 'MINOR_WEEKEND',
        date: e.date,
        message: `${e.date}: nepilngadīgais nedrīkst strādāt sestdienā vai svētdienā.`,
      });
    if (e.from && e.to) {
      const span = toInterval({ from: e.from, to: e.to });
      const night = limits.night;
      if (nightIntervals(night).some((n) => overlaps(span, n))) {
        out.push({
          code: 'MINOR_NIGHT',
          date: e.date,
          message: `${e.date}: ${e.from}–${e.to} ir nakts laikā, kad ${who} strādāt aizliegts (${night!.from}–${night!.to}, Darba likuma 138. pants).`,
        });
      }
      const lessons = ctx.school.isHoliday(day)
        ? []
        : (input.schedule.client.schoolHoursWeekly?.[weekdayKey(day)] ?? []);
      const clash = lessons.find((l) => overlaps(span, toInterval(l)));
      if (clash)
        out.push({
          code: 'MINOR_LESSONS',
          date: e.date,
          message: `${e.date}: ${e.from}–${e.to} pārklājas ar mācību stundām (${clash.from}–${clash.to}); skolēns drīkst strādāt tikai brīvajā laikā no mācībām.`,
        });
    }
  }
  for (const [week, w] of weeks) {
    if (w.dates.length > 0 && w.hours > w.limit) {
      const monday = toIso(mondayOfWeek(week));
      out.push({
        code: 'MINOR_WEEKLY_LIMIT',
        date: w.dates[0],
        message: `Nedēļā no ${monday}: kopā ${fmt(w.hours)} h pārsniedz nepilngadīgajam atļautās ${fmt(w.limit)} h nedēļā (Darba likuma 132. pants).`,
      });
    }
  }
  return out;
}

/** An adult's day that the schedule did not plan, or longer than planned. */
function beyondPlan(ctx: ScheduleContext, input: HoursCheckInput): HoursFinding<BeyondScheduleCode>[] {
  const planned = new Map<string, number>();
  for (const s of input.planned) planned.set(s.date, (planned.get(s.date) ?? 0) + s.hours);
  const out: HoursFinding<BeyondScheduleCode>[] = [];
  for (const e of input.entries) {
    if (e.hours <= 0 || ctx.profileOf(toDay(e.date)).profile !== 'ADULT') continue;
    const p = planned.get(e.date);
    if (p === undefined)
      out.push({
        code: 'NOT_SCHEDULED',
        date: e.date,
        message: `${e.date}: ${fmt(e.hours)} h dienā, kas nav grafikā.`,
      });
    else if (e.hours > p)
      out.push({
        code: 'MORE_THAN_SCHEDULED',
        date: e.date,
        message: `${e.date}: ${fmt(e.hours)} h, grafikā ${fmt(p)} h.`,
      });
  }
  return out;
}
