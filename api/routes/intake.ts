import type { Logger } from 'pino';
import { act } from '../../domain/intake/ingest';
import type { IntakeSystem } from '../../domain/intake/classify';
import { startCaseInstance } from '../../domain/intake/start';
import { publishDecision } from '../../domain/intake/publish';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkflowEngine } from '../../workflow/port';
import { HttpProblem, ProblemSchema } from '../problem';
import { defineRoute } from '../route';
import { CalendarDate, DbId, Page as PageNumber, PageSize, z } from '../zod';

/**
 * The intake log and its quarantine, for supervisors (docs/intake.md): list and read inbound messages, reprocess
 * a quarantined one after its cause was fixed, or dismiss it with a reason. National (intake happens before a
 * department is chosen): supervisors and administrators (`intake:manage`); actions are audited with the user.
 */
const STATUSES = ['ACCEPTED', 'QUARANTINED', 'REPROCESSED', 'DISMISSED'] as const;
const SYSTEMS = ['TIS', 'PROIS', 'IEVP'] as const;

const MessageSummary = z
  .object({
    id: z.number().int(),
    system: z.enum(SYSTEMS),
    messageId: z.string(),
    messageType: z.string(),
    status: z.enum(STATUSES),
    receivedAt: z.string(),
    publishedAt: z.string(),
    issues: z.array(z.string()).openapi({ description: 'why it was quarantined: "CODE path: message" per fault' }),
    duplicateCount: z.number().int(),
    caseId: z.number().int().nullable(),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolutionNote: z.string().nullable(),
  })
  .openapi('InboundMessage');
const MessageDetail = MessageSummary.extend({ payload: z.unknown().openapi({ description: 'the message exactly as the system sent it' }) }).openapi('InboundMessageDetail');
const Page = z.object({ items: z.array(MessageSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi('InboundMessagePage');

type Row = Awaited<ReturnType<PrismaClient['inboundMessage']['findFirstOrThrow']>>;
const summary = (m: Row) => ({
  id: m.id,
  system: m.system as (typeof SYSTEMS)[number],
  messageId: m.messageId,
  messageType: m.messageType,
  status: m.status,
  receivedAt: m.receivedAt.toISOString(),
  publishedAt: m.publishedAt.toISOString(),
  issues: m.issues,
  duplicateCount: m.duplicateCount,
  caseId: m.caseId,
  resolvedBy: m.resolvedBy,
  resolvedAt: m.resolvedAt?.toISOString() ?? null,
  resolutionNote: m.resolutionNote,
});

const IdParams = z.object({ id: DbId('PLUS id of the inbound message') });

export function intakeRoutes(deps: { prisma: PrismaClient; workflow: WorkflowEngine; logger: Logger }) {
  const { prisma } = deps;
  const find = async (id: number) => {
    const m = await prisma.inboundMessage.findUnique({ where: { id } });
    if (!m) throw new HttpProblem(404, 'Message not found', `There is no inbound message ${id}. Check the id in the intake list.`);
    return m;
  };
  const mustBeQuarantined = (m: Row) => {
    if (m.status !== 'QUARANTINED') throw new HttpProblem(409, 'Not in quarantine', `Message ${m.id} is ${m.status}; only quarantined messages can be reprocessed or dismissed.`);
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/intake/messages',
      operationId: 'listInboundMessages',
      access: 'intake:manage',
      summary: 'Inbound messages from TIS, ProIS and IeVP IS, newest first (the quarantine: status=QUARANTINED)',
      tags: ['intake'],
      query: z.object({
        status: z.enum(STATUSES).optional(),
        system: z.enum(SYSTEMS).optional(),
        messageType: z.string().max(100).optional(),
        from: CalendarDate().optional().openapi({ description: 'received on or after this date' }),
        to: CalendarDate().optional().openapi({ description: 'received on or before this date' }),
        page: PageNumber(),
        pageSize: PageSize(50),
      }),
      responses: { 200: { description: 'one page', schema: Page }, 400: { description: 'bad filter', schema: ProblemSchema } },
      handler: async ({ query }) => {
        const where = {
          ...(query.status ? { status: query.status } : {}),
          ...(query.system ? { system: query.system } : {}),
          ...(query.messageType ? { messageType: query.messageType } : {}),
          ...(query.from || query.to
            ? { receivedAt: { ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}), ...(query.to ? { lt: new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) } : {}) } }
            : {}),
        };
        const [items, total] = await Promise.all([
          prisma.inboundMessage.findMany({ where, orderBy: { id: 'desc' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
          prisma.inboundMessage.count({ where }),
        ]);
        return { status: 200, body: { items: items.map(summary), total, page: query.page, pageSize: query.pageSize } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/intake/messages/:id',
      operationId: 'getInboundMessage',
      access: 'intake:manage',
      summary: 'One inbound message with its payload and the reasons it was quarantined',
      tags: ['intake'],
      params: IdParams,
      responses: { 200: { description: 'the message', schema: MessageDetail }, 404: { description: 'no such message', schema: ProblemSchema } },
      handler: async ({ params }) => {
        const m = await find(params.id);
        return { status: 200, body: { ...summary(m), payload: m.payload } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/intake/messages/:id/reprocess',
      operationId: 'reprocessInboundMessage',
      access: 'intake:manage',
      summary: 'Validate a quarantined message again, after its cause was fixed, and act on it',
      description: 'Opens the case and starts its process, or passes a court decision to its case. When the message still cannot be accepted, it stays in quarantine and the answer (422) lists the reasons.',
      tags: ['intake'],
      params: IdParams,
      responses: {
        200: { description: 'accepted now', schema: MessageSummary },
        404: { description: 'no such message', schema: ProblemSchema },
        409: { description: 'the message is not in quarantine', schema: ProblemSchema },
        422: { description: 'still not acceptable; the reasons are listed', schema: ProblemSchema },
      },
      handler: async ({ params, log, actor: { username: actor } }) => {
        const m = await find(params.id);
        mustBeQuarantined(m);
        const outcome = await prisma.$transaction((tx) => act(tx, m.id, m.system as IntakeSystem, m.payload));
        if (outcome.kind === 'QUARANTINED') {
          throw new HttpProblem(422, 'Still not acceptable', `Message ${m.id} still cannot be accepted: ${outcome.reasons.join('; ')}. Fix the cause (or dismiss the message with a reason).`);
        }
        if (outcome.kind === 'CASE_OPENED') await startCaseInstance(prisma, deps.workflow, outcome.caseId, log, { justOpened: true }).catch((err: unknown) => log.warn({ err }, 'reprocess: process start deferred to the intake sweep'));
        if (outcome.kind === 'CONVERSION_DECISION') await publishDecision(prisma, deps.workflow, outcome);
        const updated = await prisma.inboundMessage.update({ where: { id: m.id }, data: { status: 'REPROCESSED', resolvedBy: actor, resolvedAt: new Date() } });
        await prisma.auditLog.create({ data: { actor, action: 'intake.reprocessed', entityType: 'inbound-message', entityId: String(m.id), details: { outcome: outcome.kind } } });
        return { status: 200, body: summary(updated) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/intake/messages/:id/dismiss',
      operationId: 'dismissInboundMessage',
      access: 'intake:manage',
      summary: 'Close a quarantined message that needs no action, with the reason',
      tags: ['intake'],
      params: IdParams,
      body: z.strictObject({ reason: z.string().trim().min(10, 'say in at least 10 characters why no action is needed').max(2000) }),
      responses: {
        200: { description: 'dismissed', schema: MessageSummary },
        404: { description: 'no such message', schema: ProblemSchema },
        409: { description: 'the message is not in quarantine', schema: ProblemSchema },
      },
      handler: async ({ params, body, actor: { username: actor } }) => {
        const m = await find(params.id);
        mustBeQuarantined(m);
        const updated = await prisma.inboundMessage.update({ where: { id: m.id }, data: { status: 'DISMISSED', resolvedBy: actor, resolvedAt: new Date(), resolutionNote: body.reason } });
        await prisma.auditLog.create({ data: { actor, action: 'intake.dismissed', entityType: 'inbound-message', entityId: String(m.id), details: { reason: body.reason } } });
        return { status: 200, body: summary(updated) };
      },
    }),
  ];
}
