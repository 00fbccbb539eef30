import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../prisma/generated/client';

/** A Prisma client on the `pg` driver adapter (Prisma 7: no native query engine needed). */
export function createPrisma(url: string, opts: { max?: number } = {}): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: opts.max ?? 10 }) });
}

export type { PrismaClient };
