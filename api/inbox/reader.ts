import type { PrismaClient } from '../../prisma/generated/client';
import type { TaskReader } from '../routes/tasks';
import { findTask, inboxCounts, listInbox } from './query';
import { deleteDrafts, loadTaskForm, saveDraft } from './form';

/** The task reader of the product: the PostgreSQL projection. */
export function projectionTaskReader(prisma: PrismaClient): TaskReader {
  return {
    async list(actor, filter) {
      const [page, counts] = await Promise.all([listInbox(prisma, actor, filter), inboxCounts(prisma, actor, filter)]);
      return { ...page, counts };
    },
    find: (key) => findTask(prisma, key),
    form: (key, username) => loadTaskForm(prisma, { userTaskKey: key }, username),
    saveDraft: (key, username, variables) => saveDraft(prisma, key, username, variables),
    completed: (key) => deleteDrafts(prisma, key),
  };
}
