import type { PrismaClient } from '../../prisma/generated/client';
import type { TaskReader } from '../routes/tasks';
import { findTask, inboxCounts, listInbox } from './query';

/** The task reader of the product: the PostgreSQL projection. */
export function projectionTaskReader(prisma: PrismaClient): TaskReader {
  return {
    async list(actor, filter) {
      const [page, counts] = await Promise.all([listInbox(prisma, actor, filter), inboxCounts(prisma, actor, filter)]);
      return { ...page, counts };
    },
    find: (key) => findTask(prisma, key),
  };
}
