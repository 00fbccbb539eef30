import { generateSchedule } from './generate';
import { replan } from './replan';
import { checkSchedule } from './verify';
import { WEEKDAYS_ONLY, baseInput, everyDay, expectOk, hoursPerWeek, sumHours } from './test-support';
import type { ScheduleInput } from './types';

describe('replan', () => {
  const input = baseInput({ totalHours: 40, employer: { weekly: everyDay('08:00', '12:00') } });

  it('schedules total − worked from the given date, never on a ledger date', () => {
    const plan = expectOk(generateSchedule(input));
    expect(plan.sessions.slice(0, 3).map((s) => s.date)).toEqual(['2026-02-02', '2026-02-03', '2026-02-04']);
    // Worked 4 h, missed the 3rd, then did 6 h on Thursday on top of the plan.
    const ledger = [
      { date: '2026-02-02', hours: 4 },
      { date: '2026-02-03', hours: 0 },
      { date: '2026-02-05', hours: 3 },
    ];
    const r = replan(input, ledger, '2026-02-04');
    const ok = expectOk(r);
    expect(r.ledger).toEqual({ workedHours: 7, remainingHours: 33, extraHours: 0 });
    expect(sumHours(ok) + r.ledger.workedHours).toBe(40);
    expect(ok.sessions[0]?.date).toBe('2026-02-04');
    expect(ok.sessions.map((s) => s.date)).not.toContain('2026-02-05');
    expect(checkSchedule(input, ok.sessions, { ledger, fromDate: '2026-02-04', expectedHours: 33 })).toEqual([]);
  });

  it('lets extra hours reduce the remainder and stops at zero', () => {
    const r = replan(
      input,
      [
        { date: '2026-02-02', hours: 24 },
        { date: '2026-02-03', hours: 20 },
      ],
      '2026-02-04',
    );
    const ok = expectOk(r);
    expect(ok.sessions).toEqual([]);
    expect(r.ledger).toEqual({ workedHours: 44, remainingHours: 0, extraHours: 4 });
    expect(ok.warnings.map((w) => w.code)).toEqual(['EXTRA_HOURS_WORKED', 'ALREADY_COMPLETE']);
  });

  it('counts worked hours against the weekly limit of their week', () => {
    const child: ScheduleInput = {
      totalHours: 20,
      startDate: '2026-02-02',
      client: { birthDate: '2012-01-01' },
      employer: { weekly: everyDay('14:00', '19:00', WEEKDAYS_ONLY) },
    };
    // Monday 2 h, Tuesday 4 h (more than planned, as certified): 6 of the week's 10 h are gone.
    const ledger = [
      { date: '2026-02-02', hours: 2 },
      { date: '2026-02-03', hours: 4 },
    ];
    const ok = expectOk(replan(child, ledger, '2026-02-04'));
    expect(hoursPerWeek(ok).get('2026-02-02')).toBe(4);
    expect(checkSchedule(child, ok.sessions, { ledger, fromDate: '2026-02-04', expectedHours: 14 })).toEqual([]);
  });

  it('adds up the hours of repeated ledger dates', () => {
    const r = replan(
      input,
      [
        { date: '2026-02-02', hours: 2 },
        { date: '2026-02-02', hours: 1.5 },
      ],
      '2026-02-03',
    );
    expect(r.ledger.workedHours).toBe(3.5);
    expect(sumHours(expectOk(r))).toBe(36.5);
  });

  it('fails like generateSchedule when the remainder does not fit before the deadline', () => {
    const r = replan({ ...input, deadline: '2026-02-06' }, [{ date: '2026-02-02', hours: 4 }], '2026-02-03');
    expect(r).toMatchObject({ ok: false, reason: 'DEADLINE_UNREACHABLE', ledger: { remainingHours: 36 } });
  });

  it('rejects a ledger with impossible entries', () => {
    const r = replan(input, [{ date: '2026-13-01', hours: -1 }], '2026-02-03');
    expect(r).toMatchObject({ ok: false, reason: 'INVALID_INPUT' });
    expect(r.ok === false && r.issues?.every((i) => i.startsWith('ledger.'))).toBe(true);
  });
});
