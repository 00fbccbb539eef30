import type { Prisma, PrismaClient } from '../../prisma/generated/client';

/**
 * What an officer does with a notification the dispatcher gave up on (FAILED: a permanent refusal, or a day of
 * failures). A FAILED notification blocks closing its case (workers/shared/close-case.ts), so the officer either
 * sends it again, once the cause is mended (e.g. the recipient's e-address activated), or records that it reached
 * the recipient another way (a letter, handed over at the department). Both act only on a FAILED row, in one
 * statement, so two officers (or an officer and the dispatcher) cannot both act on it; both are audited.
 */
export const OTHER_CHANNELS = ['POST', 'IN_PERSON'] as const;
export type OtherChannel = (typeof OTHER_CHANNELS)[number];

export class NotFailedError extends Error {
  constructor(readonly current: string | null) {
    super(current ? `the notification is ${current}, not FAILED` : 'no such notification');
  }
}

/** The failure reason the dispatcher stored, if any. */
export function failureReason(n: { status: string; externalId: string | null }): string | null {
  return n.status === 'FAILED' && n.externalId?.startsWith('error: ') ? n.externalId.slice('error: '.length) : null;
}

/** Who acts, for the row and the audit log. */
export interface Officer {
  username: string;
  ip?: string;
}

async function transition(
  prisma: PrismaClient,
  id: number,
  by: Officer,
  action: string,
  data: Prisma.NotificationUpdateManyMutationInput,
  details: (previous: { externalId: string | null; channel: string }) => object,
) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.notification.findUnique({
      where: { id },
      select: { status: true, externalId: true, channel: true },
    });
    const { count } = await tx.notification.updateMany({
      where: { id, status: 'FAILED' },
      data: { ...data, handledBy: by.username },
    });
    if (!count) throw new NotFailedError(before?.status ?? null);
    await tx.auditLog.create({
      data: {
        actor: by.username,
        action,
        entityType: 'notification',
        entityId: String(id),
        details: details(before!),
        ip: by.ip ?? null,
      },
    });
    return tx.notification.findUniqueOrThrow({ where: { id } });
  });
}

/** Back to PENDING with a fresh retry window; the dispatcher sends it with this round's idempotency key. */
export function sendAgain(prisma: PrismaClient, id: number, by: Officer) {
  return transition(
    prisma,
    id,
    by,
    'notification.resent',
    { status: 'PENDING', retryFrom: new Date(), resends: { increment: 1 } },
    (p) => ({
      previousError: p.externalId,
    }),
  );
}

/** SENT through `channel`, with the officer's note on how and when it was delivered. */
export function recordDeliveredOtherwise(
  prisma: PrismaClient,
  id: number,
  by: Officer,
  how: { channel: OtherChannel; note: string },
) {
  return transition(
    prisma,
    id,
    by,
    'notification.delivered-otherwise',
    { status: 'SENT', channel: how.channel, sentAt: new Date(), deliveryNote: how.note },
    (p) => ({
      previousError: p.externalId,
      previousChannel: p.channel,
      channel: how.channel,
      note: how.note,
    }),
  );
}
