import pino from 'pino';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkerServices } from '../services';
import type { AnyJobWorker, JobContext } from './definition';

/**
 * For tests that call a handler directly against a real database and the simulators (no engine): a job
 * context as the host would build it. `elementInstanceKey` decides the idempotency key, so calling twice with
 * the same one is a redelivery.
 */
export function jobContext(
  def: AnyJobWorker,
  deps: { prisma: PrismaClient; services: WorkerServices },
  over: Partial<Omit<JobContext, 'prisma' | 'services'>> = {},
): JobContext {
  const elementInstanceKey = over.elementInstanceKey ?? String(2251799813685000 + Math.floor(Math.random() * 100_000));
  return {
    jobKey: String(Number(elementInstanceKey) + 1),
    jobType: def.type,
    processInstanceKey: '2251799813685249',
    elementInstanceKey,
    elementId: 'Test',
    bpmnProcessId: def.type.split('.')[0]!,
    retries: 3,
    customHeaders: {},
    idempotencyKey: `${def.type}:${elementInstanceKey}`,
    log: pino({ level: 'silent' }),
    ...over,
    prisma: deps.prisma,
    services: deps.services,
  };
}

/** Runs a handler the way the host does: input checked first (a bad input throws the zod error). */
export async function callHandler(
  def: AnyJobWorker,
  variables: Record<string, unknown>,
  ctx: JobContext,
): Promise<Record<string, unknown>> {
  return def.handler(def.input.parse(variables), ctx);
}
