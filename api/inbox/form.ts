import type { PrismaClient } from '../../prisma/generated/client';

/**
 * A task's Camunda Form and the data to open it with: the deployed form version the task links to
 * (deployed_resource), the process variables visible at the task (its own input mappings first, then each
 * enclosing scope up to the process instance, innermost wins, as the engine resolves them), and the officer's
 * saved draft on top.
 */
export interface TaskForm {
  formId: string | null;
  schema: unknown | null;
  data: Record<string, unknown>;
  draftSavedAt: string | null;
}

export async function loadTaskForm(prisma: PrismaClient, task: { userTaskKey: string }, username: string): Promise<TaskForm> {
  const key = BigInt(task.userTaskKey);
  const rows = await prisma.$queryRaw<{ form_key: bigint | null; process_instance_key: bigint; element_instance_key: bigint | null }[]>`
    SELECT form_key, process_instance_key, element_instance_key FROM user_task WHERE user_task_key = ${key}`;
  const t = rows[0];
  if (!t) return { formId: null, schema: null, data: {}, draftSavedAt: null };
  const form = t.form_key ? await prisma.deployedResource.findUnique({ where: { resourceKey: t.form_key } }) : null;

  // The scope chain of the task: element instance → enclosing subprocesses → process instance.
  const scopes = await prisma.$queryRaw<{ key: bigint; flow_scope: bigint | null }[]>`
    SELECT DISTINCT ON (key) key, NULLIF((value->>'flowScopeKey')::bigint, -1) AS flow_scope
    FROM zeebe.record WHERE value_type = 'PROCESS_INSTANCE' AND process_instance_key = ${t.process_instance_key}
    ORDER BY key, position DESC`;
  const parent = new Map(scopes.map((s) => [s.key, s.flow_scope]));
  const chain: bigint[] = [];
  for (let k: bigint | null | undefined = t.element_instance_key ?? t.process_instance_key; k != null && chain.length < 50; k = parent.get(k)) chain.push(k);
  if (!chain.includes(t.process_instance_key)) chain.push(t.process_instance_key);

  const vars = await prisma.$queryRaw<{ name: string; value: string; scope: bigint }[]>`
    SELECT DISTINCT ON (value->>'name', (value->>'scopeKey')::bigint) value->>'name' AS name, value->>'value' AS value, (value->>'scopeKey')::bigint AS scope
    FROM zeebe.record
    WHERE value_type = 'VARIABLE' AND process_instance_key = ${t.process_instance_key} AND (value->>'scopeKey')::bigint = ANY(${chain}::bigint[])
    ORDER BY value->>'name', (value->>'scopeKey')::bigint, position DESC`;
  const depth = new Map(chain.map((k, i) => [k, i]));
  const data: Record<string, unknown> = {};
  const at = new Map<string, number>();
  for (const v of vars) {
    const d = depth.get(v.scope) ?? Number.MAX_SAFE_INTEGER;
    if (at.has(v.name) && at.get(v.name)! <= d) continue;
    at.set(v.name, d);
    try {
      data[v.name] = JSON.parse(v.value);
    } catch {
      data[v.name] = v.value;
    }
  }
  const draft = await prisma.taskDraft.findUnique({ where: { userTaskKey_username: { userTaskKey: key, username } } });
  return {
    formId: form?.resourceId ?? null,
    schema: form ? (JSON.parse(form.content) as unknown) : null,
    data: { ...data, ...((draft?.variables as Record<string, unknown> | undefined) ?? {}) },
    draftSavedAt: draft?.savedAt.toISOString() ?? null,
  };
}

export async function saveDraft(prisma: PrismaClient, userTaskKey: string, username: string, variables: Record<string, unknown>): Promise<Date> {
  const key = BigInt(userTaskKey);
  const row = await prisma.taskDraft.upsert({
    where: { userTaskKey_username: { userTaskKey: key, username } },
    create: { userTaskKey: key, username, variables: variables as object },
    update: { variables: variables as object, savedAt: new Date() },
  });
  return row.savedAt;
}

export async function deleteDrafts(prisma: PrismaClient, userTaskKey: string): Promise<void> {
  await prisma.taskDraft.deleteMany({ where: { userTaskKey: BigInt(userTaskKey) } });
}
