import { generateSchedule } from './generate';
import { checkSchedule } from './verify';
import { WEEKDAYS_ONLY, baseInput, everyDay, expectOk } from './test-support';
import type { ScheduleInput, Session } from './types';

/** checkSchedule must catch every kind of broken schedule (it guards the benchmark and hand edits). */
describe('checkSchedule', () => {
  const adult = baseInput({ totalHours: 16 });
  const child: ScheduleInput = {
    totalHours: 10,
    startDate: '2026-02-02',
    client: { birthDate: '2012-01-01', schoolHoursWeekly: everyDay('08:00', '14:00', WEEKDAYS_ONLY) },
    employer: { weekly: everyDay('08:00', '22:00') },
  };
  const plan = (input: ScheduleInput) => expectOk(generateSchedule(input)).sessions;
  const rules = (input: ScheduleInput, sessions: Session[], opts = {}) =>
    checkSchedule(input, sessions, opts).map((v) => v.rule);
  const edit = (sessions: Session[], i: number, change: Partial<Session>) =>
    sessions.map((s, j) => (j === i ? { ...s, ...change } : s));

  it('accepts the generated schedules', () => {
    expect(rules(adult, plan(adult))).toEqual([]);
    expect(rules(child, plan(child))).toEqual([]);
  });

  it.each<[string, (s: Session[]) => Session[], string]>([
    ['a lost hour', (s) => edit(s, 0, { hours: 7.5, end: '16:00' }), 'SUM'],
    ['an end that does not match the hours', (s) => edit(s, 0, { end: '17:00' }), 'SHAPE'],
    ['a public holiday', (s) => edit(s, 0, { date: '2026-05-04' }), 'BLOCKED_DATE'],
    ['a missing break', (s) => edit(s, 0, { breakMinutes: 0, breakStart: null, end: '16:00' }), 'BREAK'],
    [
      'a start before the employer opens',
      (s) => edit(s, 0, { start: '07:00', end: '15:30' }),
      'OUTSIDE_EMPLOYER_HOURS',
    ],
    ['too little rest', (s) => edit(s, 1, { start: '02:00', end: '10:30', breakStart: '06:00' }), 'DAILY_REST'],
    ['dates out of order', (s) => [s[1]!, s[0]!], 'ORDER'],
    ['a date before the start', (s) => edit(s, 0, { date: '2026-01-30' }), 'OUT_OF_PERIOD'],
  ])('flags %s', (_label, tamper, rule) => {
    expect(rules(adult, tamper(plan(adult)))).toContain(rule);
  });

  it('flags a child working too long, at night, on a weekend, in lessons or over the week', () => {
    const s = plan(child);
    expect(rules(child, edit(s, 0, { hours: 3, end: '17:00' }), { expectedHours: 11 })).toContain('DAILY_LIMIT');
    expect(rules(child, edit(s, 0, { start: '19:00', end: '21:00' }))).toContain('NIGHT');
    expect(rules(child, edit(s, 0, { date: '2026-02-07' }))).toContain('BLOCKED_DATE');
    expect(rules(child, edit(s, 0, { start: '12:00', end: '14:00' }))).toContain('CLIENT_BUSY');
    const extra: Session = { ...s[4]!, date: '2026-02-07' };
    expect(rules(child, [...s.slice(0, 5), extra], { expectedHours: 12 })).toEqual(
      expect.arrayContaining(['WEEKLY_LIMIT', 'WORK_DAYS']),
    );
  });

  it('flags a session on a ledger date and counts the ledger in the week', () => {
    const s = plan(child);
    const ledger = [{ date: '2026-02-02', hours: 2 }];
    const found = rules(child, s, { ledger, expectedHours: 10 });
    expect(found).toEqual(expect.arrayContaining(['LEDGER_DATE', 'WEEKLY_LIMIT']));
  });
});
