import { BpmnError } from '../framework/definition';
import { callHandler } from '../framework/testing';
import { memoryDb, memoryJobContext } from '../test-support/memory-prisma';
import { closeCase } from './close-case';

/** shared.close-case: closes only when nothing is left open, says in Latvian what blocks it, and is safe to redeliver. */
function world(
  c: { status: string; closedAt?: Date | null },
  open: { notices?: number; failed?: number; placements?: number } = {},
) {
  return memoryDb({
    case: {
      findUniqueOrThrow: async () => ({ id: 7, status: c.status, closedAt: c.closedAt ?? null }),
      update: async () => ({}),
    },
    courtNotice: { count: async () => open.notices ?? 0 },
    notification: { count: async () => open.failed ?? 0 },
    placement: { count: async () => open.placements ?? 0 },
    auditLog: { create: async () => ({}) },
  });
}

describe('shared.close-case', () => {
  it('closes a case with nothing open, with its outcome, and audits it', async () => {
    const db = world({ status: 'ACTIVE' });
    const out = await callHandler(
      closeCase,
      { caseId: '7', caseOutcome: 'COMPLETED', closureNote: 'Izpildīts' },
      memoryJobContext(closeCase, db.prisma),
    );
    expect(out).toEqual({ closedAt: '2026-03-02T09:00:00.000Z' });
    expect(db.writes.map((w) => `${w.model}.${w.op}`)).toEqual(['case.update', 'auditLog.create']);
    expect(db.writes[0]!.data).toMatchObject({ status: 'CLOSED', outcome: 'COMPLETED' });
    expect(db.writes[1]!.data).toMatchObject({
      action: 'case.closed',
      entityId: '7',
      details: { outcome: 'COMPLETED', note: 'Izpildīts' },
    });
  });

  it('names every blocker in Latvian and leaves the case open', async () => {
    const db = world({ status: 'ACTIVE' }, { notices: 1, failed: 2, placements: 1 });
    const err = await callHandler(
      closeCase,
      { caseId: 7, caseOutcome: 'COMPLETED' },
      memoryJobContext(closeCase, db.prisma),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpmnError);
    expect(err).toMatchObject({ code: 'CASE_HAS_OPEN_ITEMS' });
    const lines = String((err as BpmnError).variables.closeBlockers).split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^1 paziņojums tiesai/),
      expect.stringMatching(/^2 paziņojumu klientam/),
      expect.stringMatching(/^1 darba vieta nav noslēgta/),
    ]);
    expect(db.writes).toEqual([]);
  });

  it('answers the first closing again on a redelivery, writing nothing', async () => {
    const closedAt = new Date('2026-02-01T10:00:00Z');
    const db = world({ status: 'CLOSED', closedAt }, { notices: 5 });
    const out = await callHandler(
      closeCase,
      { caseId: 7, caseOutcome: 'COMPLETED' },
      memoryJobContext(closeCase, db.prisma),
    );
    expect(out).toEqual({ closedAt: closedAt.toISOString() });
    expect(db.writes).toEqual([]);
  });

  it('refuses input that is not a case id or outcome', async () => {
    const db = world({ status: 'ACTIVE' });
    await expect(
      callHandler(closeCase, { caseId: 'seven', caseOutcome: 'COMPLETED' }, memoryJobContext(closeCase, db.prisma)),
    ).rejects.toThrow(/PLUS id/);
    await expect(
      callHandler(closeCase, { caseId: 7, caseOutcome: 'ABANDONED' }, memoryJobContext(closeCase, db.prisma)),
    ).rejects.toThrow();
  });
});
