import { generateSchedule } from './generate';
import { checkSchedule } from './verify';
import { WEEKDAYS_ONLY, baseInput, everyDay, expectOk, hoursPerWeek, sumHours, window } from './test-support';
import type { ScheduleInput } from './types';

const MAIN_JOB = everyDay('08:00', '17:00', WEEKDAYS_ONLY);
const SCHOOL = everyDay('08:00', '14:00', WEEKDAYS_ONLY);

describe('adult community service from a court ruling', () => {
  const ruling: ScheduleInput = {
    measure: 'FORCED_WORK',
    totalHours: 120,
    startDate: '2026-04-27',
    client: { birthDate: '1990-05-05', hasMainJobOrStudies: true, unavailableWeekly: MAIN_JOB },
    employer: { weekly: { ...everyDay('08:00', '20:00', WEEKDAYS_ONLY), sat: [window('09:00', '15:00')] } },
  };

  it('places exactly 120 h within the rules', () => {
    const r = expectOk(generateSchedule(ruling));
    expect(sumHours(r)).toBe(120);
    expect(checkSchedule(ruling, r.sessions)).toEqual([]);
    expect(r.appliedRules.map((a) => a.profile)).toEqual(['ADULT']);
    expect(r.warnings).toEqual([]);
  });

  it('keeps working days to 2 h after the main job and uses Saturdays for longer sessions', () => {
    const r = expectOk(generateSchedule(ruling));
    const weekdays = r.sessions.filter((s) => new Date(`${s.date}T00:00:00Z`).getUTCDay() !== 6);
    expect(weekdays.every((s) => s.hours === 2 && s.start >= '17:00')).toBe(true);
    expect(r.sessions.filter((s) => s.date === '2026-05-02')).toEqual([
      {
        date: '2026-05-02',
        start: '09:00',
        end: '15:00',
        hours: 6,
        breakMinutes: 0,
        breakStart: null,
        profile: 'ADULT',
      },
    ]);
  });

  it('allows 4 h on working days with the client’s consent', () => {
    const r = expectOk(generateSchedule({ ...ruling, client: { ...ruling.client, consentsToLongerWorkdays: true } }));
    expect(Math.max(...r.sessions.filter((s) => s.date === '2026-04-27').map((s) => s.hours))).toBe(3);
    expect(checkSchedule(ruling, r.sessions).filter((v) => v.rule === 'DAILY_LIMIT').length).toBeGreaterThan(0);
  });

  it('skips 1 May and 4 May', () => {
    const dates = expectOk(generateSchedule(ruling)).sessions.map((s) => s.date);
    expect(dates).not.toContain('2026-05-01');
    expect(dates).not.toContain('2026-05-04');
  });

  it('is deterministic', () => {
    expect(generateSchedule(ruling)).toEqual(generateSchedule(structuredClone(ruling)));
  });

  it('treats a Saturday made a working day by the Cabinet as a working day (2 h beside the main job)', () => {
    const r = expectOk(generateSchedule({ ...ruling, totalHours: 6, startDate: '2026-06-22' }));
    expect(r.sessions.map((s) => [s.date, s.hours])).toEqual([
      ['2026-06-25', 2],
      ['2026-06-26', 2],
      ['2026-06-27', 2],
    ]);
  });
});

describe('a 14-year-old (child) in the school term and in the holidays', () => {
  const child = (startDate: string, totalHours: number): ScheduleInput => ({
    measure: 'COMMUNITY_WORK_EDU',
    totalHours,
    startDate,
    client: { birthDate: '2011-09-15', schoolHoursWeekly: SCHOOL },
    employer: { weekly: everyDay('09:00', '19:00', WEEKDAYS_ONLY) },
  });

  it('works at most 2 h a day and 10 h a week in the school term, after school', () => {
    const input = child('2026-02-02', 30);
    const r = expectOk(generateSchedule(input));
    expect(checkSchedule(input, r.sessions)).toEqual([]);
    expect(r.sessions.every((s) => s.hours <= 2 && s.start >= '14:00' && s.profile === 'CHILD_SCHOOL_TERM')).toBe(true);
    expect([...hoursPerWeek(r).values()]).toEqual([10, 10, 10]);
  });

  it('works up to 4 h a day and 20 h a week in the summer holidays', () => {
    const input = child('2026-06-01', 30);
    const r = expectOk(generateSchedule(input));
    expect(r.sessions.every((s) => s.profile === 'CHILD_HOLIDAY' && s.hours <= 4)).toBe(true);
    // Lessons do not apply in the holidays, so the day starts when the employer opens.
    expect(r.sessions.every((s) => s.start === '09:00')).toBe(true);
    expect([...hoursPerWeek(r).values()]).toEqual([20, 10]);
    expect(r.appliedRules.map((a) => a.profile)).toEqual(['CHILD_HOLIDAY']);
  });

  it('switches to holiday limits for the spring break week (9–13 March 2026)', () => {
    const input = child('2026-03-02', 24);
    const r = expectOk(generateSchedule(input));
    expect(r.sessions.map((s) => [s.date, s.hours])).toEqual([
      ['2026-03-02', 2],
      ['2026-03-03', 2],
      ['2026-03-04', 2],
      ['2026-03-05', 2],
      ['2026-03-06', 2],
      ['2026-03-09', 4],
      ['2026-03-10', 4],
      ['2026-03-11', 4],
      ['2026-03-12', 2],
    ]);
    expect(r.appliedRules.map((a) => [a.profile, a.from, a.to])).toEqual([
      ['CHILD_SCHOOL_TERM', '2026-03-02', '2026-03-08'],
      ['CHILD_HOLIDAY', '2026-03-09', '2026-03-12'],
    ]);
  });

  it('never works on weekends', () => {
    const input = { ...child('2026-06-01', 40), employer: { weekly: everyDay('09:00', '19:00') } };
    const r = expectOk(generateSchedule(input));
    expect(r.sessions.every((s) => ![0, 6].includes(new Date(`${s.date}T00:00:00Z`).getUTCDay()))).toBe(true);
  });

  it('holds a week that straddles term and holiday to the stricter weekly limit', () => {
    const input: ScheduleInput = {
      ...child('2026-02-02', 14),
      calendar: { schoolHolidays: [{ from: '2026-02-04', to: '2026-02-10' }] },
    };
    const r = expectOk(generateSchedule(input));
    expect(checkSchedule(input, r.sessions)).toEqual([]);
    expect(hoursPerWeek(r).get('2026-02-02')).toBe(10);
    expect(r.sessions.map((s) => [s.date, s.hours])).toEqual([
      ['2026-02-02', 2],
      ['2026-02-03', 2],
      ['2026-02-04', 4],
      ['2026-02-05', 2],
      ['2026-02-09', 4],
    ]);
  });
});

describe('a client changing profile on a birthday', () => {
  const turning15: ScheduleInput = {
    totalHours: 30,
    startDate: '2026-03-16',
    client: { birthDate: '2011-03-18', unavailableWeekly: everyDay('08:00', '15:00', WEEKDAYS_ONLY) },
    employer: { weekly: everyDay('15:00', '21:00', WEEKDAYS_ONLY) },
  };

  it('becomes an adolescent on the 15th birthday, the week still held to the child limit', () => {
    const r = expectOk(generateSchedule(turning15));
    expect(checkSchedule(turning15, r.sessions)).toEqual([]);
    expect(r.sessions.map((s) => [s.date, s.profile, s.hours])).toEqual([
      ['2026-03-16', 'CHILD_SCHOOL_TERM', 2],
      ['2026-03-17', 'CHILD_SCHOOL_TERM', 2],
      ['2026-03-18', 'ADOLESCENT_15_17', 5.5],
      ['2026-03-23', 'ADOLESCENT_15_17', 5.5],
      ['2026-03-24', 'ADOLESCENT_15_17', 5.5],
      ['2026-03-25', 'ADOLESCENT_15_17', 5.5],
      ['2026-03-26', 'ADOLESCENT_15_17', 4],
    ]);
    expect(r.sessions[2]).toMatchObject({ start: '15:00', end: '21:00', breakMinutes: 30, breakStart: '17:30' });
    expect(r.appliedRules.map((a) => [a.profile, a.from])).toEqual([
      ['CHILD_SCHOOL_TERM', '2026-03-16'],
      ['ADOLESCENT_15_17', '2026-03-18'],
    ]);
  });

  it('stays a child after 15 while still in compulsory basic education', () => {
    const input = { ...turning15, client: { ...turning15.client, basicEducationUntil: '2026-06-12' } };
    const r = expectOk(generateSchedule(input));
    expect(r.sessions.every((s) => s.profile === 'CHILD_SCHOOL_TERM' && s.hours <= 2)).toBe(true);
  });

  it('becomes an adult on the 18th birthday and may then work on a Saturday', () => {
    const input: ScheduleInput = {
      totalHours: 10,
      startDate: '2026-03-20',
      client: { birthDate: '2008-03-21', hasMainJobOrStudies: false },
      employer: { weekly: everyDay('10:00', '16:00') },
    };
    const r = expectOk(generateSchedule(input));
    expect(checkSchedule(input, r.sessions)).toEqual([]);
    expect(r.sessions.map((s) => [s.date, s.profile, s.hours])).toEqual([
      ['2026-03-20', 'ADOLESCENT_15_17', 5.5],
      ['2026-03-21', 'ADULT', 4.5],
    ]);
  });
});

describe('Latvian public holidays and days off', () => {
  const dates = (input: ScheduleInput) => expectOk(generateSchedule(input)).sessions.map((s) => s.date);

  it('skips 24–26 and 31 December, 1 January and the transferred 2 January', () => {
    const d = dates(baseInput({ totalHours: 80, startDate: '2025-12-20' }));
    for (const day of ['2025-12-24', '2025-12-25', '2025-12-26', '2025-12-31', '2026-01-01', '2026-01-02']) {
      expect(d).not.toContain(day);
    }
    expect(d).toContain('2025-12-27');
  });

  it('skips 18 November and the transferred 17 November 2025 unless the employer works that day', () => {
    const input = baseInput({ totalHours: 40, startDate: '2025-11-14' });
    expect(dates(input)).not.toContain('2025-11-18');
    expect(dates(input)).not.toContain('2025-11-17');
    const open = { ...input, employer: { ...input.employer, observesTransferredDaysOff: false } };
    expect(dates(open)).toContain('2025-11-17');
    expect(dates(open)).not.toContain('2025-11-18');
  });

  it('skips 1 May, 4 May and its Monday substitute when 4 May is a Sunday (2025)', () => {
    const d = dates(baseInput({ totalHours: 60, startDate: '2025-04-28' }));
    expect(d).not.toContain('2025-05-01');
    expect(d).not.toContain('2025-05-04');
    expect(d).not.toContain('2025-05-05');
    expect(d).toContain('2025-05-02');
  });

  it('moves 18 November 2028 (a Saturday) to Monday 20 November', () => {
    const d = dates(baseInput({ totalHours: 40, startDate: '2028-11-15' }));
    expect(d).not.toContain('2028-11-18');
    expect(d).not.toContain('2028-11-20');
    expect(d).toContain('2028-11-19');
  });

  it('skips Easter, Whit Sunday and Midsummer', () => {
    const d = dates(baseInput({ totalHours: 80, startDate: '2026-04-02' }));
    for (const day of ['2026-04-03', '2026-04-05', '2026-04-06']) expect(d).not.toContain(day);
    const summer = dates(baseInput({ totalHours: 200, startDate: '2026-05-22' }));
    for (const day of ['2026-05-24', '2026-06-22', '2026-06-23', '2026-06-24']) expect(summer).not.toContain(day);
  });

  it('skips employer closed dates and client unavailable dates', () => {
    const input = baseInput({
      totalHours: 24,
      startDate: '2026-02-02',
      employer: { weekly: everyDay('08:00', '18:00'), closedDates: ['2026-02-03'] },
      client: { birthDate: '1990-01-01', hasMainJobOrStudies: false, unavailableDates: ['2026-02-04'] },
    });
    expect(dates(input)).toEqual(['2026-02-02', '2026-02-05', '2026-02-06']);
  });
});

describe('breaks, night and session lengths', () => {
  it('gives an adult a 30-minute break within 4 h in an 8-hour session', () => {
    const r = expectOk(generateSchedule(baseInput({ totalHours: 8 })));
    expect(r.sessions).toEqual([
      {
        date: '2026-02-02',
        start: '08:00',
        end: '16:30',
        hours: 8,
        breakMinutes: 30,
        breakStart: '12:00',
        profile: 'ADULT',
      },
    ]);
  });

  it('gives an adolescent a break over 4.5 h and ends before 22:00', () => {
    const input: ScheduleInput = {
      totalHours: 7,
      startDate: '2026-02-02',
      client: { birthDate: '2010-01-01', unavailableWeekly: everyDay('00:00', '16:00', WEEKDAYS_ONLY) },
      employer: { weekly: everyDay('08:00', '24:00', WEEKDAYS_ONLY) },
    };
    const r = expectOk(generateSchedule(input));
    expect(r.sessions[0]).toMatchObject({ start: '16:00', end: '22:00', hours: 5.5, breakMinutes: 30 });
    expect(r.sessions.every((s) => s.end <= '22:00')).toBe(true);
  });

  it('ends a child’s session by 20:00', () => {
    const input: ScheduleInput = {
      totalHours: 6,
      startDate: '2026-07-06',
      client: { birthDate: '2012-01-01' },
      employer: { weekly: everyDay('17:00', '23:00', WEEKDAYS_ONLY) },
    };
    const r = expectOk(generateSchedule(input));
    expect(r.sessions.map((s) => [s.start, s.end])).toEqual([
      ['17:00', '20:00'],
      ['17:00', '20:00'],
    ]);
  });

  it('splits hours by the preferred length without leaving a sliver below the minimum', () => {
    const r = expectOk(generateSchedule(baseInput({ totalHours: 9, preferences: { preferredSessionHours: 4 } })));
    expect(r.sessions.map((s) => s.hours)).toEqual([4, 3, 2]);
  });

  it('takes a preferred length below the default minimum as the minimum', () => {
    const r = expectOk(generateSchedule(baseInput({ totalHours: 3, preferences: { preferredSessionHours: 1 } })));
    expect(r.sessions.map((s) => s.hours)).toEqual([1, 1, 1]);
  });

  it('schedules fewer hours than the minimum session when only those remain', () => {
    const r = expectOk(generateSchedule(baseInput({ totalHours: 1.5 })));
    expect(r.sessions.map((s) => s.hours)).toEqual([1.5]);
  });

  it('keeps clear of the hour the clocks change (29 March 2026)', () => {
    const input = baseInput({
      totalHours: 2,
      startDate: '2026-03-29',
      employer: { weekly: { sun: [window('02:00', '06:00')] } },
    });
    const r = expectOk(generateSchedule(input));
    expect(r.sessions).toEqual([
      expect.objectContaining({ date: '2026-03-29', start: '04:00', end: '06:00', hours: 2 }),
    ]);
  });

  it('keeps 12 h of rest between sessions', () => {
    const input = baseInput({
      totalHours: 16,
      employer: { weekly: { mon: [window('14:00', '22:00')], tue: [window('06:00', '18:00')] } },
    });
    const r = expectOk(generateSchedule(input));
    expect(r.sessions[0]).toMatchObject({ date: '2026-02-02', start: '14:00', end: '22:00', hours: 7.5 });
    expect(r.sessions[1]).toMatchObject({ date: '2026-02-03', start: '10:00' });
  });
});

describe('failures and warnings', () => {
  it('fails with DEADLINE_UNREACHABLE and tells when the hours would be done', () => {
    const input: ScheduleInput = {
      totalHours: 40,
      startDate: '2026-02-02',
      deadline: '2026-02-15',
      client: { birthDate: '2011-09-15' },
      employer: { weekly: everyDay('14:00', '19:00', WEEKDAYS_ONLY) },
    };
    const r = generateSchedule(input);
    expect(r).toMatchObject({ ok: false, reason: 'DEADLINE_UNREACHABLE', placedHours: 20, unplacedHours: 20 });
    expect(r.ok === false && r.earliestCompletion).toBe('2026-02-27');
  });

  it('fails with HORIZON_EXCEEDED when the hours do not fit in the safety horizon', () => {
    const r = generateSchedule(baseInput({ totalHours: 200, horizonDays: 10 }));
    expect(r).toMatchObject({ ok: false, reason: 'HORIZON_EXCEEDED' });
  });

  it('fails with NO_AVAILABILITY when the employer never overlaps the client’s free time', () => {
    const r = generateSchedule(
      baseInput({
        client: { birthDate: '2011-01-01' },
        employer: { weekly: everyDay('09:00', '17:00', ['sat', 'sun']) },
        horizonDays: 365, // at 18 the client could work on weekends
      }),
    );
    expect(r).toMatchObject({ ok: false, reason: 'NO_AVAILABILITY', placedHours: 0 });
  });

  it.each([
    ['a total that is not whole or half hours', { totalHours: 2.3 }],
    ['an impossible date', { startDate: '2026-02-30' }],
    ['a deadline before the start', { deadline: '2026-01-01' }],
    ['a window that ends before it starts', { employer: { weekly: { mon: [window('18:00', '08:00')] } } }],
  ])('rejects %s with INVALID_INPUT', (_label, over) => {
    const r = generateSchedule(baseInput(over as Partial<ScheduleInput>));
    expect(r).toMatchObject({ ok: false, reason: 'INVALID_INPUT' });
    expect(r.ok === false && r.issues?.length).toBeGreaterThan(0);
  });

  it('warns when the total is outside the statutory range of the measure', () => {
    const r = expectOk(generateSchedule(baseInput({ measure: 'COMMUNITY_WORK_EDU', totalHours: 60 })));
    expect(r.warnings.map((w) => w.code)).toContain('HOURS_OUTSIDE_STATUTORY_RANGE');
  });

  it('warns when a child’s dates are beyond the known school calendar', () => {
    const r = expectOk(
      generateSchedule(baseInput({ totalHours: 4, startDate: '2028-02-07', client: { birthDate: '2014-01-01' } })),
    );
    expect(r.warnings.map((w) => w.code)).toContain('SCHOOL_CALENDAR_UNKNOWN');
    expect(r.sessions.every((s) => s.profile === 'CHILD_SCHOOL_TERM')).toBe(true);
  });

  it('warns about a child under 13', () => {
    const r = expectOk(generateSchedule(baseInput({ totalHours: 4, client: { birthDate: '2014-01-01' } })));
    expect(r.warnings.map((w) => w.code)).toContain('CHILD_UNDER_13');
  });

  it('warns when an adult cannot reach 12 h a week', () => {
    const r = expectOk(
      generateSchedule(baseInput({ totalHours: 10, employer: { weekly: { mon: [window('17:00', '19:00')] } } })),
    );
    expect(r.warnings.find((w) => w.code === 'WEEKLY_MINIMUM_NOT_MET')?.dates).toEqual([
      '2026-02-09',
      '2026-02-16',
      '2026-02-23',
    ]);
  });
});
