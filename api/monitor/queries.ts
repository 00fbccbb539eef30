import { XMLParser } from 'fast-xml-parser';
import { Prisma, type PrismaClient } from '../../prisma/generated/client';
import type { ActivityRecord, WorkflowEngine } from '../../workflow/port';
import { mayReadClientFile, type Actor } from '../auth/policy';

/**
 * The supervisor's monitor, read from the read models (process_instance, user_task, incident, which the engine
 * keeps in its own transaction) and, for what they do not hold (an instance's path and variables, where a
 * process version's instances wait), from the engine through the workflow port. Department heads see their
 * department's cases; national staff see everything.
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
  if (f.client)
    where.push(
      Prisma.sql`(cl.first_name || ' ' || cl.last_name ILIKE ${like(f.client)} OR cl.personal_code LIKE ${like(f.client)})`,
    );
  if (f.from) where.push(Prisma.sql`p.started_at >= ${new Date(`${f.from}T00:00:00Z`)}`);
  if (f.to) where.push(Prisma.sql`p.started_at < ${new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)}`);
  if (f.incidents) where.push(Prisma.sql`${INCIDENTS} > 0`);
  if (f.overdue) where.push(Prisma.sql`${OVERDUE} > 0`);
  const rows = await prisma.$queryRaw<
    {
      key: string;
      process: string;
      version: number | null;
      state: string;
      startedAt: Date;
      endedAt: Date | null;
      caseId: number | null;
      caseNumber: string | null;
      clientId: number | null;
      clientName: string | null;
      department: string | null;
      departmentCode: string | null;
      incidents: bigint;
      overdue: bigint;
      total: bigint;
    }[]
  >`
    SELECT p.process_instance_key AS key, p.bpmn_process_id AS process, p.process_definition_version AS version, p.state,
           p.started_at AS "startedAt", p.ended_at AS "endedAt", c.id AS "caseId", c.case_number AS "caseNumber", cl.id AS "clientId",
           cl.first_name || ' ' || cl.last_name AS "clientName", d.name AS department, d.code AS "departmentCode", ${INCIDENTS} AS incidents, ${OVERDUE} AS overdue,
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
    items: rows.map(({ total: _t, incidents, overdue, startedAt, endedAt, departmentCode, ...r }) => ({
      ...r,
      // Who the case is about only for staff who may open its client file (analysts, administrators: never).
      ...(r.caseId !== null && !mayReadClientFile(actor, departmentCode)
        ? { caseNumber: null, clientId: null, clientName: null, personalDataHidden: true }
        : { personalDataHidden: false }),
      startedAt: startedAt.toISOString(),
      endedAt: endedAt?.toISOString() ?? null,
      incidents: Number(incidents),
      overdue: Number(overdue),
    })),
  };
}

/** One instance (root or called) with its diagram, path, incidents, overdue tasks, variables and history. */
export async function instanceDetail(prisma: PrismaClient, workflow: WorkflowEngine, key: string) {
  const p = await prisma.processInstance.findUnique({ where: { processInstanceKey: key } });
  if (!p) return undefined;
  const root = p.rootProcessInstanceKey ?? p.processInstanceKey;
  const [kase, diagram, path, incidents, tasks, children, variables] = await Promise.all([
    prisma.case.findFirst({ where: { processInstanceKey: root }, include: { client: true, department: true } }),
    // The diagram in the version the instance runs: for BPMN the resource key is the engine's definition id.
    p.processDefinitionKey
      ? prisma.deployedResource.findUnique({ where: { resourceKey: p.processDefinitionKey } })
      : null,
    workflow.instanceHistory(key),
    prisma.incident.findMany({ where: { processInstanceKey: key }, orderBy: { createdAt: 'desc' } }),
    prisma.userTask.findMany({ where: { processInstanceKey: key }, orderBy: { createdAt: 'asc' } }),
    prisma.processInstance.findMany({ where: { parentProcessInstanceKey: key }, orderBy: { startedAt: 'asc' } }),
    workflow.instanceVariables(key),
  ]);
  // This instance's own elements (the processes it called are listed as children, each on its own diagram).
  const history = path.filter((a) => a.instanceId === key).map(historyEntry);
  const now = Date.now();
  return {
    key: p.processInstanceKey,
    rootKey: root,
    parentKey: p.parentProcessInstanceKey,
    process: p.bpmnProcessId,
    version: p.processDefinitionVersion,
    state: p.state,
    startedAt: p.startedAt.toISOString(),
    endedAt: p.endedAt?.toISOString() ?? null,
    case: kase
      ? {
          id: kase.id,
          caseNumber: kase.caseNumber,
          clientId: kase.clientId,
          clientName: `${kase.client.firstName} ${kase.client.lastName}`,
          department: kase.department.name,
          departmentCode: kase.department.code,
        }
      : null,
    bpmnXml: diagram?.content ?? null,
    history,
    takenFlows: diagram ? takenFlows(diagram.content, new Set(history.map((h) => h.elementId))) : [],
    incidents: incidents.map((i) => ({
      key: i.incidentKey,
      elementId: i.elementId,
      errorType: i.errorType,
      errorMessage: i.errorMessage,
      state: i.state,
      jobKey: i.jobKey,
      createdAt: i.createdAt.toISOString(),
    })),
    tasks: tasks.map((t) => ({
      key: t.userTaskKey,
      elementId: t.elementId,
      state: t.state,
      assignee: t.assignee,
      candidateGroups: t.candidateGroups,
      dueDate: t.dueDate?.toISOString() ?? null,
      overdue: t.state === 'CREATED' && !!t.dueDate && t.dueDate.getTime() < now,
    })),
    children: children.map((c) => ({
      key: c.processInstanceKey,
      process: c.bpmnProcessId,
      state: c.state,
      startedAt: c.startedAt.toISOString(),
    })),
    variables,
  };
}

/** One element the instance passed: left (COMPLETED), cut off (TERMINATED: cancelled, interrupted) or still there (ACTIVE). */
function historyEntry(a: ActivityRecord) {
  return {
    elementId: a.elementId,
    type: a.elementType,
    state: a.canceled ? 'TERMINATED' : a.endedAt ? 'COMPLETED' : 'ACTIVE',
    startedAt: a.startedAt,
    endedAt: a.endedAt,
  };
}

/** The sequence flows of a diagram, with the elements they join. */
export function sequenceFlows(xml: string): { id: string; sourceRef: string; targetRef: string }[] {
  const out: { id: string; sourceRef: string; targetRef: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [tag, child] of Object.entries(node)) {
      for (const c of Array.isArray(child) ? child : [child]) {
        if (!c || typeof c !== 'object') continue;
        const f = c as Record<string, unknown>;
        if (
          tag === 'sequenceFlow' &&
          typeof f.id === 'string' &&
          typeof f.sourceRef === 'string' &&
          typeof f.targetRef === 'string'
        )
          out.push({ id: f.id, sourceRef: f.sourceRef, targetRef: f.targetRef });
        walk(c);
      }
    }
  };
  walk(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true }).parse(xml));
  return out;
}

/**
 * The path drawn on the diagram: the engine's history records elements, not the flows between them, so a flow
 * counts as taken when the instance visited both its source and its target.
 */
export function takenFlows(xml: string, visited: ReadonlySet<string>): string[] {
  return sequenceFlows(xml)
    .filter((f) => visited.has(f.sourceRef) && visited.has(f.targetRef))
    .map((f) => f.id);
}

/** Scopes hold the elements where the work waits; they are not a place of their own on the heat map. */
const SCOPE_TYPES = new Set([
  'processDefinition',
  'subProcess',
  'adHocSubProcess',
  'eventSubProcess',
  'transaction',
  'multiInstanceBody',
]);

/**
 * Where the running instances of one process version wait, per element, counting only the actor's department's
 * instances: the engine says where every instance of the version is; the read models say which instances belong
 * to the department (national staff: all).
 */
async function waitingPerElement(
  prisma: PrismaClient,
  workflow: WorkflowEngine,
  actor: Actor,
  definitionId: string,
): Promise<{ element_id: string; n: bigint }[]> {
  const [open, mine] = await Promise.all([
    workflow.openActivities(definitionId),
    actor.department
      ? prisma.$queryRaw<{ key: string }[]>`
          SELECT p.process_instance_key AS key FROM process_instance p
          JOIN "case" c ON c.process_instance_key = p.root_process_instance_key JOIN department d ON d.id = c.department_id
          WHERE p.state = 'ACTIVE' AND p.process_definition_key = ${definitionId} AND ${departmentScope(actor)}`
      : null,
  ]);
  return countWaiting(open, mine ? new Set(mine.map((r) => r.key)) : undefined);
}

/** Open activities per element, leaving out scopes and, when `inScope` is given, instances not in it. */
export function countWaiting(
  open: readonly { instanceId: string; elementId: string; elementType: string }[],
  inScope?: ReadonlySet<string>,
): { element_id: string; n: bigint }[] {
  const counts = new Map<string, number>();
  for (const a of open) {
    if (SCOPE_TYPES.has(a.elementType) || (inScope && !inScope.has(a.instanceId))) continue;
    counts.set(a.elementId, (counts.get(a.elementId) ?? 0) + 1);
  }
  return [...counts].map(([element_id, n]) => ({ element_id, n: BigInt(n) }));
}

/** A process's diagram with per-element counts of waiting and overdue work, and its KPIs. */
export async function processHeat(
  prisma: PrismaClient,
  workflow: WorkflowEngine,
  actor: Actor,
  bpmnProcessId: string,
  version?: number,
) {
  const diagram = await prisma.deployedResource.findFirst({
    where: { kind: 'BPMN', resourceId: bpmnProcessId, ...(version ? { version } : {}) },
    orderBy: { version: 'desc' },
  });
  if (!diagram) return undefined;
  const scope = departmentScope(actor);
  const [waiting, overdue, weeks, lead, steps, byDept] = await Promise.all([
    waitingPerElement(prisma, workflow, actor, diagram.resourceKey),
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
  const versions = await prisma.deployedResource.findMany({
    where: { kind: 'BPMN', resourceId: bpmnProcessId },
    select: { version: true },
    orderBy: { version: 'desc' },
  });
  return {
    process: bpmnProcessId,
    version: diagram.version,
    versions: versions.map((v) => v.version),
    bpmnXml: diagram.content,
    elements: mergeCounts(waiting, overdue),
    kpis: {
      weeks: weeks.map((w) => ({
        week: w.week.toISOString().slice(0, 10),
        started: Number(w.started),
        completed: Number(w.completed),
      })),
      leadTime: {
        completed: Number(lead[0]?.n ?? 0),
        medianSeconds: lead[0]?.p50 ?? null,
        averageSeconds: lead[0]?.avg == null ? null : Number(lead[0].avg),
      },
      taskLeadTimes: steps.map((s) => ({
        elementId: s.element_id,
        completed: Number(s.n),
        averageSeconds: Number(s.avg),
      })),
      overdueByDepartment: byDept.map((d) => ({ department: d.department, overdue: Number(d.n) })),
    },
  };
}

function mergeCounts(waiting: { element_id: string; n: bigint }[], overdue: { element_id: string; n: bigint }[]) {
  const out = new Map<string, { elementId: string; waiting: number; overdue: number }>();
  for (const w of waiting) out.set(w.element_id, { elementId: w.element_id, waiting: Number(w.n), overdue: 0 });
  for (const o of overdue)
    out.set(o.element_id, {
      elementId: o.element_id,
      waiting: out.get(o.element_id)?.waiting ?? 0,
      overdue: Number(o.n),
    });
  return [...out.values()];
}
