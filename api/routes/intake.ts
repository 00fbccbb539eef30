import type { Logger } from 'pino';
import { act } from '../../domain/intake/ingest';
import type { IntakeSystem } from '../../domain/intake/classify';
import { startCaseInstance } from '../../domain/intake/start';
import { publishDecision } from '../../domain/intake/publish';
import type { Prisma, PrismaClient } from '../../prisma/generated/client';
import { correctMessage, FieldError, listVersions } from '../../domain/intake/versions';
import type { WorkflowEngine } from '../../workflow/port';
import { HttpProblem, ProblemSchema } from '../problem';
import { defineRoute } from '../route';
import { CalendarDate, DbId, Page as PageNumber, PageSize, z } from '../zod';

/**
 * The intake log and its quarantine, for supervisors (docs/intake.md): list and read inbound messages and their
 * versions, correct a quarantined one's fields, reprocess it after its cause was fixed, or dismiss it with a reason. National (intake happens before a
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
    duplicateCount: z
      .number()
      .int()
      .openapi({ description: 'deliveries of the same messageId with the same content, ignored' }),
    version: z.number().int().openapi({
      description: 'which version `payload` is: 1 as first received, +1 per resend with other content or correction',
    }),
    caseId: z.number().int().nullable(),
    caseLink: z.enum(['OPENED', 'SAME_RULING', 'DECISION']).nullable().openapi({
      description:
        'OPENED the case; SAME_RULING: the ruling came before under another messageId, linked to that case; DECISION: passed to the case',
    }),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolutionNote: z.string().nullable(),
  })
  .openapi('InboundMessage');
const MessageDetail = MessageSummary.extend({
  payload: z.unknown().openapi({ description: 'the message exactly as the system sent it' }),
}).openapi('InboundMessageDetail');
const Page = z
  .object({
    items: z.array(MessageSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('InboundMessagePage');

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
  version: m.version,
  caseId: m.caseId,
  caseLink: m.caseLink as 'OPENED' | 'SAME_RULING' | 'DECISION' | null,
  resolvedBy: m.resolvedBy,
  resolvedAt: m.resolvedAt?.toISOString() ?? null,
  resolutionNote: m.resolutionNote,
});

const Change = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() }).openapi('InboundMessageChange');
const Version = z
  .object({
    version: z.number().int(),
    origin: z.enum(['RECEIVED', 'CORRECTED']),
    createdBy: z.string(),
    createdAt: z.string(),
    note: z.string().nullable(),
    payload: z.unknown(),
    changes: z.array(Change).openapi({ description: 'what differs from the version before' }),
  })
  .openapi('InboundMessageVersion');
const Correction = z.strictObject({
  fields: z
    .array(
      z.strictObject({
        path: z.string().trim().min(1).max(200).openapi({ example: 'person.personalCode' }),
        value: z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]),
      }),
    )
    .min(1, 'name at least one field to correct')
    .max(50),
  note: z
    .string()
    .trim()
    .min(10, 'say in at least 10 characters why and on what source the fields are corrected')
    .max(2000),
});

const IdParams = z.object({ id: DbId('PLUS id of the inbound message') });

export function intakeRoutes(deps: { prisma: PrismaClient; workflow: WorkflowEngine; logger: Logger }) {
  const { prisma } = deps;
  const find = async (id: number) => {
    const m = await prisma.inboundMessage.findUnique({ where: { id } });
    if (!m)
      throw new HttpProblem(
        404,
        'Message not found',
        `There is no inbound message ${id}. Check the id in the intake list.`,
      );
    return m;
  };
  const mustBeQuarantined = (m: Row) => {
    if (m.status !== 'QUARANTINED')
      throw new HttpProblem(
        409,
        'Not in quarantine',
        `Message ${m.id} is ${m.status}; only quarantined messages can be reprocessed, corrected or dismissed.`,
      );
  };
  /**
   * The message, locked until the transaction ends, and still quarantined: of two supervisors acting at the same
   * moment (or a supervisor and intake receiving a new version), the second waits and then gets 409.
   */
  const lockQuarantined = async (tx: Prisma.TransactionClient, id: number) => {
    const [row] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM inbound_message WHERE id = ${id} FOR UPDATE`;
    if (!row)
      throw new HttpProblem(
        404,
        'Message not found',
        `There is no inbound message ${id}. Check the id in the intake list.`,
      );
    const m = await tx.inboundMessage.findUniqueOrThrow({ where: { id } });
    mustBeQuarantined(m);
    return m;
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
      responses: {
        200: { description: 'one page', schema: Page },
        400: { description: 'bad filter', schema: ProblemSchema },
      },
      handler: async ({ query }) => {
        const where = {
          ...(query.status ? { status: query.status } : {}),
          ...(query.system ? { system: query.system } : {}),
          ...(query.messageType ? { messageType: query.messageType } : {}),
          ...(query.from || query.to
            ? {
                receivedAt: {
                  ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
                  ...(query.to ? { lt: new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) } : {}),
                },
              }
            : {}),
        };
        const [items, total] = await Promise.all([
          prisma.inboundMessage.findMany({
            where,
            orderBy: { id: 'desc' },
            skip: (query.page - 1) * query.pageSize,
            take: query.pageSize,
          }),
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
      responses: {
        200: { description: 'the message', schema: MessageDetail },
        404: { description: 'no such message', schema: ProblemSchema },
      },
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
      description:
        'Opens the case and starts its process, or passes a court decision to its case. When the message still cannot be accepted, it stays in quarantine and the answer (422) lists the reasons.',
      tags: ['intake'],
      params: IdParams,
      responses: {
        200: { description: 'accepted now', schema: MessageSummary },
        404: { description: 'no such message', schema: ProblemSchema },
        409: { description: 'the message is not in quarantine', schema: ProblemSchema },
        422: { description: 'still not acceptable; the reasons are listed', schema: ProblemSchema },
      },
      handler: async ({ params, log, ctx: { ip }, actor: { username: actor } }) => {
        // Check, act, mark and audit in one transaction on the locked row: a second reprocess waits, then gets 409.
        const done = await prisma.$transaction(
          async (tx) => {
            const m = await lockQuarantined(tx, params.id);
            const outcome = await act(tx, m.id, m.system as IntakeSystem, m.payload);
            if (outcome.kind === 'QUARANTINED') return { m, outcome, updated: null };
            const updated = await tx.inboundMessage.update({
              where: { id: m.id },
              data: { status: 'REPROCESSED', resolvedBy: actor, resolvedAt: new Date() },
            });
            await tx.auditLog.create({
              data: {
                actor,
                action: 'intake.reprocessed',
                entityType: 'inbound-message',
                entityId: String(m.id),
                details: { outcome: outcome.kind, version: m.version },
                ip,
              },
            });
            return { m, outcome, updated };
          },
          { timeout: 30_000 },
        );
        const { m, outcome, updated } = done;
        if (outcome.kind === 'QUARANTINED' || !updated) {
          throw new HttpProblem(
            422,
            'Still not acceptable',
            `Message ${m.id} still cannot be accepted: ${outcome.kind === 'QUARANTINED' ? outcome.reasons.join('; ') : ''}. Correct the fields it names (or dismiss the message with a reason).`,
          );
        }
        if (outcome.kind === 'CASE_OPENED')
          await startCaseInstance(prisma, deps.workflow, outcome.caseId, log, { justOpened: true }).catch(
            (err: unknown) => log.warn({ err }, 'reprocess: process start deferred to the intake sweep'),
          );
        if (outcome.kind === 'CONVERSION_DECISION') await publishDecision(prisma, deps.workflow, outcome);
        return { status: 200, body: summary(updated) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/intake/messages/:id/versions',
      operationId: 'listInboundMessageVersions',
      access: 'intake:manage',
      summary:
        'Every version of a message (as received, resent with other content, corrected), oldest first, with what changed',
      tags: ['intake'],
      params: IdParams,
      responses: {
        200: { description: 'the versions', schema: z.object({ items: z.array(Version) }) },
        404: { description: 'no such message', schema: ProblemSchema },
      },
      handler: async ({ params }) => {
        const m = await find(params.id);
        return { status: 200, body: { items: await listVersions(prisma, m) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/intake/messages/:id/corrections',
      operationId: 'correctInboundMessage',
      access: 'intake:manage',
      summary: 'Correct fields of a quarantined message (a new version; the original is kept and every change audited)',
      description:
        'The message stays in quarantine with the reasons its corrected content would still be refused for; reprocess it to act on it.',
      tags: ['intake'],
      params: IdParams,
      body: Correction,
      responses: {
        200: { description: 'corrected: the message with its new version', schema: MessageDetail },
        404: { description: 'no such message', schema: ProblemSchema },
        409: { description: 'the message is not in quarantine', schema: ProblemSchema },
        422: { description: 'a field cannot be set', schema: ProblemSchema },
      },
      handler: async ({ params, body, ctx: { ip }, actor: { username: actor } }) => {
        const updated = await prisma.$transaction(async (tx) => {
          const m = await lockQuarantined(tx, params.id);
          try {
            await correctMessage(tx, m, body.fields, { actor, note: body.note, ...(ip ? { ip } : {}) });
          } catch (err) {
            if (err instanceof FieldError)
              throw new HttpProblem(
                422,
                'Field cannot be corrected',
                `${err.message}. Correct a field the message has, one value at a time.`,
              );
            throw err;
          }
          return tx.inboundMessage.findUniqueOrThrow({ where: { id: m.id } });
        });
        return { status: 200, body: { ...summary(updated), payload: updated.payload } };
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
      body: z.strictObject({
        reason: z.string().trim().min(10, 'say in at least 10 characters why no action is needed').max(2000),
      }),
      responses: {
        200: { description: 'dismissed', schema: MessageSummary },
        404: { description: 'no such message', schema: ProblemSchema },
        409: { description: 'the message is not in quarantine', schema: ProblemSchema },
      },
      handler: async ({ params, body, ctx: { ip }, actor: { username: actor } }) => {
        const updated = await prisma.$transaction(async (tx) => {
          const m = await lockQuarantined(tx, params.id);
          const u = await tx.inboundMessage.update({
            where: { id: m.id },
            data: { status: 'DISMISSED', resolvedBy: actor, resolvedAt: new Date(), resolutionNote: body.reason },
          });
          await tx.auditLog.create({
            data: {
              actor,
              action: 'intake.dismissed',
              entityType: 'inbound-message',
              entityId: String(m.id),
              details: { reason: body.reason, version: m.version },
              ip,
            },
          });
          return u;
        });
        return { status: 200, body: summary(updated) };
      },
    }),
  ];
}
