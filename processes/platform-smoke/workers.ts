import { z } from 'zod';
import { defineJobWorker } from '../../workers/framework/definition';
import { once } from '../../workers/framework/idempotency';

/**
 * Platform smoke check, step 1: records in the audit log that the process started. The write goes through
 * `once`, so a redelivered job (timeout, worker crash) returns the first receipt instead of writing again.
 */
export const recordReceipt = defineJobWorker({
  type: 'platform-smoke.record-receipt',
  description: 'Record the smoke-check receipt',
  input: z.object({ receiptNote: z.string().max(500).optional(), candidateGroup: z.string().min(1) }),
  handler: async ({ receiptNote }, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const entry = await tx.auditLog.create({
        data: {
          actor: 'system:workers',
          action: 'platform-smoke.receipt-recorded',
          entityType: 'process-instance',
          entityId: ctx.processInstanceKey,
          details: { note: receiptNote ?? null, jobKey: ctx.jobKey },
        },
      });
      return { receiptId: entry.id.toString() };
    });
    return result;
  },
});

export const jobWorkers = [recordReceipt];
