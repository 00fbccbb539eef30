import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkflowEngine } from '../../workflow/port';
import { engineCall } from '../engine-call';
import { HttpProblem, ProblemSchema } from '../problem';
import { defineRoute } from '../route';
import { CalendarDate, DbId, Page, PageSize, WorkflowId, z } from '../zod';
import { can, inScope, mayReadClientFile, type Actor } from '../auth/policy';
import { auditView } from '../auth/scope';
import { departmentScope, instanceDetail, listInstances, processHeat } from '../monitor/queries';
import { Prisma } from '../../prisma/generated/client';

/**
 * The supervisor's monitor (docs/monitor.md): instances with filters, one instance on its diagram, a process's heat
 * and KPIs, incidents; retry an incident or cancel an instance with a recorded reason. Department heads see and act
 * on their department's cases; administrators and analysts see everything (analysts only read).
 */
const Reason = z.string().trim().min(10, 'must say why in at least 10 characters').max(1000);

const PERSONAL_DATA_HIDDEN =
  'true when the instance has a case whose client and case number the caller may not see (only staff who may open the client file of its department do): caseNumber, clientId and clientName are then null';

const InstanceRow = z
  .object({
    key: z.string(),
    process: z.string(),
    version: z.number().int().nullable(),
    state: z.string(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    caseId: z.number().int().nullable(),
    caseNumber: z.string().nullable(),
    clientId: z.number().int().nullable(),
    clientName: z.string().nullable(),
    department: z.string().nullable(),
    incidents: z.number().int(),
    overdue: z.number().int(),
    personalDataHidden: z.boolean().openapi({ description: PERSONAL_DATA_HIDDEN }),
  })
  .openapi('MonitorInstance');

/** Why an instance's variable values are not shown (the UI says it in Latvian or English). */
const VARIABLES_HIDDEN =
  'The values are hidden because process variables hold personal data (birth date, case number, client id and more), which only staff who may open the client file of this case’s department see. The names of the variables are shown.';

export function monitorRoutes(deps: { prisma: PrismaClient; workflow: WorkflowEngine }) {
  const { prisma, workflow } = deps;

  /** The instance's department must be the actor's (national staff: any). */
  const checkScope = async (actor: Actor, key: string, permission: 'monitor:read' | 'monitor:act') => {
    const p = await prisma.processInstance.findUnique({ where: { processInstanceKey: key } });
    if (!p)
      throw new HttpProblem(
        404,
        'Instance not found',
        `There is no process instance ${key}. It may not have reached the monitor yet.`,
      );
    const kase = await prisma.case.findFirst({
      where: { processInstanceKey: p.rootProcessInstanceKey ?? p.processInstanceKey },
      include: { department: true },
    });
    if (actor.department && !inScope(actor, permission, kase?.department.code)) {
      throw new HttpProblem(
        403,
        'Another department’s case',
        kase
          ? `This instance belongs to ${kase.department.name}; you monitor your own department.`
          : 'This instance belongs to no case of your department.',
      );
    }
    return p;
  };
  const audit = (actor: Actor, action: string, entityType: string, entityId: string, details: object, ip: string) =>
    prisma.auditLog.create({ data: { actor: actor.username, action, entityType, entityId, details, ip } });

  return [
    defineRoute({
      method: 'get',
      path: '/api/monitor/instances',
      operationId: 'listInstances',
      tags: ['monitor'],
      access: 'monitor:read',
      summary:
        'Process instances (top level) with filters: process, version, state, department, client, case number, started between, overdue, with incidents',
      query: z.object({
        process: z.string().max(100).optional(),
        version: DbId().optional(),
        state: z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']).optional(),
        department: z.string().max(60).optional(),
        client: z.string().max(100).optional(),
        caseNumber: z.string().max(40).optional(),
        from: CalendarDate().optional(),
        to: CalendarDate().optional(),
        overdue: z.enum(['true', 'false']).optional(),
        incidents: z.enum(['true', 'false']).optional(),
        page: Page(),
        pageSize: PageSize(25),
      }),
      responses: {
        200: {
          description: 'one page',
          schema: z.object({
            items: z.array(InstanceRow),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
      handler: async ({ actor, query }) => {
        if ((query.client || query.caseNumber) && !can(actor, 'clients:read'))
          throw new HttpProblem(
            403,
            'Searching by client needs access to client files',
            'Only staff who may open client files can search instances by client or case number. Filter by process, state, department or dates instead.',
          );
        const r = await listInstances(prisma, actor, {
          ...query,
          overdue: query.overdue === 'true',
          incidents: query.incidents === 'true',
        });
        return { status: 200, body: { ...r, page: query.page, pageSize: query.pageSize } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/monitor/instances/:key',
      operationId: 'getInstance',
      tags: ['monitor'],
      access: 'monitor:read',
      summary:
        'One instance: its diagram (the deployed version), path taken, active elements, incidents, overdue tasks, variables, history, called instances',
      description:
        'Variable values hold personal data: they are returned only to staff who may open the client file of the case’s department (`clients:read` there), and every such view is audited. Others get the variable names, empty `variables` and `variablesHidden` saying why.',
      params: z.object({ key: WorkflowId }),
      responses: {
        200: {
          description: 'the instance',
          schema: z
            .object({
              key: z.string(),
              variables: z.record(z.string(), z.unknown()),
              variableNames: z.array(z.string()),
              variablesHidden: z
                .string()
                .nullable()
                .openapi({ description: 'why the values are hidden; null when they are shown' }),
              personalDataHidden: z.boolean().openapi({
                description:
                  'true when the caller may not see who the case is about: `case` then has caseNumber, clientId and clientName null',
              }),
            })
            .passthrough()
            .openapi('MonitorInstanceDetail'),
        },
        404: { description: 'no such instance', schema: ProblemSchema },
      },
      handler: async ({ actor, params, ctx }) => {
        await checkScope(actor, params.key, 'monitor:read');
        const detail = await engineCall(() => instanceDetail(prisma, workflow, params.key), {
          'not-found': {
            status: 404,
            title: 'Instance not found',
            detail: `The engine no longer has the history of process instance ${params.key} (it may have been removed after its retention period).`,
          },
        });
        if (!detail) throw new HttpProblem(404, 'Instance not found', `There is no process instance ${params.key}.`);
        const variableNames = Object.keys(detail.variables).sort();
        // Variables carry personal data (birth date, case number, client id, register extracts): their values go only
        // to staff who may open the client file of the case's department, and every such view is recorded like one.
        if (!mayReadClientFile(actor, detail.case?.departmentCode)) {
          const kase = detail.case && { ...detail.case, caseNumber: null, clientId: null, clientName: null };
          return {
            status: 200,
            body: {
              ...detail,
              case: kase,
              personalDataHidden: kase !== null,
              variables: {},
              variableNames,
              variablesHidden: VARIABLES_HIDDEN,
            },
          };
        }
        await auditView(prisma, actor, 'process-instance', params.key, ctx.ip, {
          caseId: detail.case?.id ?? null,
          clientId: detail.case?.clientId ?? null,
          variables: variableNames.length,
        });
        return { status: 200, body: { ...detail, personalDataHidden: false, variableNames, variablesHidden: null } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/monitor/processes',
      operationId: 'listProcesses',
      tags: ['monitor'],
      access: 'monitor:read',
      summary: 'Deployed processes with their latest version and how many instances run',
      responses: {
        200: {
          description: 'processes',
          schema: z.object({
            items: z.array(
              z.object({
                process: z.string(),
                latestVersion: z.number().int(),
                active: z.number().int(),
                incidents: z.number().int(),
              }),
            ),
          }),
        },
      },
      handler: async ({ actor }) => {
        const rows = await prisma.$queryRaw<{ process: string; latest: number; active: bigint; incidents: bigint }[]>`
          SELECT r.resource_id AS process, max(r.version) AS latest,
            (SELECT count(*) FROM process_instance p LEFT JOIN "case" c ON c.process_instance_key = p.root_process_instance_key LEFT JOIN department d ON d.id = c.department_id
              WHERE p.bpmn_process_id = r.resource_id AND p.state = 'ACTIVE' AND ${departmentScope(actor)}) AS active,
            (SELECT count(*) FROM incident i JOIN process_instance p ON p.process_instance_key = i.process_instance_key LEFT JOIN "case" c ON c.process_instance_key = p.root_process_instance_key LEFT JOIN department d ON d.id = c.department_id
              WHERE i.bpmn_process_id = r.resource_id AND i.state = 'ACTIVE' AND ${departmentScope(actor)}) AS incidents
          FROM deployed_resource r WHERE r.kind = 'BPMN' GROUP BY r.resource_id ORDER BY r.resource_id`;
        return {
          status: 200,
          body: {
            items: rows.map((r) => ({
              process: r.process,
              latestVersion: r.latest,
              active: Number(r.active),
              incidents: Number(r.incidents),
            })),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/monitor/processes/:process',
      operationId: 'getProcessHeat',
      tags: ['monitor'],
      access: 'monitor:read',
      summary:
        'A process version’s diagram with waiting and overdue counts per element, and KPIs: started/completed per week, lead times, overdue by department',
      params: z.object({ process: z.string().regex(/^[A-Za-z0-9_.-]+$/) }),
      query: z.object({ version: DbId().optional() }),
      responses: {
        200: {
          description: 'heat and KPIs',
          schema: z.object({ process: z.string() }).passthrough().openapi('ProcessHeat'),
        },
        404: { description: 'no such process', schema: ProblemSchema },
      },
      handler: async ({ actor, params, query }) => {
        const heat = await processHeat(prisma, workflow, actor, params.process, query.version);
        if (!heat)
          throw new HttpProblem(
            404,
            'Process not found',
            `There is no deployed process "${params.process}"${query.version ? ` in version ${query.version}` : ''}. GET /api/monitor/processes lists the deployed processes and their versions.`,
          );
        return { status: 200, body: heat };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/monitor/incidents',
      operationId: 'listIncidents',
      tags: ['monitor'],
      access: 'monitor:read',
      summary: 'Incidents, newest first (active by default)',
      query: z.object({
        state: z.enum(['ACTIVE', 'RESOLVED']).default('ACTIVE'),
        process: z.string().max(100).optional(),
        page: Page(),
        pageSize: PageSize(25),
      }),
      responses: {
        200: {
          description: 'one page',
          schema: z.object({
            items: z.array(
              z.object({
                key: z.string(),
                processInstanceKey: z.string(),
                rootKey: z.string().nullable(),
                process: z.string().nullable(),
                elementId: z.string().nullable(),
                errorType: z.string().nullable(),
                errorMessage: z.string(),
                createdAt: z.string(),
                caseNumber: z
                  .string()
                  .nullable()
                  .openapi({ description: 'null also when the caller may not see who the case is about' }),
              }),
            ),
            total: z.number().int(),
          }),
        },
      },
      handler: async ({ actor, query }) => {
        const rows = await prisma.$queryRaw<
          {
            key: string;
            pik: string;
            root: string | null;
            process: string | null;
            element_id: string | null;
            error_type: string | null;
            error_message: string;
            created_at: Date;
            case_number: string | null;
            department_code: string | null;
            total: bigint;
          }[]
        >`
          SELECT i.incident_key AS key, i.process_instance_key AS pik, p.root_process_instance_key AS root, i.bpmn_process_id AS process, i.element_id, i.error_type, i.error_message,
                 i.created_at, c.case_number, d.code AS department_code, count(*) OVER () AS total
          FROM incident i LEFT JOIN process_instance p ON p.process_instance_key = i.process_instance_key
          LEFT JOIN "case" c ON c.process_instance_key = p.root_process_instance_key LEFT JOIN department d ON d.id = c.department_id
          WHERE i.state = ${query.state} AND ${departmentScope(actor)} ${query.process ? Prisma.sql`AND i.bpmn_process_id = ${query.process}` : Prisma.empty}
          ORDER BY i.created_at DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`;
        return {
          status: 200,
          body: {
            total: rows[0] ? Number(rows[0].total) : 0,
            items: rows.map((r) => ({
              key: r.key,
              processInstanceKey: r.pik,
              rootKey: r.root,
              process: r.process,
              elementId: r.element_id,
              errorType: r.error_type,
              errorMessage: r.error_message,
              createdAt: r.created_at.toISOString(),
              caseNumber: mayReadClientFile(actor, r.department_code) ? r.case_number : null,
            })),
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/monitor/incidents/:key/resolve',
      operationId: 'resolveIncident',
      tags: ['monitor'],
      access: 'monitor:act',
      summary: 'Retry: the failed step runs again at once and the incident resolves itself; the reason is recorded',
      description:
        'The engine gives the failed step (an external task or a job) one more try. If it fails again, a new incident is raised. `retries` is still accepted for older clients and has no effect.',
      params: z.object({ key: WorkflowId }),
      body: z.strictObject({
        reason: Reason,
        retries: z
          .number()
          .int()
          .min(1)
          .max(10)
          .optional()
          .openapi({ description: 'ignored (kept for older clients): the step is tried once more' }),
      }),
      responses: {
        204: { description: 'the engine tries again' },
        404: { description: 'no such incident', schema: ProblemSchema },
        409: { description: 'already resolved', schema: ProblemSchema },
        422: { description: 'this incident cannot be retried', schema: ProblemSchema },
      },
      handler: async ({ actor, params, body, ctx }) => {
        const incident = await prisma.incident.findUnique({ where: { incidentKey: params.key } });
        if (!incident) throw new HttpProblem(404, 'Incident not found', `There is no incident ${params.key}.`);
        if (incident.state !== 'ACTIVE')
          throw new HttpProblem(409, 'Already resolved', `Incident ${params.key} is ${incident.state.toLowerCase()}.`);
        await checkScope(actor, incident.processInstanceKey, 'monitor:act');
        const gone = {
          status: 409,
          title: 'Already resolved',
          detail: 'The engine no longer has this incident open. Reload the page.',
        };
        await engineCall(() => workflow.retryIncident(params.key), {
          'not-found': gone,
          gone,
          rejected: {
            status: 422,
            title: 'Cannot be retried',
            detail: `Incident ${params.key} (${incident.errorType ?? 'unknown type'}) is not about a failed step the engine can run again. Open the instance to see what stopped it, and cancel it with a reason if it cannot go on.`,
          },
        });
        await audit(
          actor,
          'incident.resolved',
          'incident',
          params.key,
          { reason: body.reason, processInstanceKey: incident.processInstanceKey, error: incident.errorMessage },
          ctx.ip,
        );
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/monitor/instances/:key/cancel',
      operationId: 'cancelInstance',
      tags: ['monitor'],
      access: 'monitor:act',
      summary: 'Cancel an instance and everything it called; the reason is recorded',
      params: z.object({ key: WorkflowId }),
      body: z.strictObject({ reason: Reason }),
      responses: {
        204: { description: 'cancelled' },
        404: { description: 'no such instance', schema: ProblemSchema },
        409: { description: 'not running', schema: ProblemSchema },
      },
      handler: async ({ actor, params, body, ctx }) => {
        const p = await checkScope(actor, params.key, 'monitor:act');
        if (p.state !== 'ACTIVE')
          throw new HttpProblem(409, 'Not running', `Instance ${params.key} is ${p.state.toLowerCase()}.`);
        const notRunning = {
          status: 409,
          title: 'Not running',
          detail: 'The engine no longer runs this instance. Reload the page.',
        };
        await engineCall(() => workflow.cancelInstance(params.key, body.reason), {
          'not-found': notRunning,
          gone: notRunning,
        });
        await audit(
          actor,
          'process-instance.cancelled',
          'process-instance',
          params.key,
          { reason: body.reason },
          ctx.ip,
        );
        return { status: 204 };
      },
    }),
  ];
}
