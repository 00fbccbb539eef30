import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkflowEngine } from '../../workflow/port';
import type { TaskReader } from '../routes/tasks';
import { findTask, inboxCounts, listInbox, type InboxTask } from './query';
import { auditView } from '../auth/scope';
import { deleteDrafts, loadTaskForm, saveDraft } from './form';

/** A diagram name may be laid out on several lines; the inbox shows it on one. */
const oneLine = (name: string | null | undefined): string | null => name?.replace(/\s+/g, ' ').trim() || null;
const named = <T extends InboxTask>(t: T): T => ({ ...t, taskName: oneLine(t.taskName) });

/**
 * The task reader of the product: the read models in PostgreSQL (user_task with its case, client and department)
 * for lists and authorization; the engine, through the workflow port, for a task's form and variables.
 */
export function projectionTaskReader(prisma: PrismaClient, workflow: WorkflowEngine): TaskReader {
  return {
    async list(actor, filter) {
      const [page, counts] = await Promise.all([listInbox(prisma, actor, filter), inboxCounts(prisma, actor, filter)]);
      return { items: page.items.map(named), total: page.total, counts };
    },
    find: async (key) => {
      const t = await findTask(prisma, key);
      return t && named(t);
    },
    form: (key, username) => loadTaskForm(prisma, workflow, { userTaskKey: key }, username),
    saveDraft: (key, username, variables) => saveDraft(prisma, key, username, variables),
    completed: (key) => deleteDrafts(prisma, key),
    async types(actor) {
      // Per element, the name of its newest open task (a renamed task shows its current name).
      const rows = await prisma.$queryRaw<{ element_id: string; name: string | null; n: bigint }[]>`
        SELECT element_id, (array_agg(task_name ORDER BY created_at DESC) FILTER (WHERE task_name IS NOT NULL))[1] AS name, count(*) AS n
        FROM user_task
        WHERE department_id = ${actor.department?.id ?? -1} AND state = 'CREATED' AND element_id IS NOT NULL
        GROUP BY element_id`;
      return rows
        .map((r) => ({ elementId: r.element_id, name: oneLine(r.name), count: Number(r.n) }))
        .sort((a, b) => (a.name ?? a.elementId).localeCompare(b.name ?? b.elementId, 'lv'));
    },
    audit: (actor, entityType, entityId, ip, details) => auditView(prisma, actor, entityType, entityId, ip, details),
  };
}
