import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../prisma/generated/client';
import { createPool, type ConnectionLoss } from './pool';

/**
 * A Prisma client on the `pg` driver adapter (Prisma 7: no native query engine needed). Pass the URL that
 * ensurePostgres returned (or DATABASE_URL in child processes). `max` is the pool size. The pool is ours
 * (createPool), so a connection lost while PostgreSQL restarts cannot end the process; `$disconnect` ends it.
 */
export function createPrisma(
  url: string,
  opts: { max?: number; onConnectionLoss?: ConnectionLoss } = {},
): PrismaClient {
  const pool = createPool({ connectionString: url, max: opts.max ?? 10 }, opts.onConnectionLoss);
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

/** Runs fn with a client that is disconnected afterwards (scripts, tests). */
export async function withPrisma<T>(url: string, fn: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = createPrisma(url, { max: 2 });
  try {
    return await fn(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

export type { PrismaClient };
