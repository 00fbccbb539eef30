import { z } from 'zod';
import { caseInput } from './common';
import { BpmnError, defineJobWorker } from '../framework/definition';

/**
 * Case closure (the shared call activity's step): closes the case when nothing is left open; otherwise CASE_HAS_OPEN_ITEMS with one Latvian
 * line per blocker, and the officer's confirmation task comes back.
 */
export const closeCase = defineJobWorker({
  type: 'shared.close-case',
  description: 'Close the case, or say what still blocks closing it',
  input: z.object({ ...caseInput, caseOutcome: z.enum(['COMPLETED', 'CONVERTED']), closureNote: z.string().nullish() }),
  handler: async (v, ctx) => {
    const c = await ctx.prisma.case.findUniqueOrThrow({ where: { id: v.caseId } });
    if (c.status === 'CLOSED') return { closedAt: c.closedAt?.toISOString() ?? null };
    // Notifications still PENDING are being delivered by the dispatcher; only FAILED ones need the officer.
    const [notices, failed, placements] = await Promise.all([
      ctx.prisma.courtNotice.count({ where: { caseId: v.caseId, status: { in: ['PREPARED', 'REJECTED'] } } }),
      ctx.prisma.notification.count({ where: { caseId: v.caseId, status: 'FAILED' } }),
      ctx.prisma.placement.count({ where: { caseId: v.caseId, status: { in: ['RESERVED', 'ACTIVE'] } } }),
    ]);
    const blockers = [
      notices && `${notices} paziņojums tiesai/prokuratūrai nav nosūtīts`,
      failed &&
        `${failed} paziņojumu klientam vai darba devējam neizdevās nosūtīt (klienta lietā, sadaļā «Nenogādātie paziņojumi», sūtiet vēlreiz vai atzīmējiet, kā tas nogādāts)`,
      placements && `${placements} darba vieta nav noslēgta`,
    ].filter(Boolean);
    if (blockers.length)
      throw new BpmnError('CASE_HAS_OPEN_ITEMS', blockers.join('; '), { closeBlockers: blockers.join('\n') });
    const closedAt = ctx.services.now();
    await ctx.prisma.$transaction([
      ctx.prisma.case.update({ where: { id: v.caseId }, data: { status: 'CLOSED', closedAt, outcome: v.caseOutcome } }),
      ctx.prisma.auditLog.create({
        data: {
          actor: 'system:workers',
          action: 'case.closed',
          entityType: 'case',
          entityId: String(v.caseId),
          details: { outcome: v.caseOutcome, note: v.closureNote ?? null },
        },
      }),
    ]);
    return { closedAt: closedAt.toISOString() };
  },
});
