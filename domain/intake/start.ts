import type { Logger } from 'pino';
import type { EngineRestClient } from '../../platform/engine-rest';
import type { PrismaClient } from '../../prisma/generated/client';
import { startVariables } from './ingest';

/**
 * Starts the process instance of an opened case and stores its key. Runs after the intake transaction
 * committed, and again from the pending sweep for cases whose start failed (engine down, crash).
 *
 * A crash between the engine creating the instance and us storing its key would start a second instance on
 * the next sweep. To close that window, before starting a case again the sweep looks in the exported engine
 * records (zeebe.record) for an instance whose root `caseId` variable is this case, and adopts it.
 */
export async function startCaseInstance(prisma: PrismaClient, engine: EngineRestClient, caseId: number, log: Logger, opts: { justOpened?: boolean } = {}): Promise<string | null> {
  const c = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  if (c.processInstanceKey !== null) return c.processInstanceKey.toString();
  // Right after the case was committed nothing can have started it yet: only the sweep looks for an earlier instance.
  const adopted = opts.justOpened ? null : await existingInstance(prisma, caseId);
  if (adopted) {
    await prisma.case.update({ where: { id: caseId }, data: { processInstanceKey: BigInt(adopted) } });
    log.warn({ caseId, processInstanceKey: adopted }, 'adopted an instance started before a crash');
    return adopted;
  }
  const { process, variables } = await startVariables(prisma, caseId);
  const { processInstanceKey } = await engine.createProcessInstance(process, variables);
  await prisma.case.update({ where: { id: caseId }, data: { processInstanceKey: BigInt(processInstanceKey) } });
  log.info({ caseId, caseNumber: c.caseNumber, process, processInstanceKey }, 'case process started');
  return processInstanceKey;
}

async function existingInstance(prisma: PrismaClient, caseId: number): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ key: bigint }[]>`
    SELECT process_instance_key AS key FROM zeebe.record
    WHERE value_type = 'VARIABLE' AND intent = 'CREATED'
      AND value->>'name' = 'caseId' AND value->>'value' = ${JSON.stringify(String(caseId))}
      AND value->>'scopeKey' = value->>'processInstanceKey'
      AND bpmn_process_id IN ('community-service', 'minors-public-work')
    ORDER BY position LIMIT 1`;
  return rows[0] ? rows[0].key.toString() : null;
}

/** Opened cases without an instance (start failed or interrupted), oldest first, older than `minAgeMs`. */
export async function pendingCases(prisma: PrismaClient, minAgeMs: number): Promise<number[]> {
  const rows = await prisma.case.findMany({
    where: { processInstanceKey: null, status: 'OPEN', processKind: { in: ['COMMUNITY_SERVICE', 'MINORS_PUBLIC_WORK'] }, rulings: { some: { inboundMessageId: { not: null } } }, openedAt: { lt: new Date(Date.now() - minAgeMs) } },
    orderBy: { id: 'asc' },
    select: { id: true },
    take: 20,
  });
  return rows.map((r) => r.id);
}
