import fc from 'fast-check';
import { publicHolidayList, WorkCalendar } from './calendar';
import { ageOn, birthdayDay, isDstChangeDay, isoWeekday, toDay, toIso } from './dates';
import { SchoolCalendar } from './school-holidays';

describe('Latvian public holidays (date-holidays, LV)', () => {
  it('lists the 2026 public holidays, Whit Sunday included, Mother’s Day not', () => {
    expect(publicHolidayList(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-04',
      '2026-05-24',
      '2026-06-23',
      '2026-06-24',
      '2026-11-18',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ]);
  });

  it('moves 4 May 2025 (Sunday) to Monday 5 May as a substitute day', () => {
    expect(
      publicHolidayList(2025)
        .filter((h) => h.substitute)
        .map((h) => h.date),
    ).toEqual(['2025-05-05']);
  });

  it('knows the Cabinet’s transferred days off and the Saturdays worked instead', () => {
    const cal = new WorkCalendar({});
    expect(['2025-11-17', '2026-01-02', '2026-06-22'].every((d) => cal.isTransferredDayOff(toDay(d)))).toBe(true);
    expect(cal.isMovedWorkingSaturday(toDay('2026-01-17'))).toBe(true);
    const custom = new WorkCalendar({ transferredDaysOff: ['2027-05-03'] });
    expect(custom.isTransferredDayOff(toDay('2026-01-02'))).toBe(false);
    expect(custom.isTransferredDayOff(toDay('2027-05-03'))).toBe(true);
  });
});

describe('school holidays (IZM calendars)', () => {
  const school = SchoolCalendar.fromOptions(undefined);
  it.each([
    ['2025-10-20', true],
    ['2025-10-27', false],
    ['2026-01-02', true],
    ['2026-01-05', false],
    ['2026-03-13', true],
    ['2026-08-31', true],
    ['2026-09-01', false],
    ['2026-12-21', true],
    ['2027-03-08', true],
  ])('%s is a holiday: %s', (date, holiday) => {
    expect(school.isHoliday(toDay(date))).toBe(holiday);
  });

  it('says where it has no data', () => {
    expect(school.knows(toDay('2027-08-31'))).toBe(true);
    expect(school.knows(toDay('2027-09-01'))).toBe(false);
  });
});

describe('date arithmetic', () => {
  it('round-trips ISO dates and agrees with Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 100_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(toIso(day)).toBe(iso);
        expect(toDay(iso)).toBe(day);
        expect(isoWeekday(day)).toBe(((new Date(day * 86_400_000).getUTCDay() + 6) % 7) + 1);
      }),
    );
  });

  it('counts age on the birthday itself; 29 February birthdays count from 1 March', () => {
    expect(ageOn('2011-03-18', '2026-03-17')).toBe(14);
    expect(ageOn('2011-03-18', '2026-03-18')).toBe(15);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(toIso(birthdayDay('2008-02-29', 18))).toBe('2026-03-01');
  });

  it('knows the Riga clock-change Sundays', () => {
    expect(isDstChangeDay(toDay('2026-03-29'))).toBe(true);
    expect(isDstChangeDay(toDay('2026-10-25'))).toBe(true);
    expect(isDstChangeDay(toDay('2026-03-22'))).toBe(false);
  });
});
