import type { PrismaClient } from '../../prisma/generated/client';
import type { TaskReader } from '../routes/tasks';
import { findTask, inboxCounts, listInbox } from './query';
import type { TaskNames } from './task-names';
import { auditView } from '../auth/scope';
import { deleteDrafts, loadTaskForm, saveDraft } from './form';

/** The task reader of the product: the PostgreSQL projection. */
export function projectionTaskReader(prisma: PrismaClient, names: TaskNames): TaskReader {
  return {
    async list(actor, filter) {
      const [page, counts, nameOf] = await Promise.all([listInbox(prisma, actor, filter), inboxCounts(prisma, actor, filter), names.lookup()]);
      return { items: page.items.map((t) => ({ ...t, taskName: nameOf(t.bpmnProcessId, t.elementId) })), total: page.total, counts };
    },
    find: async (key) => {
      const [t, nameOf] = await Promise.all([findTask(prisma, key), names.lookup()]);
      return t && { ...t, taskName: nameOf(t.bpmnProcessId, t.elementId) };
    },
    form: (key, username) => loadTaskForm(prisma, { userTaskKey: key }, username),
    saveDraft: (key, username, variables) => saveDraft(prisma, key, username, variables),
    completed: (key) => deleteDrafts(prisma, key),
    async types(actor) {
      const rows = await prisma.$queryRaw<{ bpmn_process_id: string; element_id: string; n: bigint }[]>`
        SELECT bpmn_process_id, element_id, count(*) AS n FROM user_task
        WHERE department_id = ${actor.department?.id ?? -1} AND state = 'CREATED' AND element_id IS NOT NULL
        GROUP BY bpmn_process_id, element_id`;
      const nameOf = await names.lookup();
      const byElement = new Map<string, { elementId: string; name: string | null; count: number }>();
      for (const r of rows) {
        const e = byElement.get(r.element_id) ?? { elementId: r.element_id, name: nameOf(r.bpmn_process_id, r.element_id), count: 0 };
        e.count += Number(r.n);
        byElement.set(r.element_id, e);
      }
      return [...byElement.values()].sort((a, b) => (a.name ?? a.elementId).localeCompare(b.name ?? b.elementId, 'lv'));
    },
    audit: (actor, entityType, entityId, ip, details) => auditView(prisma, actor, entityType, entityId, ip, details),
  };
}
