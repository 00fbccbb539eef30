import type { PrismaClient } from '../../prisma/generated/client';
import { publishMessage, type PublishResult } from '../../workflow/messages';
import type { WorkflowEngine } from '../../workflow/port';
import type { IngestOutcome } from './ingest';

/** How long a court decision waits for its case to be ready for it (the court may answer early). */
export const DECISION_TTL_MS = 30 * 24 * 3_600_000;

/**
 * A court decision reaches the running case as the message sentence-conversion-decided (contract §3). It is kept
 * until the case takes it (workflow/messages.ts), and its inbound id makes a redelivery harmless.
 */
export function publishDecision(
  prisma: PrismaClient,
  engine: WorkflowEngine,
  o: Extract<IngestOutcome, { kind: 'CONVERSION_DECISION' }>,
): Promise<PublishResult> {
  return publishMessage(prisma, engine, {
    name: 'sentence-conversion-decided',
    businessKey: String(o.caseId),
    messageId: `inbound-${o.inboundId}`,
    ttlMs: DECISION_TTL_MS,
    variables: o.variables,
  });
}
