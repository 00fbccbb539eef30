import fc from 'fast-check';
import Holidays from 'date-holidays';
import { generateSchedule } from './generate';
import { replan } from './replan';
import { DEFAULT_SCHOOL_HOLIDAYS } from './school-holidays';
import { checkSchedule } from './verify';
import { toDay, toIso } from './dates';
import { toHHMM } from './time';
import type { LedgerEntry, ScheduleInput, Session, TimeWindow, WeeklyWindows } from './types';
import { WEEKDAYS } from './types';

/**
 * Property-based tests over random clients, employers and constraints. Besides checkSchedule (the full rule
 * check), the statutory limits are re-derived here from the law's figures, independently of the profile code.
 */

const RUNS = Number(process.env.WORK_SCHEDULE_PROPERTY_RUNS ?? 250);
const dayArb = (from: string, to: string) => fc.integer({ min: toDay(from), max: toDay(to) });

const windowArb: fc.Arbitrary<TimeWindow> = fc
  .tuple(fc.integer({ min: 0, max: 46 }), fc.integer({ min: 1, max: 24 }))
  .map(([start, len]) => ({ from: toHHMM(start * 30), to: toHHMM(Math.min(48, start + len) * 30) }));

const weeklyArb = (maxPerDay: number): fc.Arbitrary<WeeklyWindows> =>
  fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, fc.array(windowArb, { maxLength: maxPerDay })])), {
    requiredKeys: [],
  }) as fc.Arbitrary<WeeklyWindows>;

const WIDE_OPEN: WeeklyWindows = Object.fromEntries(WEEKDAYS.map((d) => [d, [{ from: '06:00', to: '22:00' }]]));

const inputArb: fc.Arbitrary<ScheduleInput> = fc
  .record({
    halfHours: fc.integer({ min: 1, max: 160 }),
    start: dayArb('2024-09-01', '2027-06-30'),
    // Many clients near their 15th or 18th birthday, so that profiles change within a schedule.
    ageDays: fc.oneof(
      fc.integer({ min: 11 * 365, max: 30 * 365 }),
      fc.integer({ min: 15 * 365 - 30, max: 15 * 365 + 120 }),
      fc.integer({ min: 18 * 365 - 30, max: 18 * 365 + 120 }),
    ),
    basicEducationFor: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
    hasMainJobOrStudies: fc.boolean(),
    consents: fc.boolean(),
    // Wide-open employers too, so that weekly limits (not only daily ones) bind.
    employer: fc.oneof(weeklyArb(2), fc.constant(WIDE_OPEN)),
    busy: weeklyArb(1),
    lessons: weeklyArb(1),
    closed: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 8 }),
    unavailable: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 8 }),
    preferred: fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
    minimum: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    deadlineAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    observesTransferred: fc.boolean(),
    // Custom school holidays that start mid-week, so that a week can straddle term and holiday.
    schoolHolidays: fc.option(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 20 })), { maxLength: 4 }),
      { nil: undefined },
    ),
  })
  .map((r) => ({
    totalHours: r.halfHours / 2,
    startDate: toIso(r.start),
    ...(r.deadlineAfter === undefined ? {} : { deadline: toIso(r.start + r.deadlineAfter) }),
    client: {
      birthDate: toIso(r.start - r.ageDays),
      ...(r.basicEducationFor === undefined ? {} : { basicEducationUntil: toIso(r.start + r.basicEducationFor) }),
      hasMainJobOrStudies: r.hasMainJobOrStudies,
      consentsToLongerWorkdays: r.consents,
      unavailableWeekly: r.busy,
      schoolHoursWeekly: r.lessons,
      unavailableDates: r.unavailable.map((d) => toIso(r.start + d)),
    },
    employer: {
      weekly: r.employer,
      closedDates: r.closed.map((d) => toIso(r.start + d)),
      observesTransferredDaysOff: r.observesTransferred,
    },
    preferences: {
      ...(r.preferred === undefined ? {} : { preferredSessionHours: r.preferred / 2 }),
      ...(r.minimum === undefined ? {} : { minSessionHours: r.minimum / 2 }),
    },
    horizonDays: 500,
    ...(r.schoolHolidays === undefined
      ? {}
      : {
          calendar: {
            schoolHolidays: r.schoolHolidays.map(([a, len]) => ({
              from: toIso(r.start + a),
              to: toIso(r.start + a + len),
            })),
          },
        }),
  }));

// ---- independent oracle: the law's figures applied directly ----

const latvia = new Holidays('LV');
const holidayYears = new Map<string, Set<string>>();
function isPublicHoliday(iso: string): boolean {
  const year = iso.slice(0, 4);
  if (!holidayYears.has(year)) {
    const days = latvia.getHolidays(Number(year)).filter((h) => h.type === 'public');
    holidayYears.set(year, new Set(days.map((h) => h.date.slice(0, 10))));
  }
  return holidayYears.get(year)!.has(iso);
}

function age(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

const inHoliday = (input: ScheduleInput, iso: string) =>
  (input.calendar?.schoolHolidays ?? DEFAULT_SCHOOL_HOLIDAYS).some((r) => r.from <= iso && iso <= r.to);

/** Darba likums s. 132, 138: daily and weekly caps and the start of the night for a date (s. 132/143: no weekends under 18). */
function law(input: ScheduleInput, iso: string): { day: number; week: number; nightFrom: number | null } {
  const a = age(input.client.birthDate, iso);
  if (a >= 18) return { day: 8, week: 40, nightFrom: null };
  const child = a < 15 || (input.client.basicEducationUntil !== undefined && iso <= input.client.basicEducationUntil);
  if (!child) return { day: 7, week: 35, nightFrom: 22 * 60 };
  if (!inHoliday(input, iso)) return { day: 2, week: 10, nightFrom: 20 * 60 };
  return a >= 15 ? { day: 7, week: 35, nightFrom: 20 * 60 } : { day: 4, week: 20, nightFrom: 20 * 60 };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const monday = (iso: string) => toIso(toDay(iso) - ((toDay(iso) + 3) % 7));

function lawViolations(
  input: ScheduleInput,
  sessions: readonly Session[],
  ledger: readonly LedgerEntry[] = [],
): string[] {
  const out: string[] = [];
  const weeks = new Map<string, { hours: number; limit: number; withSessions: boolean }>();
  const add = (iso: string, hours: number, isSession: boolean) => {
    const w = weeks.get(monday(iso)) ?? { hours: 0, limit: Infinity, withSessions: false };
    w.hours += hours;
    w.limit = Math.min(w.limit, law(input, iso).week);
    w.withSessions ||= isSession;
    weeks.set(monday(iso), w);
  };
  for (const e of ledger) if (e.hours > 0) add(e.date, e.hours, false);
  let previousEnd = -Infinity;
  for (const s of sessions) {
    const l = law(input, s.date);
    const start = toDay(s.date) * 1440 + minutes(s.start);
    const end = toDay(s.date) * 1440 + minutes(s.end);
    if (start < previousEnd) out.push(`${s.date}: overlaps the previous session`);
    previousEnd = end;
    if (isPublicHoliday(s.date)) out.push(`${s.date}: public holiday`);
    const weekend = (toDay(s.date) + 3) % 7 >= 5;
    if (weekend && age(input.client.birthDate, s.date) < 18) out.push(`${s.date}: a minor on a weekend`);
    if (s.hours > l.day) out.push(`${s.date}: ${s.hours} h over ${l.day} h`);
    if (l.nightFrom !== null && (minutes(s.end) > l.nightFrom || minutes(s.start) < 6 * 60)) {
      out.push(`${s.date}: ${s.start}–${s.end} in night hours`);
    }
    const breakOver = age(input.client.birthDate, s.date) >= 18 ? 6 : 4.5;
    if (s.hours > breakOver && s.breakMinutes < 30) out.push(`${s.date}: ${s.hours} h without a break`);
    add(s.date, s.hours, true);
  }
  for (const [m, w] of weeks)
    if (w.withSessions && w.hours > w.limit) out.push(`week ${m}: ${w.hours} h over ${w.limit} h`);
  return out;
}

const total = (sessions: readonly Session[]) => sessions.reduce((a, s) => a + s.hours, 0);

describe('generateSchedule properties', () => {
  it('either places exactly the total within every rule or fails with a reason', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = generateSchedule(input);
        if (!r.ok) {
          expect(['DEADLINE_UNREACHABLE', 'HORIZON_EXCEEDED', 'NO_AVAILABILITY']).toContain(r.reason);
          expect(r.placedHours + r.unplacedHours).toBe(input.totalHours);
          expect(r.unplacedHours).toBeGreaterThan(0);
          return;
        }
        expect(total(r.sessions)).toBe(input.totalHours);
        expect(checkSchedule(input, r.sessions)).toEqual([]);
        expect(lawViolations(input, r.sessions)).toEqual([]);
        const closed = new Set([...(input.employer.closedDates ?? []), ...(input.client.unavailableDates ?? [])]);
        expect(r.sessions.filter((s) => closed.has(s.date))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(generateSchedule(input)).toEqual(generateSchedule(structuredClone(input)));
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });
});

describe('replan properties', () => {
  const caseArb = fc.record({
    input: inputArb,
    done: fc.integer({ min: 0, max: 6 }),
    deltas: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 6, maxLength: 6 }),
    skipDays: fc.integer({ min: 0, max: 10 }),
  });

  it('never loses or invents hours and never books a ledger date', () => {
    fc.assert(
      fc.property(caseArb, ({ input, done, deltas, skipDays }) => {
        const first = generateSchedule(input);
        fc.pre(first.ok && first.sessions.length > 0);
        if (!first.ok) return;
        // What happened: some planned sessions worked with more or fewer hours (0 = no-show).
        const ledger = first.sessions.slice(0, done).map((s, i) => ({
          date: s.date,
          hours: Math.max(0, s.hours + deltas[i]! / 2),
        }));
        const last = ledger.at(-1)?.date ?? input.startDate;
        const fromDate = toIso(toDay(last) + 1 + skipDays);
        const r = replan(input, ledger, fromDate);
        const worked = ledger.reduce((a, e) => a + e.hours, 0);
        expect(r.ledger.workedHours).toBe(worked);
        expect(r.ledger.remainingHours).toBe(Math.max(0, input.totalHours - worked));
        expect(r.ledger.extraHours).toBe(Math.max(0, worked - input.totalHours));
        if (!r.ok) {
          expect(r.reason).not.toBe('INVALID_INPUT');
          return;
        }
        expect(worked + total(r.sessions)).toBe(Math.max(input.totalHours, worked));
        const ledgerDates = new Set(ledger.map((e) => e.date));
        expect(r.sessions.filter((s) => ledgerDates.has(s.date) || s.date < fromDate)).toEqual([]);
        const opts = { ledger, fromDate, expectedHours: r.ledger.remainingHours };
        expect(checkSchedule(input, r.sessions, opts)).toEqual([]);
        expect(lawViolations(input, r.sessions, ledger)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('pupils and lessons (issue 15)', () => {
  const lessonSpanArb = fc
    .tuple(fc.integer({ min: 14, max: 20 }), fc.integer({ min: 8, max: 18 }))
    .map(([start, len]) => ({ from: toHHMM(start * 30), to: toHHMM(Math.min(46, start + len) * 30) }));
  const pupilArb = fc
    .record({
      halfHours: fc.integer({ min: 20, max: 80 }),
      start: dayArb('2024-09-01', '2027-06-30'),
      age: fc.integer({ min: 11, max: 17 }),
      lessons: fc.record(
        Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, fc.option(lessonSpanArb, { nil: undefined })]),
        ),
      ),
      employer: fc.oneof(weeklyArb(2), fc.constant(WIDE_OPEN)),
    })
    .map((r) => {
      const birth = toIso(r.start - r.age * 365 - 100);
      const lessons: WeeklyWindows = Object.fromEntries(
        Object.entries(r.lessons)
          .filter(([, w]) => w)
          .map(([d, w]) => [d, [w as TimeWindow]]),
      );
      const input: ScheduleInput = {
        measure: 'COMMUNITY_WORK_EDU',
        totalHours: r.halfHours / 2,
        startDate: toIso(r.start),
        horizonDays: 400,
        client: {
          birthDate: birth,
          basicEducationUntil: toIso(r.start + 2000),
          hasMainJobOrStudies: true,
          schoolHoursWeekly: lessons,
        },
        employer: { weekly: r.employer },
      };
      return input;
    });

  it('never plans a session for a pupil during a lesson on a school day', () => {
    fc.assert(
      fc.property(pupilArb, (input) => {
        const r = generateSchedule(input);
        if (!r.ok) return;
        for (const s of r.sessions) {
          if (inHoliday(input, s.date)) continue;
          const wd = WEEKDAYS[(toDay(s.date) + 3) % 7]!;
          for (const l of input.client.schoolHoursWeekly?.[wd] ?? []) {
            expect(minutes(s.start) < minutes(l.to) && minutes(l.from) < minutes(s.end)).toBe(false);
          }
        }
        expect(lawViolations(input, r.sessions)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
