import { checkReportedHours, type HoursCheckInput } from './reported-hours';
import { basicEducationUntilFor, lessonsToWeekly, typicalTimetable } from './school';
import { WEEKDAYS_ONLY, everyDay } from './test-support';

/** 2026-02-02 is a Monday in the school term. */
const child14: HoursCheckInput['schedule'] = {
  totalHours: 20,
  startDate: '2026-02-02',
  client: {
    birthDate: '2011-09-01',
    basicEducationUntil: basicEducationUntilFor('IN_BASIC_EDUCATION', '2011-09-01')!,
    schoolHoursWeekly: lessonsToWeekly(typicalTimetable(8)).weekly,
  },
  employer: { weekly: everyDay('08:00', '20:00', WEEKDAYS_ONLY) },
};
const adult: HoursCheckInput['schedule'] = { ...child14, client: { birthDate: '1990-01-01' } };

const check = (over: Partial<HoursCheckInput>) =>
  checkReportedHours({
    schedule: child14,
    entries: [],
    totalHours: 0,
    placementStart: '2026-02-02',
    today: '2026-02-20',
    earlier: [],
    planned: [],
    ...over,
  });
const report = (entries: HoursCheckInput['entries'], over: Partial<HoursCheckInput> = {}) =>
  check({ entries, totalHours: entries.reduce((a, e) => a + e.hours, 0), ...over });
const codes = (r: ReturnType<typeof check>) => [...r.impossible, ...r.unlawful, ...r.beyondSchedule].map((f) => f.code);

describe('reported hours: impossible entries (everyone)', () => {
  it('accepts lawful days', () => {
    const r = report([
      { date: '2026-02-02', hours: 2, from: '16:00', to: '18:00' },
      { date: '2026-02-03', hours: 2 },
    ]);
    expect(r.verdict).toBe('OK');
    expect(r.refusalText).toBeNull();
  });
  it('refuses a report without days', () => expect(codes(check({ totalHours: 4 }))).toEqual(['NO_DAYS']));
  it('refuses over 24 h a day', () =>
    expect(codes(report([{ date: '2026-02-02', hours: 25 }], { schedule: adult }))).toContain('OVER_24_HOURS'));
  it('refuses a date before the placement', () =>
    expect(codes(report([{ date: '2026-01-30', hours: 2 }]))).toEqual(['BEFORE_PLACEMENT']));
  it('refuses a date in the future', () =>
    expect(codes(report([{ date: '2026-02-23', hours: 2 }]))).toEqual(['IN_FUTURE']));
  it('refuses a day reported before', () =>
    expect(codes(report([{ date: '2026-02-03', hours: 2 }], { earlier: [{ date: '2026-02-03', hours: 2 }] }))).toEqual([
      'ALREADY_REPORTED',
    ]));
  it('refuses overlapping entries', () => {
    expect(
      codes(
        report([
          { date: '2026-02-03', hours: 1 },
          { date: '2026-02-03', hours: 1 },
        ]),
      ),
    ).toEqual(['OVERLAPPING_ENTRIES']);
    expect(
      codes(
        report([
          { date: '2026-02-03', hours: 1, from: '16:00', to: '17:00' },
          { date: '2026-02-03', hours: 1, from: '16:30', to: '17:30' },
        ]),
      ),
    ).toEqual(['OVERLAPPING_ENTRIES']);
  });
  it('refuses times that cannot hold the hours, and invalid entries', () => {
    expect(codes(report([{ date: '2026-02-03', hours: 2, from: '16:00', to: '17:00' }]))).toEqual([
      'TIMES_DO_NOT_MATCH_HOURS',
    ]);
    expect(codes(report([{ date: '2026-02-31', hours: 2 }]))).toEqual(['INVALID_ENTRY']);
  });
  it('refuses a total that differs from the days', () =>
    expect(codes(check({ entries: [{ date: '2026-02-03', hours: 2 }], totalHours: 10 }))).toEqual(['TOTAL_MISMATCH']));
  it('says what went wrong and what to do', () => {
    const r = report([{ date: '2026-02-23', hours: 2 }]);
    expect(r.refusalText).toMatch(/nākotnē; ziņojiet tikai par jau nostrādātām dienām/);
  });
});

describe("reported hours: a minor's legal limits", () => {
  it('refuses more than 2 h on a school day and tells of a possible breach', () => {
    const r = report([{ date: '2026-02-09', hours: 10 }]);
    expect(r.verdict).toBe('REFUSED');
    expect(codes(r)).toEqual(['MINOR_DAILY_LIMIT']);
    expect(r.possibleMinorBreach).toBe(true);
    expect(r.refusalText).toContain('2 h dienā');
  });
  it('refuses more than 10 h in a school week, counting earlier reports', () => {
    const earlier = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05'].map((date) => ({ date, hours: 2 }));
    const r = report(
      [
        { date: '2026-02-06', hours: 2 },
        { date: '2026-02-06', hours: 0.5, from: '18:00', to: '18:30' },
      ],
      { earlier },
    );
    expect(codes(r)).toContain('OVERLAPPING_ENTRIES');
    const ok = report([{ date: '2026-02-06', hours: 2 }], { earlier });
    expect(ok.verdict).toBe('OK');
    const over = report([{ date: '2026-02-06', hours: 2 }], {
      earlier: [...earlier, { date: '2026-02-02', hours: 0.5 }],
    });
    expect(codes(over)).toEqual(['MINOR_WEEKLY_LIMIT']);
  });
  it('refuses night hours (children from 20:00)', () =>
    expect(codes(report([{ date: '2026-02-10', hours: 1, from: '19:30', to: '20:30' }]))).toEqual(['MINOR_NIGHT']));
  it('refuses a weekend day', () =>
    expect(codes(report([{ date: '2026-02-07', hours: 2 }]))).toEqual(['MINOR_WEEKEND']));
  it('refuses work during lessons on a school day, not in the holidays', () => {
    expect(codes(report([{ date: '2026-02-10', hours: 2, from: '09:00', to: '11:00' }]))).toEqual(['MINOR_LESSONS']);
    expect(
      report([{ date: '2026-03-10', hours: 2, from: '09:00', to: '11:00' }], { today: '2026-03-20' }).verdict,
    ).toBe('OK');
  });
});

describe("reported hours: an adult's day beyond the schedule", () => {
  it('needs confirmation for a day not planned or longer than planned', () => {
    const planned = [{ date: '2026-02-02', hours: 4 }];
    const r = report(
      [
        { date: '2026-02-02', hours: 6 },
        { date: '2026-02-07', hours: 8 },
      ],
      { schedule: adult, planned },
    );
    expect(r.verdict).toBe('NEEDS_CONFIRMATION');
    expect(codes(r)).toEqual(['MORE_THAN_SCHEDULED', 'NOT_SCHEDULED']);
    expect(r.possibleMinorBreach).toBe(false);
  });
  it('passes a day as planned', () => {
    expect(
      report([{ date: '2026-02-02', hours: 4 }], { schedule: adult, planned: [{ date: '2026-02-02', hours: 4 }] })
        .verdict,
    ).toBe('OK');
  });
});
