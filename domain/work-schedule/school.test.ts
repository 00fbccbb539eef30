import { generateSchedule } from './generate';
import {
  basicEducationUntilFor,
  lessonsToWeekly,
  parseLessonSpan,
  schoolHolidaysForGrade,
  typicalTimetable,
} from './school';
import { WEEKDAYS_ONLY, everyDay, expectOk, hoursPerWeek } from './test-support';
import type { ScheduleInput } from './types';

/** A 16-year-old in grade 9 (issue 15): children's limits from enrolment, work only outside lessons. */
const pupil = (over: Partial<ScheduleInput['client']> = {}, rest: Partial<ScheduleInput> = {}): ScheduleInput => ({
  measure: 'COMMUNITY_WORK_EDU',
  totalHours: 30,
  startDate: '2026-02-02',
  client: {
    birthDate: '2010-01-15',
    basicEducationUntil: basicEducationUntilFor('IN_BASIC_EDUCATION', '2010-01-15')!,
    hasMainJobOrStudies: true,
    schoolHoursWeekly: lessonsToWeekly(typicalTimetable(9)).weekly,
    ...over,
  },
  employer: { weekly: everyDay('08:00', '18:00', WEEKDAYS_ONLY) },
  ...rest,
});

describe('school status', () => {
  it('keeps a pupil in basic education, or of unknown status, a child until 18', () => {
    expect(basicEducationUntilFor('IN_BASIC_EDUCATION', '2010-01-15')).toBe('2028-01-14');
    expect(basicEducationUntilFor('UNKNOWN', '2010-01-15')).toBe('2028-01-14');
    expect(basicEducationUntilFor('NOT_IN_BASIC_EDUCATION', '2010-01-15')).toBeUndefined();
  });

  it('plans a 16-year-old pupil in term at most 2 h a day and 10 h a week, never during lessons', () => {
    const r = expectOk(generateSchedule(pupil()));
    expect(Math.max(...r.sessions.map((s) => s.hours))).toBeLessThanOrEqual(2);
    for (const h of hoursPerWeek(r).values()) expect(h).toBeLessThanOrEqual(10);
    for (const s of r.sessions.filter((x) => x.profile === 'CHILD_SCHOOL_TERM')) expect(s.start >= '15:30').toBe(true);
    expect(r.sessions[0]).toMatchObject({
      date: '2026-02-02',
      start: '15:30',
      end: '17:30',
      profile: 'CHILD_SCHOOL_TERM',
    });
  });

  it('gives the same pupil the holiday limits of a child of 15+ in the summer', () => {
    const r = expectOk(
      generateSchedule(
        pupil({}, { startDate: '2026-07-06', calendar: { schoolHolidays: schoolHolidaysForGrade(9)! } }),
      ),
    );
    expect(r.sessions.every((s) => s.profile === 'CHILD_HOLIDAY_15_PLUS')).toBe(true);
    expect(Math.max(...r.sessions.map((s) => s.hours))).toBeGreaterThan(2);
    expect(Math.max(...r.sessions.map((s) => s.hours))).toBeLessThanOrEqual(7);
    for (const h of hoursPerWeek(r).values()) expect(h).toBeLessThanOrEqual(35);
    // Lessons do not apply in the holidays: work may start in the morning.
    expect(r.sessions[0]!.start).toBe('08:00');
  });

  it('gives the adolescent limits once the officer records that basic education is finished', () => {
    const r = expectOk(
      generateSchedule(pupil({ basicEducationUntil: undefined as unknown as string, hasMainJobOrStudies: false })),
    );
    expect(r.sessions[0]!.profile).toBe('ADOLESCENT_15_17');
    expect(r.sessions[0]!.hours).toBeGreaterThan(2);
  });

  it('starts the summer holidays of the exam grades 9 and 12 on 1 July', () => {
    const nine = schoolHolidaysForGrade(9)!;
    expect(nine).toContainEqual({ from: '2026-07-01', to: '2026-08-31' });
    expect(nine).not.toContainEqual({ from: '2026-06-01', to: '2026-08-31' });
    expect(schoolHolidaysForGrade(8)).toBeUndefined();
    const june = expectOk(
      generateSchedule(pupil({}, { startDate: '2026-06-08', totalHours: 10, calendar: { schoolHolidays: nine } })),
    );
    expect(june.sessions.every((s) => s.profile === 'CHILD_SCHOOL_TERM')).toBe(true);
  });

  it('reads lesson spans as the form writes them and refuses nonsense', () => {
    expect(parseLessonSpan('08:30-15:30')).toEqual({ from: '08:30', to: '15:30' });
    expect(parseLessonSpan(' 08:30 – 14:00 ')).toEqual({ from: '08:30', to: '14:00' });
    expect(parseLessonSpan('')).toBeNull();
    expect(parseLessonSpan(null)).toBeNull();
    expect(parseLessonSpan('15:30-08:30')).toBe('INVALID');
    expect(parseLessonSpan('8-15')).toBe('INVALID');
    expect(lessonsToWeekly({ mon: '08:30-15:30', tue: 'x', sat: null })).toEqual({
      weekly: { mon: [{ from: '08:30', to: '15:30' }] },
      invalid: ['tue'],
    });
    expect(typicalTimetable(2).mon).toBe('08:30-13:00');
    expect(typicalTimetable(11).fri).toBe('08:30-16:00');
    expect(typicalTimetable(null).sat).toBeNull();
  });
});

describe('NO_AVAILABILITY names what blocked it', () => {
  const base = (
    weekly: ScheduleInput['employer']['weekly'],
    client: Partial<ScheduleInput['client']> = {},
  ): ScheduleInput => ({
    totalHours: 10,
    startDate: '2026-02-02',
    horizonDays: 30,
    client: { birthDate: '2012-05-01', hasMainJobOrStudies: true, ...client },
    employer: { weekly },
  });
  const codes = (input: ScheduleInput) => {
    const r = generateSchedule(input);
    if (r.ok) throw new Error('expected a failure');
    expect(r.reason).toBe('NO_AVAILABILITY');
    return r;
  };

  it('no employer days', () => {
    const r = codes(base({}));
    expect(r.blockers![0]!.code).toBe('NO_EMPLOYER_DAYS');
    expect(r.message).toContain('the employer has no working hours');
  });

  it('every window hour in the night ban for children', () => {
    const r = codes(base(everyDay('20:00', '23:00', WEEKDAYS_ONLY)));
    const night = r.blockers!.find((b) => b.code === 'NIGHT_BAN')!;
    expect(night.night).toEqual(['20:00–06:00']);
    expect(r.message).toContain('night ban (20:00–06:00)');
  });

  it('every window hour in the night ban for adolescents', () => {
    const r = codes(base(everyDay('22:00', '24:00', WEEKDAYS_ONLY), { birthDate: '2009-05-01' }));
    expect(r.blockers!.find((b) => b.code === 'NIGHT_BAN')!.night).toEqual(['22:00–06:00']);
  });

  it('every day is a day off (a minor and a weekend-only employer)', () => {
    const r = codes(base(everyDay('10:00', '14:00', ['sat', 'sun'])));
    expect(r.blockers!.map((b) => b.code)).toContain('DAYS_OFF');
    expect(r.blockers!.map((b) => b.code)).not.toContain('NIGHT_BAN');
  });

  it('lessons fill the window', () => {
    const r = codes(
      base(everyDay('08:00', '15:00', WEEKDAYS_ONLY), {
        schoolHoursWeekly: lessonsToWeekly(typicalTimetable(7)).weekly,
        unavailableDates: [],
      }),
    );
    const lessons = r.blockers!.find((b) => b.code === 'LESSONS')!;
    expect(lessons.days).toBeGreaterThan(0);
    expect(r.message).toContain('lessons fill the employer');
  });
});
