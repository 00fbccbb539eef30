import type { Logger } from 'pino';
import type { WorkflowEngine } from '../../workflow/port';
import type { PrismaClient } from '../../prisma/generated/client';
import { startVariables } from './ingest';
import { automatedCaseKinds } from '../../processes/registry';

/**
 * Starts the process instance of an opened case and stores its key. Runs after the intake transaction
 * committed, and again from the pending sweep for cases whose start failed (engine down, crash).
 *
 * Every case instance carries the case id as its business key. A crash between the engine creating the instance
 * and us storing its id would start a second instance on the next sweep; so before starting a case again the sweep
 * asks the engine for a top-level instance with that business key, and adopts it.
 */
export async function startCaseInstance(
  prisma: PrismaClient,
  engine: WorkflowEngine,
  caseId: number,
  log: Logger,
  opts: { justOpened?: boolean } = {},
): Promise<string | null> {
  const c = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  if (c.processInstanceKey !== null) return c.processInstanceKey;
  const { process, variables } = await startVariables(prisma, caseId);
  // Right after the case was committed nothing can have started it yet: only the sweep looks for an earlier instance.
  const adopted = opts.justOpened
    ? undefined
    : (await engine.findInstances({ businessKey: String(caseId), processIds: [process] }))[0];
  if (adopted) {
    await prisma.case.update({ where: { id: caseId }, data: { processInstanceKey: adopted } });
    log.warn({ caseId, processInstanceKey: adopted }, 'adopted an instance started before a crash');
    return adopted;
  }
  const { instanceId } = await engine.startProcess(process, { businessKey: String(caseId), variables });
  await prisma.case.update({ where: { id: caseId }, data: { processInstanceKey: instanceId } });
  log.info({ caseId, caseNumber: c.caseNumber, process, processInstanceKey: instanceId }, 'case process started');
  return instanceId;
}

/** Opened cases without an instance (start failed or interrupted), oldest first, older than `minAgeMs`. */
export async function pendingCases(prisma: PrismaClient, minAgeMs: number): Promise<number[]> {
  const rows = await prisma.case.findMany({
    where: {
      processInstanceKey: null,
      status: 'OPEN',
      processKind: { in: automatedCaseKinds() },
      rulings: { some: { inboundMessageId: { not: null } } },
      openedAt: { lt: new Date(Date.now() - minAgeMs) },
    },
    orderBy: { id: 'asc' },
    select: { id: true },
    take: 20,
  });
  return rows.map((r) => r.id);
}
