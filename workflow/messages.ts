import type { Logger } from 'pino';
import type { Prisma, PrismaClient } from '../prisma/generated/client';
import { WorkflowError, type Variables, type WorkflowEngine } from './port';

/**
 * Messages to a case's process instances (an employer's hours report, a court's conversion decision, an e-service
 * submission), delivered even when they arrive before the instance waits for them. The engine correlates a
 * message only to an instance waiting at that moment and keeps nothing; here every message is stored first
 * (workflow_message) with the sender's id, so a redelivered message is taken once, and one that finds no receiver
 * is tried again until it is taken or its time-to-live runs out.
 *
 * Delivery is at least once: a deliverer claims the row while the engine is asked, so two deliverers do not send the
 * same message together, but a crash between the engine taking it and the row being marked would send it again.
 */
export interface PublishMessage {
  name: string;
  /** The case id: every instance of the case has it as business key. */
  businessKey: string;
  /** The sender's id for this message (e.g. `inbound-17`): the same id is taken once. */
  messageId: string;
  /** How long to keep trying when no instance waits for it yet. */
  ttlMs: number;
  variables?: Variables;
}

export type PublishResult = 'delivered' | 'pending' | 'duplicate';

export async function publishMessage(
  prisma: PrismaClient,
  engine: WorkflowEngine,
  m: PublishMessage,
): Promise<PublishResult> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    INSERT INTO workflow_message (message_id, name, business_key, variables, expires_at)
    VALUES (${m.messageId}, ${m.name}, ${m.businessKey}, ${JSON.stringify(m.variables ?? {})}::jsonb, ${new Date(Date.now() + m.ttlMs)})
    ON CONFLICT (message_id) DO NOTHING
    RETURNING id`;
  if (!rows[0]) return 'duplicate';
  return (await deliver(prisma, engine, rows[0].id)) ? 'delivered' : 'pending';
}

/** How long a deliverer holds a message while it asks the engine (the engine's own calls time out well before). */
const CLAIM_SECONDS = 60;
/** A message nobody took waits 0.5 s, 1 s, 2 s, … up to this before the next try. */
const MAX_BACKOFF_MS = 30_000;
/** Messages a sweep tries at once: each is one engine call; the database connection is not held during it. */
const SWEEP_CONCURRENCY = 4;

const backoffMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.max(0, attempts - 1));

/**
 * Tries one pending message: true when an instance took it. Engine outages leave it pending (the sweep tries
 * again); a refusal that is not "nobody waits" is kept as the last error and retried too, until it expires.
 *
 * The message is claimed first (a short committed update), then the engine is asked, then the outcome is written:
 * no transaction and no pooled connection stays open for the length of an engine call, so deliveries run side by
 * side. A deliverer that dies after claiming leaves the claim to run out; the message is then tried again.
 */
export async function deliver(prisma: PrismaClient, engine: WorkflowEngine, id: number): Promise<boolean> {
  const claimed = await prisma.$queryRaw<
    { name: string; business_key: string; variables: Prisma.JsonValue; expires_at: Date; attempts: number }[]
  >`
    UPDATE workflow_message SET claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
    WHERE id = ${id} AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < now())
    RETURNING name, business_key, variables, expires_at, attempts`;
  const m = claimed[0];
  if (!m) return false;
  if (m.expires_at.getTime() < Date.now()) {
    await prisma.$executeRaw`UPDATE workflow_message SET status = 'EXPIRED', claimed_until = NULL WHERE id = ${id}`;
    return false;
  }
  let correlated = false;
  let error: string | null = null;
  try {
    ({ correlated } = await engine.correlateMessage({
      name: m.name,
      businessKey: m.business_key,
      variables: (m.variables ?? {}) as Variables,
    }));
  } catch (err) {
    error = err instanceof WorkflowError ? `${err.kind}: ${err.detail}` : String(err);
  }
  const next = new Date(Date.now() + backoffMs(m.attempts + 1));
  await prisma.$executeRaw`
    UPDATE workflow_message SET attempts = attempts + 1, last_error = ${error}, claimed_until = NULL,
      status = ${correlated ? 'DELIVERED' : 'PENDING'}, delivered_at = ${correlated ? new Date() : null},
      next_attempt_at = ${next}
    WHERE id = ${id}`;
  return correlated;
}

/**
 * Tries the pending messages that are due again, longest waiting first, every `intervalMs`, a few at a time. Every
 * worker host runs one; the claim in deliver() keeps two from sending the same message. A message that expires is
 * logged for a supervisor.
 */
export class MessageSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly engine: WorkflowEngine,
    private readonly log: Logger,
    private readonly intervalMs = 2_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.sweep()
          .then(
            () => undefined,
            (err: unknown) => this.log.warn({ err }, 'message sweep failed; trying again'),
          )
          .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many were delivered. */
  async sweep(): Promise<number> {
    const expired = await this.prisma.$queryRaw<
      { message_id: string; name: string; business_key: string; last_error: string | null }[]
    >`
      UPDATE workflow_message SET status = 'EXPIRED' WHERE status = 'PENDING' AND expires_at < now()
      RETURNING message_id, name, business_key, last_error`;
    for (const e of expired)
      this.log.error(
        { messageId: e.message_id, name: e.name, caseId: e.business_key, lastError: e.last_error },
        'message expired: no process instance took it',
      );
    const due = await this.prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM workflow_message
      WHERE status = 'PENDING' AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
      ORDER BY next_attempt_at LIMIT 100`;
    let delivered = 0;
    const queue = due.map((d) => d.id);
    const lane = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          if (await deliver(this.prisma, this.engine, id)) delivered++;
        } catch (err) {
          this.log.warn({ err, id }, 'message delivery failed; trying again later');
        }
      }
    };
    await Promise.all(Array.from({ length: SWEEP_CONCURRENCY }, lane));
    return delivered;
  }
}
