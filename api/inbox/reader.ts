import type { PrismaClient } from '../../prisma/generated/client';
import type { TaskReader } from '../routes/tasks';
import { findTask, inboxCounts, listInbox, type InboxTask } from './query';
import { TaskNames } from './task-names';
import { deleteDrafts, loadTaskForm, saveDraft } from './form';

/** The task reader of the product: the PostgreSQL projection. */
export function projectionTaskReader(prisma: PrismaClient): TaskReader {
  const names = new TaskNames(prisma);
  const named = async <T extends InboxTask>(t: T): Promise<T> => ({ ...t, taskName: await names.nameOf(t.bpmnProcessId, t.elementId) });
  return {
    async list(actor, filter) {
      const [page, counts] = await Promise.all([listInbox(prisma, actor, filter), inboxCounts(prisma, actor, filter)]);
      return { items: await Promise.all(page.items.map(named)), total: page.total, counts };
    },
    find: async (key) => {
      const t = await findTask(prisma, key);
      return t && named(t);
    },
    form: (key, username) => loadTaskForm(prisma, { userTaskKey: key }, username),
    saveDraft: (key, username, variables) => saveDraft(prisma, key, username, variables),
    completed: (key) => deleteDrafts(prisma, key),
  };
}
