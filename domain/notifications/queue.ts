import type { Prisma } from '../../prisma/generated/client';

/**
 * The transactional outbox of notifications. A worker that changes the case and must tell someone writes the
 * notification in the same transaction (`queueNotification`); the notification dispatcher in the worker host
 * delivers PENDING rows (e-adrese, portal, post) and marks them SENT or FAILED. A retried job queues nothing
 * new: the idempotency key is unique, so the first row is returned.
 */
export type RecipientType = 'CLIENT' | 'LEGAL_REPRESENTATIVE' | 'EMPLOYER' | 'STAFF';
export type NotificationChannel = 'E_ADDRESS' | 'PORTAL' | 'POST' | 'IN_APP';

export interface NotificationRequest {
  caseId?: number;
  recipientType: RecipientType;
  /** Personal code, employer registration number, or a username / candidate group for staff. */
  recipient: string;
  notificationType: string;
  channel: NotificationChannel;
  /** Latvian text, as the recipient reads it. */
  subject: string;
  body: string;
  /** Stable across job retries, e.g. `${ctx.idempotencyKey}:client`. */
  idempotencyKey: string;
}

export async function queueNotification(
  tx: Prisma.TransactionClient,
  n: NotificationRequest,
): Promise<{ id: number; created: boolean }> {
  const existing = await tx.notification.findUnique({
    where: { idempotencyKey: n.idempotencyKey },
    select: { id: true },
  });
  if (existing) return { id: existing.id, created: false };
  const row = await tx.notification.create({
    data: { ...n, caseId: n.caseId ?? null, status: 'PENDING' },
    select: { id: true },
  });
  return { id: row.id, created: true };
}
