import type { Logger } from 'pino';
import { act, ingest, type Envelope, type IngestOutcome } from '../../domain/intake/ingest';
import type { IntakeSystem } from '../../domain/intake/classify';
import { pendingCases, startCaseInstance } from '../../domain/intake/start';
import type { InboundItem } from '../../integrations';
import { publishDecision } from '../../domain/intake/publish';
import type { WorkflowEngine } from '../../workflow/port';
import type { PrismaClient } from '../../prisma/generated/client';
import type { AdvisoryLeader } from '../../platform/db/advisory-leader';

/**
 * Intake (docs/intake.md): polls the outboxes of TIS, ProIS and IeVP IS, each message in one transaction with
 * the cursor, then starts the case's process instance or passes a court's decision to the running case. A
 * system that does not answer is retried with back-off; the host never stops because of one.
 */
export interface OutboxSource {
  poll(
    after: number,
    opts?: { limit?: number },
  ): Promise<{ items: InboundItem<unknown>[]; nextCursor: number; hasMore: boolean }>;
}

export interface IntakeDeps {
  prisma: PrismaClient;
  engine: WorkflowEngine;
  sources: Record<IntakeSystem, OutboxSource>;
  log: Logger;
  intervalMs: number;
  /**
   * With several worker hosts, only the one holding this runs intake (platform/db/advisory-leader.ts): two would read
   * the same outboxes and, worse, each sweep could start a case the other is still starting. Absent: always runs.
   */
  leader?: Pick<AdvisoryLeader, 'tryAcquire' | 'held'>;
}

/** Advisory lock id of intake's leader. */
export const INTAKE_LOCK_ID = 4_711_002;

/** Process instance starts in flight at once (engine calls), so intake does not wait for each. */
const MAX_STARTING = 8;

export class IntakePoller {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;
  private readonly backoff = new Map<IntakeSystem, { failures: number; until: number }>();
  /** Process starts under way, and their cases (the sweep leaves those alone: it would start them twice). */
  private readonly starting = new Set<Promise<void>>();
  private readonly startingCases = new Set<number>();

  constructor(private readonly deps: IntakeDeps) {}

  start(): void {
    const tick = () => {
      this.round = this.pollAll().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.deps.intervalMs);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    await Promise.allSettled([...this.starting]);
  }

  /** Whether this host runs intake now (false: another worker host does; this one stands by). */
  health(): { leader: boolean } {
    return { leader: this.deps.leader?.held ?? true };
  }

  /** One round over every system, then the pending-start sweep; nothing while another host leads. */
  async pollAll(): Promise<void> {
    if (this.deps.leader) {
      const leading = await this.deps.leader.tryAcquire().catch((err: unknown) => {
        this.deps.log.warn({ err }, 'intake: cannot reach PostgreSQL to take the intake lock; trying again');
        return false;
      });
      if (!leading) return;
    }
    for (const system of Object.keys(this.deps.sources) as IntakeSystem[]) {
      const b = this.backoff.get(system);
      if (b && b.until > Date.now()) continue;
      try {
        await this.drain(system);
        this.backoff.delete(system);
      } catch (err) {
        const failures = (b?.failures ?? 0) + 1;
        this.backoff.set(system, { failures, until: Date.now() + Math.min(60_000, 1_000 * 2 ** failures) });
        this.deps.log.warn({ err, system, failures }, 'intake: outbox poll failed; backing off');
      }
    }
    try {
      for (const caseId of await pendingCases(this.deps.prisma, 5_000)) {
        if (!this.startingCases.has(caseId))
          await startCaseInstance(this.deps.prisma, this.deps.engine, caseId, this.deps.log);
      }
    } catch (err) {
      this.deps.log.warn({ err }, 'intake: starting pending cases failed; retrying next round');
    }
    await this.passOnHeldDecisions().catch((err: unknown) =>
      this.deps.log.warn({ err }, 'intake: decisions held back could not be read'),
    );
  }

  /**
   * A court decision that could not be passed to its case because the engine was away is kept in quarantine
   * (ENGINE_UNAVAILABLE) and, once the engine answers, passed on here without waiting for a supervisor.
   * npm run chaos found a converted case waiting for ever after an engine restart.
   */
  private async passOnHeldDecisions(): Promise<void> {
    // Chosen in SQL by their reason: decisions quarantined for other reasons (waiting for a supervisor, maybe for
    // long) must not fill the page and keep the held ones from ever being looked at.
    const held = await this.deps.prisma.$queryRaw<{ id: number; system: string; payload: unknown }[]>`
      SELECT id, system, payload FROM inbound_message
      WHERE status = 'QUARANTINED' AND message_type = 'CONVERSION_DECISION' AND issues[1] LIKE 'ENGINE_UNAVAILABLE%'
      ORDER BY id LIMIT 20`;
    for (const m of held) {
      // One transaction: if the engine is still away, the message stays held as it was.
      await this.deps.prisma
        .$transaction(async (tx) => {
          // Locked and still held: a supervisor reprocessing it at the same moment wins or waits (one audit, one publish).
          const [still] = await tx.$queryRaw<
            { payload: unknown }[]
          >`SELECT payload FROM inbound_message WHERE id = ${m.id} AND status = 'QUARANTINED' FOR UPDATE SKIP LOCKED`;
          if (!still) return;
          const outcome = await act(tx, m.id, m.system as IntakeSystem, still.payload);
          if (outcome.kind !== 'CONVERSION_DECISION') {
            // act() has quarantined it with today's reason (e.g. the ruling is gone): a supervisor's now, not ours.
            this.deps.log.warn(
              { inboundId: m.id, outcome: outcome.kind },
              'intake: a held court decision cannot be passed on; left for a supervisor',
            );
            return;
          }
          await publishDecision(this.deps.prisma, this.deps.engine, outcome);
          await tx.inboundMessage.update({
            where: { id: m.id },
            data: {
              status: 'REPROCESSED',
              resolvedBy: 'system:intake',
              resolvedAt: new Date(),
              resolutionNote: 'passed on once the engine answered again',
            },
          });
          this.deps.log.info(
            { caseId: outcome.caseId, inboundId: m.id },
            'intake: held court decision passed to the case',
          );
        })
        // One that fails does not hold up the others; it is tried again next round.
        .catch((err: unknown) =>
          this.deps.log.warn({ err, inboundId: m.id }, 'intake: a held court decision could not be passed on yet'),
        );
    }
  }

  /** Reads and processes pages until the outbox has nothing new. Returns the number of messages handled. */
  async drain(system: IntakeSystem): Promise<number> {
    let handled = 0;
    for (;;) {
      const row = await this.deps.prisma.intakeCursor.findUnique({ where: { system } });
      const page = await this.deps.sources[system].poll(row?.cursor ?? 0, { limit: 50 });
      for (const item of page.items) {
        const env: Envelope = {
          cursor: item.cursor,
          messageId: item.messageId,
          messageType: item.messageType,
          publishedAt: item.publishedAt,
          payload: item.ok ? item.message : item.raw,
        };
        // The raw payload is what the system sent; validation happens in ingest() against the same contract.
        const outcome = await this.deps.prisma.$transaction(async (tx) => {
          const o = await ingest(tx, system, item.ok ? { ...env, payload: item.message } : env);
          await tx.intakeCursor.upsert({
            where: { system },
            update: { cursor: item.cursor },
            create: { system, cursor: item.cursor },
          });
          return o;
        });
        await this.afterCommit(system, outcome);
        handled++;
      }
      if (page.items.length === 0 && page.nextCursor > (row?.cursor ?? 0)) {
        await this.deps.prisma.intakeCursor.upsert({
          where: { system },
          update: { cursor: page.nextCursor },
          create: { system, cursor: page.nextCursor },
        });
      }
      if (!page.hasMore) return handled;
    }
  }

  private async afterCommit(system: IntakeSystem, o: IngestOutcome): Promise<void> {
    const log = this.deps.log.child({ system, inboundId: o.inboundId });
    switch (o.kind) {
      case 'DUPLICATE':
        log.info('intake: duplicate delivery ignored');
        return;
      case 'QUARANTINED':
        log.warn({ reasons: o.reasons }, 'intake: message quarantined');
        return;
      case 'NEW_VERSION':
        log.warn(
          { version: o.version, reasons: o.reasons },
          'intake: message sent again with other content; kept as a new version for a supervisor',
        );
        return;
      case 'KNOWN_DECISION':
        log.info({ caseId: o.caseId }, 'intake: decision already known under another message id');
        return;
      case 'CASE_OPENED': {
        // The case is committed; its process starts beside the next messages (up to MAX_STARTING at once)
        // instead of holding the outbox until the engine answered. npm run bench -- year found decisions
        // waiting ~40 s in the outbox behind one start after another. A start that fails is the sweep's.
        while (this.starting.size >= MAX_STARTING) await Promise.race(this.starting);
        const start: Promise<void> = startCaseInstance(this.deps.prisma, this.deps.engine, o.caseId, log, {
          justOpened: true,
        })
          .then(
            () => undefined,
            (err: unknown) =>
              log.warn({ err, caseId: o.caseId }, 'intake: could not start the process now; the sweep retries'),
          )
          .finally(() => {
            this.starting.delete(start);
            this.startingCases.delete(o.caseId);
          });
        this.starting.add(start);
        this.startingCases.add(o.caseId);
        return;
      }
      case 'CONVERSION_DECISION':
        try {
          await publishDecision(this.deps.prisma, this.deps.engine, o);
          log.info({ caseId: o.caseId }, 'intake: court decision passed to the case');
        } catch (err) {
          // Kept for a supervisor rather than lost: reprocessing publishes it again.
          log.warn({ err, caseId: o.caseId }, 'intake: could not pass the court decision to the case');
          await this.deps.prisma.inboundMessage.update({
            where: { id: o.inboundId },
            data: {
              status: 'QUARANTINED',
              issues: [
                `ENGINE_UNAVAILABLE the decision could not be passed to case ${o.caseId} (${err instanceof Error ? err.message : String(err)}); reprocess it`,
              ],
            },
          });
        }
    }
  }
}
