import type { Notification, PrismaClient } from '../../prisma/generated/client';
import {
  failureReason,
  NotFailedError,
  OTHER_CHANNELS,
  recordDeliveredOtherwise,
  sendAgain,
} from '../../domain/notifications/follow-up';
import { HttpProblem, ProblemSchema } from '../problem';
import { defineRoute } from '../route';
import { z, DbId } from '../zod';
import { inScope, type Actor } from '../auth/policy';

/**
 * Notifications to clients, representatives and employers as the client file shows them, and the officer's two
 * ways out of a FAILED one (domain/notifications/follow-up.ts): send it again, or record that it was delivered
 * another way. Acting needs `tasks:work` in the case's department.
 */
export const NOTIFICATION_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;

export const NotificationView = z
  .object({
    id: z.number().int(),
    caseId: z.number().int().nullable(),
    caseNumber: z.string().nullable(),
    recipientType: z.string(),
    recipient: z.string(),
    notificationType: z.string(),
    channel: z.string(),
    subject: z.string(),
    status: z.enum(NOTIFICATION_STATUSES),
    reason: z.string().nullable().openapi({ description: 'why the dispatcher gave up (FAILED only)' }),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    resends: z.number().int(),
    deliveryNote: z.string().nullable(),
    handledBy: z.string().nullable(),
  })
  .openapi('Notification');

export function notificationView(n: Notification, caseNumber: string | null): z.input<typeof NotificationView> {
  return {
    id: n.id,
    caseId: n.caseId,
    caseNumber,
    recipientType: n.recipientType,
    recipient: n.recipient,
    notificationType: n.notificationType,
    channel: n.channel,
    subject: n.subject,
    status: n.status as (typeof NOTIFICATION_STATUSES)[number],
    reason: failureReason(n),
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    resends: n.resends,
    deliveryNote: n.deliveryNote,
    handledBy: n.handledBy,
  };
}

const DeliveredOtherwiseBody = z
  .object({
    channel: z
      .enum(OTHER_CHANNELS)
      .openapi({ description: 'POST: a letter sent by the department; IN_PERSON: handed over at the department' }),
    note: z.string().trim().min(5, 'must say how and when it was delivered, in at least 5 characters').max(1000),
  })
  .openapi('DeliveredOtherwise');

export function notificationRoutes(prisma: PrismaClient) {
  /** The notification, if its case is in the actor's department; 404 / 403 with the reason otherwise. */
  const actionable = async (actor: Actor, id: number) => {
    const n = await prisma.notification.findUnique({
      where: { id },
      include: { case: { include: { department: true } } },
    });
    if (!n) throw new HttpProblem(404, 'Notification not found', `There is no notification ${id}.`);
    if (!n.case || !inScope(actor, 'tasks:work', n.case.department.code)) {
      throw new HttpProblem(
        403,
        'Not your department’s notification',
        n.case
          ? `This notification belongs to a case of ${n.case.department.name}; officers of that department handle it.`
          : 'This notification belongs to no case; it is not handled here.',
      );
    }
    return n;
  };
  const refuse = (err: unknown): never => {
    if (err instanceof NotFailedError) {
      throw new HttpProblem(
        409,
        'Not a failed notification',
        err.current === 'SENT'
          ? 'This notification has been delivered meanwhile; nothing is left to do.'
          : 'This notification is being delivered already; wait for the result before acting on it.',
      );
    }
    throw err;
  };
  const params = z.object({ id: DbId() });

  return [
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/resend',
      operationId: 'resendNotification',
      summary: 'Send a failed notification again, with a new day of retries',
      description:
        'Use it once the cause is mended (e.g. the recipient’s e-address is active again). Only a FAILED notification can be sent again.',
      tags: ['notifications'],
      access: 'tasks:work',
      params,
      responses: {
        200: { description: 'queued again (PENDING)', schema: NotificationView },
        404: { description: 'no such notification', schema: ProblemSchema },
        409: { description: 'not FAILED', schema: ProblemSchema },
      },
      handler: async ({ actor, params: p, ctx }) => {
        const n = await actionable(actor, p.id);
        const after = await sendAgain(prisma, n.id, { username: actor.username, ip: ctx.ip }).catch(refuse);
        return { status: 200, body: notificationView(after, n.case?.caseNumber ?? null) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/delivered-otherwise',
      operationId: 'recordNotificationDeliveredOtherwise',
      summary: 'Record that a failed notification reached the recipient another way',
      tags: ['notifications'],
      access: 'tasks:work',
      params,
      body: DeliveredOtherwiseBody,
      responses: {
        200: { description: 'recorded as SENT', schema: NotificationView },
        404: { description: 'no such notification', schema: ProblemSchema },
        409: { description: 'not FAILED', schema: ProblemSchema },
      },
      handler: async ({ actor, params: p, body, ctx }) => {
        const n = await actionable(actor, p.id);
        const after = await recordDeliveredOtherwise(
          prisma,
          n.id,
          { username: actor.username, ip: ctx.ip },
          body,
        ).catch(refuse);
        return { status: 200, body: notificationView(after, n.case?.caseNumber ?? null) };
      },
    }),
  ];
}
