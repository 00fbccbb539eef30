import { callHandler } from '../framework/testing';
import { memoryDb, memoryJobContext } from '../test-support/memory-prisma';
import { checkHoursReport, recordBreachReview } from './hours-check';

/**
 * The hours-report step around the domain's check (domain/work-schedule/reported-hours.ts, tested there): what the
 * handler gathers (days reported before, the planned days, today), what it writes on a refusal, and that a
 * redelivery writes nothing twice. The worker's clock is 2026-03-02.
 */
const forAdults = checkHoursReport.forProcess('community-service');
const forMinors = checkHoursReport.forProcess('minors-public-work');
const adultBirth = '1990-01-01';

function world(earlier: { entries: unknown; periodTo: Date; hours: number }[] = []) {
  return memoryDb({
    placement: {
      findUniqueOrThrow: async () => ({
        id: 3,
        startedAt: new Date('2026-02-02T00:00:00Z'),
        reservedAt: new Date('2026-01-28T00:00:00Z'),
        workPlace: { employer: {} },
      }),
    },
    hoursEntry: { findMany: async () => earlier },
    workSchedule: { findMany: async () => [] },
    controlEntry: { create: async () => ({ id: 44 }) },
  });
}
const report = (entries: { date: string; hours: number }[]) => ({
  reportId: 'HR-1',
  totalHours: entries.reduce((a, e) => a + e.hours, 0),
  entries,
});

describe('check-hours-report', () => {
  it('serves both work processes', () => {
    expect([forAdults.type, forMinors.type]).toEqual([
      'community-service.check-hours-report',
      'minors-public-work.check-hours-report',
    ]);
  });

  it('refuses a day reported before (from the earlier reports’ days), records the refusal once, and says why', async () => {
    const db = world([
      { entries: [{ date: '2026-02-10', hours: 4 }], periodTo: new Date('2026-02-10T00:00:00Z'), hours: 4 },
    ]);
    const ctx = memoryJobContext(forAdults!, db.prisma);
    const input = {
      caseId: '7',
      placementId: '3',
      birthDate: adultBirth,
      hoursReport: report([{ date: '2026-02-10', hours: 4 }]),
    };
    const out = (await callHandler(forAdults!, input, ctx)) as {
      hoursCheck: { verdict: string; codes: string[]; refusalText: string | null; reportId: string; checkedOn: string };
    };
    await callHandler(forAdults!, input, ctx);
    expect(out.hoursCheck).toMatchObject({
      verdict: 'REFUSED',
      codes: ['ALREADY_REPORTED'],
      reportId: 'HR-1',
      checkedOn: '2026-03-02',
    });
    expect(out.hoursCheck.refusalText).toBeTruthy();
    const refused = db.writes.filter((w) => w.model === 'controlEntry');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.data).toMatchObject({
      kind: 'HOURS_REFUSED',
      placementId: 3,
      data: { reportId: 'HR-1', possibleMinorBreach: false },
    });
  });

  it('falls back to the report’s end date for earlier reports without days', async () => {
    const db = world([{ entries: null, periodTo: new Date('2026-02-11T00:00:00Z'), hours: 3 }]);
    const out = (await callHandler(
      forAdults!,
      { caseId: 7, placementId: 3, birthDate: adultBirth, hoursReport: report([{ date: '2026-02-11', hours: 3 }]) },
      memoryJobContext(forAdults!, db.prisma),
    )) as { hoursCheck: { codes: string[] } };
    expect(out.hoursCheck.codes).toContain('ALREADY_REPORTED');
  });

  it('takes today from the engine’s date when it is later than the worker’s clock', async () => {
    const input = {
      caseId: 7,
      placementId: 3,
      birthDate: adultBirth,
      hoursReport: report([{ date: '2026-03-05', hours: 2 }]),
    };
    const byWorkerClock = (await callHandler(forAdults!, input, memoryJobContext(forAdults!, world().prisma))) as {
      hoursCheck: { codes: string[] };
    };
    expect(byWorkerClock.hoursCheck.codes).toContain('IN_FUTURE');
    const byEngineClock = (await callHandler(
      forAdults!,
      { ...input, reportCheckedOn: '2026-03-06T08:00:00Z' },
      memoryJobContext(forAdults!, world().prisma),
    )) as { hoursCheck: { codes: string[]; checkedOn: string } };
    expect(byEngineClock.hoursCheck.codes).not.toContain('IN_FUTURE');
    expect(byEngineClock.hoursCheck.checkedOn).toBe('2026-03-06');
  });

  it('refuses a minor’s unlawful day and marks a possible breach of the minors’ protection rules', async () => {
    const db = world();
    // 2026-02-22 is a Sunday; a 15-year-old pupil reports 9 hours.
    const out = (await callHandler(
      forMinors!,
      { caseId: 7, placementId: 3, birthDate: '2010-09-01', hoursReport: report([{ date: '2026-02-22', hours: 9 }]) },
      memoryJobContext(forMinors!, db.prisma, { bpmnProcessId: 'minors-public-work' }),
    )) as {
      hoursCheck: { verdict: string; possibleMinorBreach: boolean; breachText: string | null };
    };
    expect(out.hoursCheck).toMatchObject({ verdict: 'REFUSED', possibleMinorBreach: true });
    expect(out.hoursCheck.breachText).toBeTruthy();
    expect(db.writes.find((w) => w.model === 'controlEntry')?.data).toMatchObject({
      kind: 'HOURS_REFUSED',
      data: { possibleMinorBreach: true },
    });
  });
});

describe('record-breach-review', () => {
  it('writes the officer’s review into the case once', async () => {
    const db = world();
    const def = recordBreachReview.forProcess('community-service');
    const ctx = memoryJobContext(def!, db.prisma);
    const input = {
      caseId: 7,
      placementId: 3,
      breachCheck: { reportId: 'HR-1', breachText: 'Svētdienā nepilngadīgais nestrādā.' },
      breachAction: 'INFORM_LABOUR_INSPECTORATE',
      breachNote: 'Darba devējs brīdināts',
    };
    const out = await callHandler(def!, input, ctx);
    await callHandler(def!, input, ctx);
    expect(out).toEqual({ breachReviewEntryId: '44' });
    expect(db.writes).toEqual([
      expect.objectContaining({
        model: 'controlEntry',
        data: expect.objectContaining({
          kind: 'MINOR_BREACH_REVIEW',
          data: {
            reportId: 'HR-1',
            findings: 'Svētdienā nepilngadīgais nestrādā.',
            action: 'INFORM_LABOUR_INSPECTORATE',
            note: 'Darba devējs brīdināts',
          },
        }),
      }),
    ]);
  });
});
