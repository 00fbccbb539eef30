import type { Logger } from 'pino';
import type { EAddressClient } from '../../integrations';
import { PermanentIntegrationError } from '../../integrations';
import type { PrismaClient } from '../../prisma/generated/client';

/**
 * Delivers the notifications queued by workers (queue.ts). E_ADDRESS goes through the e-adrese client with the
 * notification's idempotency key (a retry after a lost answer is replayed, not sent twice); PORTAL and IN_APP
 * are records the client's portal and the staff inbox read, so storing them is delivering them; POST is marked
 * for the department's printed mail (SENT with channel POST). A recipient without an active official e-address
 * gets it by post instead, as e-adrese asks. A transient failure (e-adrese down, slow, answering 5xx) is retried
 * with back-off up to RETRY_FOR_MS after the notification was queued; only then, or on a permanent refusal, it
 * ends as FAILED with its reason, visible to the officer (case closure checks for it). `npm run chaos` found
 * that five quick tries turned a short e-adrese outage into cases that could never close. The officer then sends
 * it again (follow-up.ts: a new retry window from `retryFrom`) or records that it reached the recipient otherwise.
 */
export const RETRY_FOR_MS = 24 * 3_600_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export class NotificationDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly attempts = new Map<number, { count: number; nextAt: number }>();

  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      eAddress: EAddressClient;
      log: Logger;
      intervalMs?: number;
      backoffBaseMs?: number;
    },
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.deliverPending()
        .then(() => undefined)
        .catch((err: unknown) => this.deps.log.warn({ err }, 'notification dispatch round failed'))
        .finally(() => {
          this.timer = setTimeout(tick, this.deps.intervalMs ?? 1_000);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: every PENDING notification whose back-off has passed. Returns how many were delivered. */
  async deliverPending(): Promise<number> {
    const pending = await this.deps.prisma.notification.findMany({
      where: { status: 'PENDING' },
      orderBy: { id: 'asc' },
      take: 50,
    });
    let delivered = 0;
    for (const n of pending) {
      const a = this.attempts.get(n.id);
      if (a && a.nextAt > Date.now()) continue;
      try {
        const externalId = n.channel === 'E_ADDRESS' ? await this.sendEAddress(n) : null;
        await this.deps.prisma.notification.update({
          where: { id: n.id },
          data: { status: 'SENT', sentAt: new Date(), externalId },
        });
        this.attempts.delete(n.id);
        delivered++;
      } catch (err) {
        const count = (a?.count ?? 0) + 1;
        if (
          n.channel === 'E_ADDRESS' &&
          err instanceof PermanentIntegrationError &&
          err.code === 'RECIPIENT_NOT_ACTIVE'
        ) {
          // The law's other way: printed mail from the department (the post run prints SENT + POST rows).
          await this.deps.prisma.notification.update({
            where: { id: n.id },
            data: { channel: 'POST', status: 'SENT', sentAt: new Date(), externalId: 'post: no active e-address' },
          });
          this.attempts.delete(n.id);
          delivered++;
          continue;
        }
        const permanent = err instanceof PermanentIntegrationError;
        if (permanent || Date.now() - (n.retryFrom ?? n.createdAt).getTime() >= RETRY_FOR_MS) {
          await this.deps.prisma.notification.update({
            where: { id: n.id },
            data: {
              status: 'FAILED',
              externalId: `error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500),
            },
          });
          this.attempts.delete(n.id);
          this.deps.log.warn({ err, notificationId: n.id }, 'notification failed for good');
        } else {
          this.attempts.set(n.id, {
            count,
            nextAt: Date.now() + Math.min(MAX_BACKOFF_MS, (this.deps.backoffBaseMs ?? 1_000) * 2 ** count),
          });
        }
      }
    }
    return delivered;
  }

  private async sendEAddress(n: {
    id: number;
    recipientType: string;
    recipient: string;
    subject: string;
    body: string;
    idempotencyKey: string;
    resends: number;
  }): Promise<string> {
    const recipient =
      n.recipientType === 'EMPLOYER'
        ? { kind: 'INSTITUTION' as const, registrationNumber: n.recipient }
        : { kind: 'PERSON' as const, personalCode: n.recipient };
    const receipt = await this.deps.eAddress.sendMessage(
      {
        recipient,
        subject: n.subject,
        body: n.body,
        reference: `PLUS-N-${n.id}`,
        senderUnit: 'Valsts probācijas dienests',
      },
      // An officer's resend is a new request (e-adrese replays a refusal for a key it has seen); each round keeps its
      // own key so that the round's retries are still delivered once.
      {
        idempotencyKey: n.resends
          ? `notification:${n.idempotencyKey}`.slice(0, 180) + `:resend-${n.resends}`
          : `notification:${n.idempotencyKey}`.slice(0, 200),
      },
    );
    return receipt.messageId;
  }
}
