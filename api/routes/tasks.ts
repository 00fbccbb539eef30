import { WorkflowId, z, Page, PageSize } from '../zod';
import { engineCall } from '../engine-call';
import type { WorkflowEngine } from '../../workflow/port';
import { HttpProblem, ProblemSchema } from '../problem';
import { defineRoute } from '../route';
import { can, mayWorkOnTask, type Actor } from '../auth/policy';
import { DUE_FILTERS, SCOPES, SORTS, type InboxFilter, type InboxTask } from '../inbox/query';
import type { TaskForm } from '../inbox/form';

const CompleteTaskBody = z
  .strictObject({
    variables: z.record(z.string(), z.unknown()).openapi({
      description: 'Process variables from the task form; they are merged into the process instance.',
      example: { decision: 'approved' },
    }),
  })
  .openapi('CompleteTask');

export const TaskSchema = z
  .object({
    userTaskKey: z
      .string()
      .openapi({ description: 'the task’s workflow id (a UUID)', example: '974aa7ae-f02e-11f1-b676-02fc00000001' }),
    processInstanceKey: z
      .string()
      .openapi({ description: 'the workflow id (a UUID) of the process instance the task is in' }),
    bpmnProcessId: z.string().openapi({ description: 'the process the task is in (may be a called process)' }),
    caseProcessId: z
      .string()
      .nullable()
      .openapi({ description: 'the case’s process (the id of a case process module, GET /api/processes)' }),
    elementId: z.string().nullable(),
    taskName: z.string().nullable().optional().openapi({ description: 'the task’s name in the diagram (Latvian)' }),
    assignee: z.string().nullable(),
    candidateGroups: z.array(z.string()),
    dueDate: z.string().nullable(),
    createdAt: z.string(),
    priority: z.number().int(),
    caseId: z.number().int().nullable(),
    caseNumber: z.string().nullable(),
    clientId: z.number().int().nullable(),
    clientName: z.string().nullable(),
    departmentCode: z.string().nullable(),
    departmentName: z.string().nullable(),
  })
  .openapi('Task');

const InboxQuery = z.object({
  scope: z.enum(SCOPES).default('group').openapi({
    description:
      'mine: assigned to me; group: offered to my groups and free or mine; department: every open task of my department (senior officers, heads)',
  }),
  process: z.string().max(100).optional().openapi({
    description:
      'the case’s BPMN process id, a case process of GET /api/processes (tasks of the processes it calls included)',
  }),
  taskType: z.string().max(100).optional().openapi({ description: 'BPMN element id of the task, e.g. ConfirmHours' }),
  due: z
    .enum(DUE_FILTERS)
    .optional()
    .openapi({ description: 'overdue; soon (within 48 h); later; none (no due date)' }),
  client: z.string().max(100).optional().openapi({ description: 'part of the client’s name or personal code' }),
  caseNumber: z.string().max(40).optional(),
  sort: z.enum(SORTS).default('due'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: Page(),
  pageSize: PageSize(25),
});

const InboxPage = z
  .object({
    items: z.array(TaskSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    counts: z.object({
      mine: z.number().int(),
      group: z.number().int(),
      department: z.number().int(),
      overdue: z.number().int(),
      soon: z.number().int(),
    }),
  })
  .openapi('InboxPage');

/** What the task routes read: the projection (api/inbox/query.ts) in the product, fakes in unit tests. */
export interface TaskReader {
  list(
    actor: Actor,
    filter: InboxFilter,
  ): Promise<{ items: InboxTask[]; total: number; counts: z.infer<typeof InboxPage>['counts'] }>;
  find(userTaskKey: string): Promise<(InboxTask & { state: string }) | undefined>;
  form(userTaskKey: string, username: string): Promise<TaskForm>;
  saveDraft(userTaskKey: string, username: string, variables: Record<string, unknown>): Promise<Date>;
  /** After completion: drafts of the task are no longer needed. */
  completed(userTaskKey: string): Promise<void>;
  /** The kinds of task open in the actor's department, with their names, for the task-type filter. */
  types(actor: Actor): Promise<{ elementId: string; name: string | null; count: number }[]>;
  /** Records a view of personal data (the product writes audit_log). */
  audit?(actor: Actor, entityType: string, entityId: string, ip: string, details?: object): Promise<void>;
}

const TaskFormSchema = z
  .object({
    formId: z.string().nullable(),
    schema: z.unknown().openapi({
      description: 'the Camunda Form (form-js schema) in the version the task links to; null when the task has none',
    }),
    data: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'process variables visible at the task, with my saved draft on top' }),
    draftSavedAt: z.string().nullable(),
  })
  .openapi('TaskForm');

const TASK_GONE = {
  title: 'Task not found',
  detail: 'The task no longer exists: it was already completed or cancelled. Reload the inbox.',
};
const TASK_BUSY = {
  status: 409,
  title: 'Task already completed or taken',
  detail: 'Someone else completed or took this task a moment ago. Reload the inbox to see where it stands.',
};
/** What the engine's refusals mean for a task: completed or taken meanwhile is a conflict for the user (409), never an engine error. */
const TASK_ANSWERS = { 'not-found': TASK_GONE, gone: TASK_BUSY, conflict: TASK_BUSY } as const;

/** User-task routes: the inbox and the actions on one task, every one authorized against the task's case. */
export function taskRoutes(deps: { workflow: WorkflowEngine; tasks: TaskReader }) {
  const { workflow, tasks } = deps;

  /** The open task, if the actor may work on it; otherwise the problem that says why not. */
  const openTask = async (actor: Actor, key: string) => {
    const t = await tasks.find(key);
    if (!t)
      throw new HttpProblem(
        404,
        TASK_GONE.title,
        `There is no task ${key}. It may not have reached the inbox yet, or it never existed.`,
      );
    if (!mayWorkOnTask(actor, t)) {
      throw new HttpProblem(
        403,
        'Not your task',
        t.departmentCode && t.departmentCode !== actor.department?.code
          ? `This task belongs to ${t.departmentName ?? t.departmentCode}; you can work on tasks of your own department only.`
          : `This task is offered to ${t.candidateGroups.join(', ') || 'nobody'}; you are not in those groups.`,
      );
    }
    if (t.state !== 'CREATED') throw new HttpProblem(409, TASK_BUSY.title, TASK_BUSY.detail);
    return t;
  };

  return [
    defineRoute({
      method: 'get',
      path: '/api/tasks',
      operationId: 'listTasks',
      summary: 'The inbox: open tasks of my department, filtered, sorted and paged, with counts per filter',
      tags: ['tasks'],
      access: 'tasks:work',
      query: InboxQuery,
      responses: { 200: { description: 'one page', schema: InboxPage } },
      handler: async ({ actor, query }) => {
        if (query.scope === 'department' && !can(actor, 'tasks:department')) {
          throw new HttpProblem(
            403,
            'Department view not allowed',
            'Only senior officers and department heads see every task of the department. Use “mine” or “group”.',
          );
        }
        const r = await tasks.list(actor, query);
        return { status: 200, body: { ...r, page: query.page, pageSize: query.pageSize } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/task-types',
      operationId: 'listTaskTypes',
      summary: 'The kinds of task open in my department, with their names and counts (for the task-type filter)',
      tags: ['tasks'],
      access: 'tasks:work',
      responses: {
        200: {
          description: 'task types',
          schema: z.object({
            items: z.array(z.object({ elementId: z.string(), name: z.string().nullable(), count: z.number().int() })),
          }),
        },
      },
      handler: async ({ actor }) => ({ status: 200, body: { items: await tasks.types(actor) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/tasks/:taskKey',
      operationId: 'getTask',
      summary: 'One open task with its case and client',
      tags: ['tasks'],
      access: 'tasks:work',
      params: z.object({ taskKey: WorkflowId }),
      responses: {
        200: { description: 'the task', schema: TaskSchema },
        404: { description: 'no such task', schema: ProblemSchema },
        409: { description: 'the task is no longer open', schema: ProblemSchema },
      },
      handler: async ({ actor, params }) => {
        const { state: _s, ...t } = await openTask(actor, params.taskKey);
        return { status: 200, body: t };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/tasks/:taskKey/form',
      operationId: 'getTaskForm',
      summary: 'The task’s form, prefilled from the process and my draft',
      tags: ['tasks'],
      access: 'tasks:work',
      params: z.object({ taskKey: WorkflowId }),
      responses: {
        200: { description: 'form and data', schema: TaskFormSchema },
        404: { description: 'no such task', schema: ProblemSchema },
        409: { description: 'the task is no longer open', schema: ProblemSchema },
      },
      handler: async ({ actor, params, ctx }) => {
        const t = await openTask(actor, params.taskKey);
        const form = await engineCall(() => tasks.form(params.taskKey, actor.username), TASK_ANSWERS);
        // The form shows the client's data (register extracts, addresses): a view of personal data.
        await tasks.audit?.(actor, 'task-form', params.taskKey, ctx.ip, { caseId: t.caseId });
        return { status: 200, body: form };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/tasks/:taskKey/draft',
      operationId: 'saveTaskDraft',
      summary: 'Save the form as a draft (only for me; completing the task discards it)',
      tags: ['tasks'],
      access: 'tasks:work',
      params: z.object({ taskKey: WorkflowId }),
      body: z.strictObject({ variables: z.record(z.string(), z.unknown()) }).openapi('TaskDraft'),
      responses: {
        200: { description: 'saved', schema: z.object({ savedAt: z.string() }) },
        404: { description: 'no such task', schema: ProblemSchema },
        409: { description: 'the task is no longer open', schema: ProblemSchema },
      },
      handler: async ({ actor, params, body }) => {
        await openTask(actor, params.taskKey);
        const savedAt = await tasks.saveDraft(params.taskKey, actor.username, body.variables);
        return { status: 200, body: { savedAt: savedAt.toISOString() } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:taskKey/claim',
      operationId: 'claimTask',
      summary: 'Take the task: it is assigned to me and leaves my colleagues’ group view',
      tags: ['tasks'],
      access: 'tasks:work',
      params: z.object({ taskKey: WorkflowId }),
      responses: {
        204: { description: 'assigned to me' },
        409: { description: 'someone else has it', schema: ProblemSchema },
      },
      handler: async ({ actor, params }) => {
        const t = await openTask(actor, params.taskKey);
        if (t.assignee && t.assignee !== actor.username)
          throw new HttpProblem(
            409,
            'Task taken',
            `${t.assignee} has taken this task. Ask them, or your senior officer, to hand it over.`,
          );
        await engineCall(() => workflow.claimTask(params.taskKey, actor.username), TASK_ANSWERS);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:taskKey/unclaim',
      operationId: 'unclaimTask',
      summary: 'Give the task back to its group',
      tags: ['tasks'],
      access: 'tasks:work',
      params: z.object({ taskKey: WorkflowId }),
      responses: {
        204: { description: 'back in the group' },
        409: { description: 'not yours to give back', schema: ProblemSchema },
      },
      handler: async ({ actor, params }) => {
        const t = await openTask(actor, params.taskKey);
        if (t.assignee && t.assignee !== actor.username && !can(actor, 'tasks:department'))
          throw new HttpProblem(
            409,
            'Not your task',
            `${t.assignee} has this task; only they or a senior officer can give it back.`,
          );
        await engineCall(() => workflow.unclaimTask(params.taskKey), TASK_ANSWERS);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:taskKey/complete',
      operationId: 'completeTask',
      summary: 'Complete a user task with the variables from its form',
      description:
        'The process moves on to its next step. Completing a task twice, or one someone else is completing, is refused with 409.',
      tags: ['tasks'],
      access: 'tasks:work',
      params: z.object({ taskKey: WorkflowId }),
      body: CompleteTaskBody,
      responses: {
        204: { description: 'completed; the process moves on' },
        404: { description: 'the task no longer exists (completed or cancelled)', schema: ProblemSchema },
        409: { description: 'the task was completed or taken by someone else', schema: ProblemSchema },
        502: { description: 'the engine failed or refused the API', schema: ProblemSchema },
        503: { description: 'the engine is not reachable; nothing was changed', schema: ProblemSchema },
        504: {
          description: 'the engine did not answer in time; the task may or may not be completed',
          schema: ProblemSchema,
        },
      },
      handler: async ({ actor, params, body }) => {
        const t = await openTask(actor, params.taskKey);
        if (t.assignee && t.assignee !== actor.username)
          throw new HttpProblem(409, 'Task taken', `${t.assignee} has taken this task; only they can complete it.`);
        // The engine decides races: of two officers completing at once, one succeeds and the other is told the task is gone.
        await engineCall(() => workflow.completeTask(params.taskKey, body.variables), {
          'not-found': TASK_BUSY,
          gone: TASK_BUSY,
          conflict: TASK_BUSY,
        });
        await tasks.completed(params.taskKey);
        return { status: 204 };
      },
    }),
  ];
}
