import { Prisma, type PrismaClient } from '../../prisma/generated/client';
import type { Actor } from '../auth/policy';

/**
 * The supervisor's monitor, read from the projections (process_instance, user_task, incident) and, for an
 * instance's path and a process's heat, from the exported engine records (zeebe.record, indexed by process
 * instance). Department heads see their department's cases; national staff see everything.
 */
export interface InstanceFilter {
  process?: string | undefined;
  version?: number | undefined;
  state?: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | undefined;
  department?: string | undefined;
  client?: string | undefined;
  caseNumber?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  overdue?: boolean | undefined;
  incidents?: boolean | undefined;
  page: number;
  pageSize: number;
}

const like = (s: string) => `%${s.replace(/[%_\\]/g, '\\$&')}%`;

export function departmentScope(actor: Actor): Prisma.Sql {
  return actor.department ? Prisma.sql`d.code = ${actor.department.code}` : Prisma.sql`TRUE`;
}

const INCIDENTS = Prisma.sql`(SELECT count(*) FROM incident i JOIN process_instance q ON q.process_instance_key = i.process_instance_key
  WHERE q.root_process_instance_key = p.process_instance_key AND i.state = 'ACTIVE')`;
const OVERDUE = Prisma.sql`(SELECT count(*) FROM user_task t WHERE t.root_process_instance_key = p.process_instance_key AND t.state = 'CREATED' AND t.due_date < now())`;

export async function listInstances(prisma: PrismaClient, actor: Actor, f: InstanceFilter) {
  const where: Prisma.Sql[] = [Prisma.sql`p.parent_process_instance_key IS NULL`, departmentScope(actor)];
  if (f.process) where.push(Prisma.sql`p.bpmn_process_id = ${f.process}`);
  if (f.version) where.push(Prisma.sql`p.process_definition_version = ${f.version}`);
  if (f.state) where.push(Prisma.sql`p.state = ${f.state}`);
  if (f.department) where.push(Prisma.sql`d.code = ${f.department}`);
  if (f.caseNumber) where.push(Prisma.sql`c.case_number ILIKE ${like(f.caseNumber)}`);
  if (f.client) where.push(Prisma.sql`(cl.first_name || ' ' || cl.last_name ILIKE ${like(f.client)} OR cl.personal_code LIKE ${like(f.client)})`);
  if (f.from) where.push(Prisma.sql`p.started_at >= ${new Date(`${f.from}T00:00:00Z`)}`);
  if (f.to) where.push(Prisma.sql`p.started_at < ${new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)}`);
  if (f.incidents) where.push(Prisma.sql`${INCIDENTS} > 0`);
  if (f.overdue) where.push(Prisma.sql`${OVERDUE} > 0`);
  const rows = await prisma.$queryRaw<
    { key: string; process: string; version: number | null; state: string; startedAt: Date; endedAt: Date | null; caseId: number | null; caseNumber: string | null; clientId: number | null; clientName: string | null; department: string | null; incidents: bigint; overdue: bigint; total: bigint }[]
  >`
    SELECT p.process_instance_key::text AS key, p.bpmn_process_id AS process, p.process_definition_version AS version, p.state,
           p.started_at AS "startedAt", p.ended_at AS "endedAt", c.id AS "caseId", c.case_number AS "caseNumber", cl.id AS "clientId",
           cl.first_name || ' ' || cl.last_name AS "clientName", d.name AS department, ${INCIDENTS} AS incidents, ${OVERDUE} AS overdue,
           count(*) OVER () AS total
    FROM process_instance p
    LEFT JOIN "case" c ON c.process_instance_key = p.process_instance_key
    LEFT JOIN client cl ON cl.id = c.client_id
    LEFT JOIN department d ON d.id = c.department_id
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY p.started_at DESC, p.process_instance_key DESC
    LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`;
  return {
    total: rows[0] ? Number(rows[0].total) : 0,
    items: rows.map(({ total: _t, incidents, overdue, startedAt, endedAt, ...r }) => ({ ...r, startedAt: startedAt.toISOString(), endedAt: endedAt?.toISOString() ?? null, incidents: Number(incidents), overdue: Number(overdue) })),
  };
}

/** One instance (root or called) with its diagram, path, incidents, overdue tasks, variables and history. */
export async function instanceDetail(prisma: PrismaClient, key: bigint) {
  const p = await prisma.processInstance.findUnique({ where: { processInstanceKey: key } });
  if (!p) return undefined;
  const root = p.rootProcessInstanceKey ?? p.processInstanceKey;
  const [kase, diagram, events, incidents, tasks, children, variables] = await Promise.all([
    prisma.case.findFirst({ where: { processInstanceKey: root }, include: { client: true, department: true } }),
    p.processDefinitionKey ? prisma.deployedResource.findUnique({ where: { resourceKey: p.processDefinitionKey } }) : null,
    prisma.$queryRaw<{ element_key: string; element_id: string; type: string; intent: string; at: Date }[]>`
      SELECT key::text AS element_key, element_id, value->>'bpmnElementType' AS type, intent, timestamp AS at
      FROM zeebe.record WHERE value_type = 'PROCESS_INSTANCE' AND process_instance_key = ${key} ORDER BY position`,
    prisma.incident.findMany({ where: { processInstanceKey: key }, orderBy: { createdAt: 'desc' } }),
    prisma.userTask.findMany({ where: { processInstanceKey: key }, orderBy: { createdAt: 'asc' } }),
    prisma.processInstance.findMany({ where: { parentProcessInstanceKey: key }, orderBy: { startedAt: 'asc' } }),
    prisma.$queryRaw<{ name: string; value: string }[]>`
      SELECT DISTINCT ON (value->>'name') value->>'name' AS name, value->>'value' AS value
      FROM zeebe.record WHERE value_type = 'VARIABLE' AND process_instance_key = ${key} AND (value->>'scopeKey')::bigint = ${key}
      ORDER BY value->>'name', position DESC`,
  ]);
  // Element instances: their element, type, first and last event; the path is every taken sequence flow.
  const elements = new Map<string, { elementId: string; type: string; state: string; startedAt: string; endedAt: string | null }>();
  const flows = new Set<string>();
  for (const e of events) {
    if (e.intent === 'SEQUENCE_FLOW_TAKEN') {
      flows.add(e.element_id);
      continue;
    }
    if (e.type === 'PROCESS') continue;
    const cur = elements.get(e.element_key) ?? { elementId: e.element_id, type: e.type, state: 'ACTIVE', startedAt: e.at.toISOString(), endedAt: null };
    if (e.intent === 'ELEMENT_COMPLETED') Object.assign(cur, { state: 'COMPLETED', endedAt: e.at.toISOString() });
    if (e.intent === 'ELEMENT_TERMINATED') Object.assign(cur, { state: 'TERMINATED', endedAt: e.at.toISOString() });
    elements.set(e.element_key, cur);
  }
  const now = Date.now();
  return {
    key: String(p.processInstanceKey),
    rootKey: String(root),
    parentKey: p.parentProcessInstanceKey ? String(p.parentProcessInstanceKey) : null,
    process: p.bpmnProcessId,
    version: p.processDefinitionVersion,
    state: p.state,
    startedAt: p.startedAt.toISOString(),
    endedAt: p.endedAt?.toISOString() ?? null,
    case: kase ? { id: kase.id, caseNumber: kase.caseNumber, clientId: kase.clientId, clientName: `${kase.client.firstName} ${kase.client.lastName}`, department: kase.department.name, departmentCode: kase.department.code } : null,
    bpmnXml: diagram?.content ?? null,
    history: [...elements.values()],
    takenFlows: [...flows],
    incidents: incidents.map((i) => ({ key: String(i.incidentKey), elementId: i.elementId, errorType: i.errorType, errorMessage: i.errorMessage, state: i.state, jobKey: i.jobKey ? String(i.jobKey) : null, createdAt: i.createdAt.toISOString() })),
    tasks: tasks.map((t) => ({ key: String(t.userTaskKey), elementId: t.elementId, state: t.state, assignee: t.assignee, candidateGroups: t.candidateGroups, dueDate: t.dueDate?.toISOString() ?? null, overdue: t.state === 'CREATED' && !!t.dueDate && t.dueDate.getTime() < now })),
    children: children.map((c) => ({ key: String(c.processInstanceKey), process: c.bpmnProcessId, state: c.state, startedAt: c.startedAt.toISOString() })),
    variables: Object.fromEntries(variables.map((v) => [v.name, safeJson(v.value)])),
  };
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** A process's diagram with per-element counts of waiting and overdue work, and its KPIs. */
export async function processHeat(prisma: PrismaClient, actor: Actor, bpmnProcessId: string, version?: number) {
  const diagram = await prisma.deployedResource.findFirst({ where: { kind: 'BPMN', resourceId: bpmnProcessId, ...(version ? { version } : {}) }, orderBy: { version: 'desc' } });
  if (!diagram) return undefined;
  const scope = departmentScope(actor);
  const [waiting, overdue, weeks, lead, steps, byDept] = await Promise.all([
    prisma.$queryRaw<{ element_id: string; n: bigint }[]>`
      WITH latest AS (
        SELECT DISTINCT ON (r.key) r.element_id, r.intent, r.value->>'bpmnElementType' AS type
        FROM process_instance p
        LEFT JOIN "case" c ON c.process_instance_key = p.root_process_instance_key LEFT JOIN department d ON d.id = c.department_id
        JOIN zeebe.record r ON r.process_instance_key = p.process_instance_key AND r.value_type = 'PROCESS_INSTANCE'
        WHERE p.state = 'ACTIVE' AND p.process_definition_key = ${diagram.resourceKey} AND ${scope}
        ORDER BY r.key, r.position DESC)
      SELECT element_id, count(*) AS n FROM latest
      WHERE intent IN ('ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED') AND type NOT IN ('PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS')
      GROUP BY element_id`,
    prisma.$queryRaw<{ element_id: string; n: bigint }[]>`
      SELECT t.element_id, count(*) AS n FROM user_task t JOIN department d ON d.id = t.department_id
      WHERE t.state = 'CREATED' AND t.due_date < now() AND t.process_definition_key = ${diagram.resourceKey} AND ${scope}
      GROUP BY t.element_id`,
    prisma.$queryRaw<{ week: Date; started: bigint; completed: bigint }[]>`
      WITH w AS (SELECT generate_series(date_trunc('week', now()) - interval '11 weeks', date_trunc('week', now()), interval '1 week') AS week)
      SELECT w.week,
        (SELECT count(*) FROM process_instance p LEFT JOIN "case" c ON c.process_instance_key = p.process_instance_key LEFT JOIN department d ON d.id = c.department_id
          WHERE p.bpmn_process_id = ${bpmnProcessId} AND p.parent_process_instance_key IS NULL AND ${scope} AND p.started_at >= w.week AND p.started_at < w.week + interval '1 week') AS started,
        (SELECT count(*) FROM process_instance p LEFT JOIN "case" c ON c.process_instance_key = p.process_instance_key LEFT JOIN department d ON d.id = c.department_id
          WHERE p.bpmn_process_id = ${bpmnProcessId} AND p.parent_process_instance_key IS NULL AND ${scope} AND p.state = 'COMPLETED' AND p.ended_at >= w.week AND p.ended_at < w.week + interval '1 week') AS completed
      FROM w ORDER BY w.week`,
    prisma.$queryRaw<{ n: bigint; p50: number | null; avg: number | null }[]>`
      SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.ended_at - p.started_at)) AS p50, avg(extract(epoch FROM p.ended_at - p.started_at)) AS avg
      FROM process_instance p LEFT JOIN "case" c ON c.process_instance_key = p.process_instance_key LEFT JOIN department d ON d.id = c.department_id
      WHERE p.bpmn_process_id = ${bpmnProcessId} AND p.parent_process_instance_key IS NULL AND p.state = 'COMPLETED' AND ${scope}`,
    prisma.$queryRaw<{ element_id: string; n: bigint; avg: number }[]>`
      SELECT t.element_id, count(*) AS n, avg(extract(epoch FROM t.completed_at - t.created_at)) AS avg
      FROM user_task t JOIN department d ON d.id = t.department_id
      WHERE t.state = 'COMPLETED' AND t.bpmn_process_id = ${bpmnProcessId} AND ${scope}
      GROUP BY t.element_id`,
    prisma.$queryRaw<{ department: string; n: bigint }[]>`
      SELECT d.name AS department, count(*) AS n FROM user_task t JOIN department d ON d.id = t.department_id JOIN process_instance p ON p.process_instance_key = t.root_process_instance_key
      WHERE t.state = 'CREATED' AND t.due_date < now() AND p.bpmn_process_id = ${bpmnProcessId} AND ${scope}
      GROUP BY d.name ORDER BY n DESC`,
  ]);
  const versions = await prisma.deployedResource.findMany({ where: { kind: 'BPMN', resourceId: bpmnProcessId }, select: { version: true }, orderBy: { version: 'desc' } });
  return {
    process: bpmnProcessId,
    version: diagram.version,
    versions: versions.map((v) => v.version),
    bpmnXml: diagram.content,
    elements: mergeCounts(waiting, overdue),
    kpis: {
      weeks: weeks.map((w) => ({ week: w.week.toISOString().slice(0, 10), started: Number(w.started), completed: Number(w.completed) })),
      leadTime: { completed: Number(lead[0]?.n ?? 0), medianSeconds: lead[0]?.p50 ?? null, averageSeconds: lead[0]?.avg == null ? null : Number(lead[0].avg) },
      taskLeadTimes: steps.map((s) => ({ elementId: s.element_id, completed: Number(s.n), averageSeconds: Number(s.avg) })),
      overdueByDepartment: byDept.map((d) => ({ department: d.department, overdue: Number(d.n) })),
    },
  };
}

function mergeCounts(waiting: { element_id: string; n: bigint }[], overdue: { element_id: string; n: bigint }[]) {
  const out = new Map<string, { elementId: string; waiting: number; overdue: number }>();
  for (const w of waiting) out.set(w.element_id, { elementId: w.element_id, waiting: Number(w.n), overdue: 0 });
  for (const o of overdue) out.set(o.element_id, { elementId: o.element_id, waiting: out.get(o.element_id)?.waiting ?? 0, overdue: Number(o.n) });
  return [...out.values()];
}
