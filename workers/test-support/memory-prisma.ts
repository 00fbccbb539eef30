import pino from 'pino';
import type { PrismaClient } from '../../prisma/generated/client';
import type { AnyJobWorker, JobContext } from '../framework/definition';
import type { WorkerServices } from '../services';
import { fakeWorkflowCalls } from './fake-engine';

/**
 * For unit tests of job handlers: the few Prisma calls a handler makes, answered from plain arrays, and the
 * job_effect table that `once` (framework/idempotency.ts) relies on, so a redelivery can be tested without a
 * database. Writes are kept in `writes` in order, with whether they happened inside a transaction; a transaction
 * whose callback throws keeps none of its writes. Handlers' queries against the real database are covered by the
 * integration tests and scenarios.
 */
export interface MemoryDb {
  prisma: PrismaClient;
  writes: { model: string; op: string; data: unknown; inTransaction: boolean }[];
  jobEffects: Map<string, unknown>;
}

type Models = Record<string, Record<string, (...args: never[]) => unknown>>;

/**
 * The notification table as the notify helpers use it: a message is looked up by its idempotency key before it is
 * created, so a redelivered job finds the one it wrote. `memoryDb({ notification: memoryNotifications(), … })`.
 */
export function memoryNotifications() {
  const rows = new Map<string, { id: number }>();
  return {
    findUnique: async (q: { where: { idempotencyKey: string } }) => rows.get(q.where.idempotencyKey) ?? null,
    create: async (q: { data: { idempotencyKey: string } }) => {
      const row = { id: rows.size + 1 };
      rows.set(q.data.idempotencyKey, row);
      return row;
    },
  };
}

export function memoryDb(models: Models): MemoryDb {
  const writes: MemoryDb['writes'] = [];
  const jobEffects = new Map<string, unknown>();
  let pending: MemoryDb['writes'] | undefined;
  const record = (model: string, op: string, data: unknown) => {
    const w = { model, op, data, inTransaction: pending !== undefined };
    if (pending) pending.push(w);
    else writes.push(w);
  };
  const WRITES = new Set(['create', 'update', 'upsert', 'delete', 'createMany', 'updateMany', 'deleteMany']);
  const wrapped: Record<string, unknown> = {};
  for (const [model, ops] of Object.entries(models)) {
    wrapped[model] = new Proxy(ops, {
      get: (target, op: string) => {
        const impl = target[op];
        if (WRITES.has(op)) {
          return async (arg: { data?: unknown }) => {
            const r = impl ? await (impl as (a: unknown) => unknown)(arg) : { id: writes.length + 1 };
            record(model, op, arg?.data ?? arg);
            return r;
          };
        }
        if (!impl) throw new Error(`memoryDb: ${model}.${op} is not part of this test's world`);
        return impl;
      },
    });
  }
  // job_effect, as `once` uses it: INSERT … ON CONFLICT DO NOTHING, SELECT result, UPDATE result.
  const $executeRaw = async (sql: TemplateStringsArray, ...values: unknown[]) => {
    const text = sql.join('?');
    if (/INSERT INTO job_effect/.test(text)) {
      const key = String(values[0]);
      if (jobEffects.has(key)) return 0;
      jobEffects.set(key, null);
      return 1;
    }
    if (/UPDATE job_effect/.test(text)) {
      jobEffects.set(String(values[1]), JSON.parse(String(values[0])));
      return 1;
    }
    throw new Error(`memoryDb: unexpected SQL ${text}`);
  };
  const $queryRaw = async (sql: TemplateStringsArray, ...values: unknown[]) => {
    if (/FROM job_effect/.test(sql.join('?'))) return [{ result: jobEffects.get(String(values[0])) }];
    // A row lock: one test runs one job at a time, so there is nothing to wait for.
    if (/FOR UPDATE/.test(sql.join('?'))) return [];
    throw new Error(`memoryDb: unexpected SQL ${sql.join('?')}`);
  };
  const client: Record<string, unknown> = { ...wrapped, $executeRaw, $queryRaw };
  client.$transaction = async (arg: unknown) => {
    // The array form: the operations ran already (Prisma's are lazy; these fakes are not), so just await them.
    if (Array.isArray(arg)) return Promise.all(arg);
    const outer = pending;
    pending = [];
    try {
      const r = await (arg as (tx: unknown) => Promise<unknown>)(client);
      writes.push(...pending);
      return r;
    } finally {
      pending = outer;
    }
  };
  return { prisma: client as unknown as PrismaClient, writes, jobEffects };
}

/** A job context as the host builds it; the same `elementInstanceKey` twice is a redelivery. */
export function memoryJobContext(
  def: AnyJobWorker,
  prisma: PrismaClient,
  over: Partial<Omit<JobContext, 'prisma' | 'services'>> & { services?: Partial<WorkerServices> } = {},
): JobContext {
  const { services, ...rest } = over;
  const elementInstanceKey = rest.elementInstanceKey ?? '2251799813685001';
  return {
    jobKey: `${elementInstanceKey}-job`,
    jobType: def.type,
    processInstanceKey: 'pi-1',
    elementInstanceKey,
    elementId: 'Test',
    bpmnProcessId: 'process-under-test',
    retries: 3,
    customHeaders: {},
    idempotencyKey: `${def.type}:${elementInstanceKey}`,
    log: pino({ level: 'silent' }),
    ...rest,
    prisma,
    services: {
      engine: fakeWorkflowCalls(),
      now: () => new Date('2026-03-02T09:00:00Z'),
      ...services,
    } as WorkerServices,
  };
}
