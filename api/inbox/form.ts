import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkflowEngine } from '../../workflow/port';

/**
 * A task's Camunda Form and the data to open it with: the form the diagram links to the task, as deployed with the
 * task's own process version (the engine finds it in that deployment), the process variables visible at the task
 * (its own inputs first, then each enclosing scope up to the process instance, innermost wins, as the engine
 * resolves them), and the officer's saved draft on top.
 */
export interface TaskForm {
  formId: string | null;
  schema: unknown | null;
  data: Record<string, unknown>;
  draftSavedAt: string | null;
}

export async function loadTaskForm(
  prisma: PrismaClient,
  workflow: WorkflowEngine,
  task: { userTaskKey: string },
  username: string,
): Promise<TaskForm> {
  const key = task.userTaskKey;
  const [form, data, draft] = await Promise.all([
    workflow.taskForm(key),
    workflow.taskVariables(key),
    prisma.taskDraft.findUnique({ where: { userTaskKey_username: { userTaskKey: key, username } } }),
  ]);
  return {
    formId: form ? form.formId || null : null,
    schema: form?.schema ?? null,
    data: { ...data, ...((draft?.variables as Record<string, unknown> | undefined) ?? {}) },
    draftSavedAt: draft?.savedAt.toISOString() ?? null,
  };
}

export async function saveDraft(
  prisma: PrismaClient,
  userTaskKey: string,
  username: string,
  variables: Record<string, unknown>,
): Promise<Date> {
  const row = await prisma.taskDraft.upsert({
    where: { userTaskKey_username: { userTaskKey, username } },
    create: { userTaskKey, username, variables: variables as object },
    update: { variables: variables as object, savedAt: new Date() },
  });
  return row.savedAt;
}

export async function deleteDrafts(prisma: PrismaClient, userTaskKey: string): Promise<void> {
  await prisma.taskDraft.deleteMany({ where: { userTaskKey } });
}
