import { z } from 'zod';
import { queueNotification } from '../../domain/notifications/queue';
import { caseInput } from './common';
import { defineJobWorker, type JobContext } from '../framework/definition';
import { once } from '../framework/idempotency';

/**
 * Reminders and escalation of user tasks (the timers below every task, contract §5). The task is found in the
 * user_task read model by the instance and the element id the diagram passes in the job's headers.
 */
const headers = z.object({ taskElementId: z.string().min(1), taskName: z.string().nullish() });

async function openTask(ctx: JobContext) {
  const h = headers.parse(ctx.customHeaders);
  const task = await ctx.prisma.userTask.findFirst({
    where: { processInstanceKey: ctx.processInstanceKey, elementId: h.taskElementId, state: 'CREATED' },
    orderBy: { createdAt: 'desc' },
  });
  return { task, taskName: h.taskName ?? h.taskElementId };
}

export const sendTaskReminder = defineJobWorker({
  type: 'shared.send-task-reminder',
  description: 'Remind the assignee (or the candidate group) that a task is due soon',
  input: z.object({ ...caseInput, departmentCode: z.string() }),
  handler: async (v, ctx) => {
    const { task, taskName } = await openTask(ctx);
    if (!task) return {}; // completed meanwhile: nothing to remind of
    const c = await ctx.prisma.case.findUniqueOrThrow({ where: { id: v.caseId } });
    await once(ctx.prisma, ctx, async (tx) => {
      await queueNotification(tx, {
        caseId: v.caseId,
        recipientType: 'STAFF',
        recipient: task.assignee ?? task.candidateGroups.join(','),
        notificationType: 'TASK_REMINDER',
        channel: 'IN_APP',
        subject: `Tuvojas termiņš: ${taskName} (lieta ${c.caseNumber})`,
        body: `Uzdevuma "${taskName}" termiņš ir ${task.dueDate?.toISOString().slice(0, 10) ?? 'drīz'}.`,
        idempotencyKey: `${ctx.idempotencyKey}:reminder`,
      });
      return {};
    });
    return {};
  },
});

export const escalateTask = defineJobWorker({
  type: 'shared.escalate-task',
  description: 'Give an overdue task to the senior officer or department head as well',
  input: z.object({
    ...caseInput,
    departmentCode: z.string(),
    escalationGroup: z.string().regex(/^[a-zA-Z0-9_@.+-]+$/),
  }),
  handler: async (v, ctx) => {
    const { task, taskName } = await openTask(ctx);
    if (!task) return {};
    if (!task.candidateGroups.includes(v.escalationGroup)) {
      // Idempotent: setting the same groups again changes nothing.
      await ctx.services.engine.updateTask(task.userTaskKey, {
        candidateGroups: [...task.candidateGroups, v.escalationGroup],
      });
    }
    const c = await ctx.prisma.case.findUniqueOrThrow({ where: { id: v.caseId } });
    await once(ctx.prisma, ctx, async (tx) => {
      await queueNotification(tx, {
        caseId: v.caseId,
        recipientType: 'STAFF',
        recipient: v.escalationGroup,
        notificationType: 'TASK_ESCALATED',
        channel: 'IN_APP',
        subject: `Nokavēts uzdevums: ${taskName} (lieta ${c.caseNumber})`,
        body: `Uzdevuma "${taskName}" termiņš (${task.dueDate?.toISOString().slice(0, 10) ?? '—'}) ir nokavēts; tas nodots arī grupai ${v.escalationGroup}.`,
        idempotencyKey: `${ctx.idempotencyKey}:escalation`,
      });
      return {};
    });
    return {};
  },
});
