import { Prisma, type PrismaClient } from '../../prisma/generated/client';
import { groupsOf, type Actor } from '../auth/policy';

/**
 * The inbox query: open user tasks from the read model (user_task, kept by the engine in its own transaction), joined to their case, client and department (tasks of
 * called processes belong to their case through the root instance). One SQL statement per page plus one for the
 * counts, both on indexes (candidate groups GIN, assignee, state/due); see bench `inbox`.
 */
export const SCOPES = ['mine', 'group', 'department'] as const;
export type Scope = (typeof SCOPES)[number];
export const DUE_FILTERS = ['overdue', 'soon', 'later', 'none'] as const;
export const SORTS = ['due', 'created', 'priority', 'client'] as const;

export interface InboxFilter {
  scope: Scope;
  process?: string | undefined;
  taskType?: string | undefined;
  due?: (typeof DUE_FILTERS)[number] | undefined;
  client?: string | undefined;
  caseNumber?: string | undefined;
  sort: (typeof SORTS)[number];
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface InboxTask {
  userTaskKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  /** The case's process: the top-level one, where bpmnProcessId may be a called process. */
  caseProcessId: string | null;
  elementId: string | null;
  /** The task's name in the diagram (Latvian), as the engine gave it to the task. */
  taskName?: string | null;
  assignee: string | null;
  candidateGroups: string[];
  dueDate: string | null;
  createdAt: string;
  priority: number;
  caseId: number | null;
  caseNumber: string | null;
  clientId: number | null;
  clientName: string | null;
  departmentCode: string | null;
  departmentName: string | null;
}

/** Due soon: within this many hours. */
export const DUE_SOON_HOURS = 48;

function scopeCondition(actor: Actor, scope: Scope): Prisma.Sql {
  const groups = groupsOf(actor);
  const mine = Prisma.sql`t.assignee = ${actor.username}`;
  if (scope === 'mine') return mine;
  // Offered to one of my groups and not taken by someone else.
  if (scope === 'group')
    return Prisma.sql`(t.candidate_groups && ${groups}::text[] AND (t.assignee IS NULL OR t.assignee = ${actor.username}))`;
  return Prisma.sql`TRUE`;
}

function filterConditions(f: InboxFilter, now: Date): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  // The case's process (a case process module's id), also for tasks of the processes it calls.
  if (f.process) out.push(Prisma.sql`rp.bpmn_process_id = ${f.process}`);
  if (f.taskType) out.push(Prisma.sql`t.element_id = ${f.taskType}`);
  if (f.caseNumber) out.push(Prisma.sql`c.case_number ILIKE ${`%${f.caseNumber.replace(/[%_\\]/g, '\\$&')}%`}`);
  if (f.client) {
    const like = `%${f.client.replace(/[%_\\]/g, '\\$&')}%`;
    out.push(
      Prisma.sql`(cl.last_name || ' ' || cl.first_name ILIKE ${like} OR cl.first_name || ' ' || cl.last_name ILIKE ${like} OR cl.personal_code LIKE ${like})`,
    );
  }
  const soon = new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000);
  if (f.due === 'overdue') out.push(Prisma.sql`t.due_date < ${now}`);
  if (f.due === 'soon') out.push(Prisma.sql`t.due_date >= ${now} AND t.due_date < ${soon}`);
  if (f.due === 'later') out.push(Prisma.sql`t.due_date >= ${soon}`);
  if (f.due === 'none') out.push(Prisma.sql`t.due_date IS NULL`);
  return out;
}

const FROM = Prisma.sql`FROM user_task t
  LEFT JOIN process_instance rp ON rp.process_instance_key = t.root_process_instance_key
  LEFT JOIN "case" c ON c.process_instance_key = t.root_process_instance_key
  LEFT JOIN client cl ON cl.id = c.client_id
  LEFT JOIN department d ON d.id = c.department_id`;

const ORDER: Record<InboxFilter['sort'], Prisma.Sql> = {
  due: Prisma.sql`t.due_date`,
  created: Prisma.sql`t.created_at`,
  priority: Prisma.sql`t.priority`,
  client: Prisma.sql`cl.last_name`,
};

/** The page query, also run bare by the inbox benchmark as its baseline. */
export function inboxPageSql(actor: Actor, f: InboxFilter, now = new Date()): Prisma.Sql {
  const dir = f.order === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return Prisma.sql`
    SELECT t.user_task_key AS "userTaskKey", t.process_instance_key AS "processInstanceKey", t.bpmn_process_id AS "bpmnProcessId", rp.bpmn_process_id AS "caseProcessId",
           t.element_id AS "elementId", t.task_name AS "taskName", t.assignee, t.candidate_groups AS "candidateGroups", t.due_date AS "dueDate", t.created_at AS "createdAt",
           t.priority, c.id AS "caseId", c.case_number AS "caseNumber", cl.id AS "clientId",
           cl.first_name || ' ' || cl.last_name AS "clientName", d.code AS "departmentCode", d.name AS "departmentName",
           count(*) OVER () AS total
    ${FROM}
    WHERE ${whereOf(actor, f, now)}
    ORDER BY ${ORDER[f.sort]} ${dir} NULLS LAST, t.user_task_key
    LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`;
}

/** Never outside the actor's department, whatever the scope (the task's department is its groups'; indexed). */
function inDepartment(actor: Actor): Prisma.Sql {
  return Prisma.sql`t.department_id = ${actor.department?.id ?? -1}`;
}

function whereOf(actor: Actor, f: InboxFilter, now: Date): Prisma.Sql {
  return Prisma.join(
    [Prisma.sql`t.state = 'CREATED'`, inDepartment(actor), scopeCondition(actor, f.scope), ...filterConditions(f, now)],
    ' AND ',
  );
}

export async function listInbox(
  prisma: PrismaClient,
  actor: Actor,
  f: InboxFilter,
  now = new Date(),
): Promise<{ items: InboxTask[]; total: number }> {
  const rows = await prisma.$queryRaw<
    (Omit<InboxTask, 'dueDate' | 'createdAt'> & { dueDate: Date | null; createdAt: Date; total: bigint })[]
  >(inboxPageSql(actor, f, now));
  // A page past the end has no rows to carry the total: count separately then.
  const total = rows[0] ? Number(rows[0].total) : await countOnly(prisma, whereOf(actor, f, now));
  return {
    items: rows.map(({ total: _t, ...r }) => ({
      ...r,
      dueDate: r.dueDate?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
    total,
  };
}

async function countOnly(prisma: PrismaClient, where: Prisma.Sql): Promise<number> {
  const r = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n ${FROM} WHERE ${where}`;
  return Number(r[0]?.n ?? 0);
}

/** How many open tasks each scope and due filter would show (with the other filters applied), for the filter chips. */
/** The counts query, also run bare by the inbox benchmark. */
export function inboxCountsSql(actor: Actor, f: InboxFilter, now = new Date()): Prisma.Sql {
  const rest = filterConditions({ ...f, due: undefined }, now);
  const soon = new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000);
  const base = Prisma.join([Prisma.sql`t.state = 'CREATED'`, inDepartment(actor), ...rest], ' AND ');
  return Prisma.sql`
    SELECT count(*) FILTER (WHERE ${scopeCondition(actor, 'mine')}) AS mine,
           count(*) FILTER (WHERE ${scopeCondition(actor, 'group')}) AS grp,
           count(*) AS department,
           count(*) FILTER (WHERE ${scopeCondition(actor, f.scope)} AND t.due_date < ${now}) AS overdue,
           count(*) FILTER (WHERE ${scopeCondition(actor, f.scope)} AND t.due_date >= ${now} AND t.due_date < ${soon}) AS soon
    ${FROM} WHERE ${base}`;
}

/** How many open tasks each scope and due filter would show (with the other filters applied), for the filter chips. */
export async function inboxCounts(
  prisma: PrismaClient,
  actor: Actor,
  f: InboxFilter,
  now = new Date(),
): Promise<Record<Scope | 'overdue' | 'soon', number>> {
  const r = await prisma.$queryRaw<{ mine: bigint; grp: bigint; department: bigint; overdue: bigint; soon: bigint }[]>(
    inboxCountsSql(actor, f, now),
  );
  const row = r[0]!;
  return {
    mine: Number(row.mine),
    group: Number(row.grp),
    department: Number(row.department),
    overdue: Number(row.overdue),
    soon: Number(row.soon),
  };
}

/** One task with what authorization needs. */
export async function findTask(
  prisma: PrismaClient,
  userTaskKey: string,
): Promise<(InboxTask & { state: string }) | undefined> {
  const rows = await prisma.$queryRaw<
    (Omit<InboxTask, 'dueDate' | 'createdAt'> & { dueDate: Date | null; createdAt: Date; state: string })[]
  >`
    SELECT t.user_task_key AS "userTaskKey", t.process_instance_key AS "processInstanceKey", t.bpmn_process_id AS "bpmnProcessId", rp.bpmn_process_id AS "caseProcessId",
           t.element_id AS "elementId", t.task_name AS "taskName", t.assignee, t.candidate_groups AS "candidateGroups", t.due_date AS "dueDate", t.created_at AS "createdAt",
           t.priority, t.state, c.id AS "caseId", c.case_number AS "caseNumber", cl.id AS "clientId",
           cl.first_name || ' ' || cl.last_name AS "clientName", d.code AS "departmentCode", d.name AS "departmentName"
    ${FROM} WHERE t.user_task_key = ${userTaskKey}`;
  const r = rows[0];
  return r ? { ...r, dueDate: r.dueDate?.toISOString() ?? null, createdAt: r.createdAt.toISOString() } : undefined;
}
