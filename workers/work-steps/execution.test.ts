import { callHandler } from '../framework/testing';
import { memoryDb, memoryJobContext, memoryNotifications } from '../test-support/memory-prisma';
import { endPlacement, recordControlContact, recordHours } from './execution';

/** Execution steps that change the case: hours into the ledger once per report, the end of the work told to each employer once. */
function world(opts: { workedBefore?: number; placements?: { id: number; registrationNo: string }[] } = {}) {
  let worked = opts.workedBefore ?? 0;
  return memoryDb({
    hoursEntry: {
      create: async (q: { data: { hours: number } }) => {
        worked += q.data.hours;
        return { id: 1 };
      },
      aggregate: async () => ({ _sum: { hours: worked } }),
    },
    placement: {
      findMany: async () =>
        (opts.placements ?? []).map((p) => ({
          id: p.id,
          workPlace: { employer: { registrationNo: p.registrationNo } },
        })),
      update: async () => ({}),
    },
    case: {
      findUniqueOrThrow: async () => ({
        id: 7,
        caseNumber: 'PD-2026-0007',
        client: { firstName: 'Juris', lastName: 'Lācis' },
      }),
    },
    controlEntry: { create: async () => ({ id: 61 }) },
    notification: memoryNotifications(),
  });
}

describe('record-hours', () => {
  const def = recordHours.forProcess('community-service');
  const input = {
    caseId: '7',
    placementId: '3',
    hoursReport: {
      reportId: 'HR-5',
      totalHours: 8,
      entries: [
        { date: '2026-02-12', hours: 4 },
        { date: '2026-02-10', hours: 4 },
      ],
    },
    hoursDecision: 'CORRECTED',
    hoursDecisionNote: 'Viena diena 3 h',
    sentencedHours: 40,
    hoursToRecord: 7,
  };

  it('records the officer’s hours with the report’s period and answers what remains', async () => {
    const db = world({ workedBefore: 30 });
    const out = await callHandler(def!, input, memoryJobContext(def!, db.prisma));
    expect(out).toEqual({ hoursWorkedTotal: 37, hoursRemaining: 3, allHoursWorked: false });
    expect(db.writes[0]).toMatchObject({
      model: 'hoursEntry',
      inTransaction: true,
      data: {
        reportId: '7:HR-5',
        periodFrom: new Date('2026-02-10T00:00:00Z'),
        periodTo: new Date('2026-02-12T00:00:00Z'),
        reportedHours: 8,
        hours: 7,
        decision: 'CORRECTED',
        note: 'Viena diena 3 h',
      },
    });
  });

  it('records a report once, even from another job (the report id is the key)', async () => {
    const db = world({ workedBefore: 36 });
    const first = await callHandler(def!, input, memoryJobContext(def!, db.prisma, { elementInstanceKey: '1' }));
    const second = await callHandler(def!, input, memoryJobContext(def!, db.prisma, { elementInstanceKey: '2' }));
    expect(first).toEqual({ hoursWorkedTotal: 43, hoursRemaining: 0, allHoursWorked: true });
    expect(second).toEqual(first);
    expect(db.writes.filter((w) => w.model === 'hoursEntry')).toHaveLength(1);
  });
});

describe('end-placement', () => {
  const def = endPlacement.forProcess('community-service');

  it.each([
    ['COMPLETED', /ir nostrādājis visas noteiktās stundas/],
    ['CONVERTED', /tiesa sodu aizstāja/],
  ])('ends every open placement (%s) and tells each employer once, in Latvian', async (caseOutcome, text) => {
    const db = world({
      placements: [
        { id: 3, registrationNo: '40003012345' },
        { id: 4, registrationNo: '90000012345' },
      ],
    });
    const ctx = memoryJobContext(def!, db.prisma);
    await callHandler(def!, { caseId: 7, caseOutcome }, ctx);
    await callHandler(def!, { caseId: 7, caseOutcome }, ctx);
    expect(db.writes.filter((w) => w.model === 'placement').map((w) => w.data)).toEqual([
      { status: 'ENDED', endedAt: new Date('2026-03-02T09:00:00Z'), endReason: caseOutcome },
      { status: 'ENDED', endedAt: new Date('2026-03-02T09:00:00Z'), endReason: caseOutcome },
    ]);
    const told = db.writes
      .filter((w) => w.model === 'notification')
      .map((w) => w.data as { recipient: string; subject: string; body: string });
    expect(told.map((n) => n.recipient)).toEqual(['40003012345', '90000012345']);
    expect(told[0]!.subject).toBe('Sabiedriskā darba izpilde beigusies (lieta PD-2026-0007)');
    expect(told[0]!.body).toMatch(text);
  });
});

describe('record-control-contact', () => {
  const def = recordControlContact.forProcess('community-service');

  it('writes the contact with the employer into the case once, on the day it happened', async () => {
    const db = world();
    const ctx = memoryJobContext(def!, db.prisma);
    const input = {
      caseId: 7,
      placementId: '3',
      contactOn: '2026-02-27T15:30:00+02:00',
      contactChannel: 'PHONE',
      scheduleCompliance: 'PARTIAL',
      contactNote: 'Klients kavēja 20 minūtes',
    };
    const out = await callHandler(def!, input, ctx);
    await callHandler(def!, input, ctx);
    expect(out).toEqual({ controlEntryId: '61' });
    expect(db.writes).toEqual([
      expect.objectContaining({
        model: 'controlEntry',
        data: {
          caseId: 7,
          placementId: 3,
          kind: 'EMPLOYER_CONTACT',
          on: new Date('2026-02-27T00:00:00Z'),
          data: { channel: 'PHONE', scheduleCompliance: 'PARTIAL', note: 'Klients kavēja 20 minūtes' },
          createdBy: 'system:workers',
        },
      }),
    ]);
  });
});
