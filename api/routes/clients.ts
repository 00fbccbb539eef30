import type { PrismaClient } from '../../prisma/generated/client';
import { HttpProblem, ProblemSchema } from '../problem';
import { defineRoute } from '../route';
import { commaList, z, Page, PageSize, DbId } from '../zod';
import { inScope, type Actor } from '../auth/policy';
import { auditView } from '../auth/scope';
import { clientTimeline, TIMELINE_KINDS } from '../clients/timeline';
import type { TaskNames } from '../inbox/task-names';
import { NOTIFICATION_STATUSES, NotificationView, notificationView } from './notifications';

/**
 * The client file (klienta lieta): personal data, every case with its decisions, register extracts with their
 * source and time, and the timeline of everything that happened. Staff of the client's department, or of a
 * department that has one of the client's cases, may read it; every read is audited as a view of personal data.
 */
const CaseSummary = z.object({
  id: z.number().int(),
  caseNumber: z.string(),
  processKind: z.string(),
  functionSubtype: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  department: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  sentencedHours: z.number().nullable(),
  hoursWorked: z.number(),
  rulings: z.array(
    z.object({
      source: z.string(),
      issuerType: z.string(),
      issuer: z.string(),
      decisionNumber: z.string().nullable(),
      decisionDate: z.string(),
      punishments: z.unknown(),
      offences: z.unknown(),
    }),
  ),
});

const ClientFile = z
  .object({
    id: z.number().int(),
    personalCode: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string(),
    address: z.string().nullable(),
    municipality: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    hasEAddress: z.boolean(),
    skills: z.array(z.string()),
    legalRepresentative: z.unknown().nullable(),
    department: z.string(),
    cases: z.array(CaseSummary),
    registerExtracts: z.array(
      z.object({
        id: z.number().int(),
        caseNumber: z.string(),
        register: z.string(),
        status: z.string(),
        purpose: z.string(),
        retrievedAt: z.string(),
        savedAt: z.string().nullable(),
        savedBy: z.string().nullable(),
        data: z.unknown(),
      }),
    ),
  })
  .openapi('ClientFile');

const TimelinePage = z
  .object({
    items: z.array(
      z.object({
        at: z.string(),
        kind: z.enum(TIMELINE_KINDS),
        caseId: z.number().int(),
        caseNumber: z.string(),
        code: z.string(),
        title: z.string().nullable().openapi({ description: 'for tasks: the task’s name in the diagram' }),
        summary: z.string(),
        ref: z.object({ type: z.enum(['document', 'task']), id: z.string() }).nullable(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('ClientTimeline');

const NotificationPage = z
  .object({
    items: z.array(NotificationView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('ClientNotifications');

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function clientRoutes(prisma: PrismaClient, names: TaskNames) {
  /** The client, if the actor may read their file; 404 / 403 with the reason otherwise. */
  const readable = async (actor: Actor, id: number) => {
    const client = await prisma.client.findUnique({
      where: { id },
      include: { department: true, cases: { include: { department: true }, orderBy: { id: 'desc' } } },
    });
    if (!client) throw new HttpProblem(404, 'Client not found', `There is no client ${id}.`);
    const departments = new Set([client.department.code, ...client.cases.map((c) => c.department.code)]);
    if (![...departments].some((d) => inScope(actor, 'clients:read', d))) {
      throw new HttpProblem(
        403,
        'Another department’s client',
        `This client is in the care of ${client.department.name}; you can open files of your own department’s clients only.`,
      );
    }
    return client;
  };

  return [
    defineRoute({
      method: 'get',
      path: '/api/clients/:id',
      operationId: 'getClientFile',
      summary: 'The client file: personal data, cases with decisions, register extracts',
      tags: ['clients'],
      access: 'clients:read',
      params: z.object({ id: DbId() }),
      responses: {
        200: { description: 'the file', schema: ClientFile },
        404: { description: 'no such client', schema: ProblemSchema },
      },
      handler: async ({ actor, params, ctx }) => {
        const c = await readable(actor, params.id);
        const caseIds = c.cases.map((k) => k.id);
        const [rulings, hours, extracts] = await Promise.all([
          prisma.ruling.findMany({ where: { caseId: { in: caseIds } }, orderBy: { decisionDate: 'desc' } }),
          prisma.hoursEntry.groupBy({ by: ['caseId'], where: { caseId: { in: caseIds } }, _sum: { hours: true } }),
          prisma.registerExtract.findMany({
            where: { caseId: { in: caseIds } },
            orderBy: { retrievedAt: 'desc' },
            take: 100,
            include: { case: { select: { caseNumber: true } } },
          }),
        ]);
        await auditView(prisma, actor, 'client', c.id, ctx.ip);
        return {
          status: 200,
          body: {
            id: c.id,
            personalCode: c.personalCode,
            firstName: c.firstName,
            lastName: c.lastName,
            birthDate: isoDay(c.birthDate),
            address: c.address,
            municipality: c.municipality,
            phone: c.phone,
            email: c.email,
            hasEAddress: c.hasEAddress,
            skills: c.skills,
            legalRepresentative: c.legalRepresentative ?? null,
            department: c.department.name,
            cases: c.cases.map((k) => ({
              id: k.id,
              caseNumber: k.caseNumber,
              processKind: k.processKind,
              functionSubtype: k.functionSubtype,
              status: k.status,
              outcome: k.outcome,
              department: k.department.name,
              openedAt: k.openedAt.toISOString(),
              closedAt: k.closedAt?.toISOString() ?? null,
              sentencedHours: k.sentencedHours,
              hoursWorked: hours.find((h) => h.caseId === k.id)?._sum.hours ?? 0,
              rulings: rulings
                .filter((r) => r.caseId === k.id)
                .map((r) => ({
                  source: r.source,
                  issuerType: r.issuerType,
                  issuer: r.issuer,
                  decisionNumber: r.decisionNumber,
                  decisionDate: isoDay(r.decisionDate),
                  punishments: r.punishments,
                  offences: r.offences,
                })),
            })),
            registerExtracts: extracts.map((x) => ({
              id: x.id,
              caseNumber: x.case.caseNumber,
              register: x.register,
              status: x.status,
              purpose: x.purpose,
              retrievedAt: x.retrievedAt.toISOString(),
              savedAt: x.savedAt?.toISOString() ?? null,
              savedBy: x.savedBy,
              data: x.data,
            })),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/clients/:id/timeline',
      operationId: 'getClientTimeline',
      summary: 'Everything that happened to the client across all cases and processes, newest first',
      tags: ['clients'],
      access: 'clients:read',
      params: z.object({ id: DbId() }),
      query: z.object({
        kind: commaList(TIMELINE_KINDS).optional(),
        page: Page(),
        pageSize: PageSize(50),
      }),
      responses: {
        200: { description: 'one page', schema: TimelinePage },
        404: { description: 'no such client', schema: ProblemSchema },
      },
      handler: async ({ actor, params, query, ctx }) => {
        const c = await readable(actor, params.id);
        const kinds = query.kind?.split(',') as (typeof TIMELINE_KINDS)[number][] | undefined;
        const page = await clientTimeline(
          prisma,
          c.cases.map((k) => k.id),
          { ...(kinds ? { kinds } : {}), page: query.page, pageSize: query.pageSize },
        );
        const nameOf = await names.lookup();
        const items = page.items.map((e) => ({
          ...e,
          title: e.kind === 'TASK' && e.process ? nameOf(e.process, e.code.split(' ')[0] ?? null) : null,
        }));
        await auditView(prisma, actor, 'client-timeline', c.id, ctx.ip);
        return {
          status: 200,
          body: {
            items: items.map(({ process: _p, ...e }) => e),
            total: page.total,
            page: query.page,
            pageSize: query.pageSize,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/clients/:id/notifications',
      operationId: 'getClientNotifications',
      summary: 'Notifications sent (or failing) to the client, their representative and employers, newest first',
      tags: ['clients'],
      access: 'clients:read',
      params: z.object({ id: DbId() }),
      query: z.object({
        status: commaList(NOTIFICATION_STATUSES).optional(),
        page: Page(),
        pageSize: PageSize(50),
      }),
      responses: {
        200: { description: 'one page', schema: NotificationPage },
        404: { description: 'no such client', schema: ProblemSchema },
      },
      handler: async ({ actor, params, query, ctx }) => {
        const c = await readable(actor, params.id);
        const statuses = query.status?.split(',') ?? [...NOTIFICATION_STATUSES];
        const where = { caseId: { in: c.cases.map((k) => k.id) }, status: { in: statuses } };
        const [rows, total] = await Promise.all([
          prisma.notification.findMany({
            where,
            orderBy: { id: 'desc' },
            skip: (query.page - 1) * query.pageSize,
            take: query.pageSize,
          }),
          prisma.notification.count({ where }),
        ]);
        await auditView(prisma, actor, 'client-notifications', c.id, ctx.ip);
        const numberOf = new Map(c.cases.map((k) => [k.id, k.caseNumber]));
        return {
          status: 200,
          body: {
            items: rows.map((n) => notificationView(n, n.caseId ? (numberOf.get(n.caseId) ?? null) : null)),
            total,
            page: query.page,
            pageSize: query.pageSize,
          },
        };
      },
    }),
  ];
}
