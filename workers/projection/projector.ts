import type { Logger } from 'pino';
import type { Pool } from 'pg';
import { AdvisoryLeader } from '../../platform/db/advisory-leader';
import { FILL_ROOTS, PROJECTIONS } from './sql';

/** SQLSTATE class 22: the data, not the connection, is at fault; retrying would fail forever. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22');
}

/** Advisory lock id: only one projector in the cluster applies records, others stand by. */
const LOCK_ID = 4_711_001;
const CURSOR = 'engine-read-models';

/**
 * Keeps the read models (process_instance, user_task, incident) in step with the engine. The exporter in
 * the broker appends engine records to zeebe.record and NOTIFYs; the projector wakes up, applies every
 * new record in position order and moves its cursor in the same transaction, so each record is applied
 * exactly once even across crashes. A 1 s poll is the safety net for a missed notification.
 */
export class Projector {
  private readonly leader: AdvisoryLeader;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private wasActive = false;
  private lastError: string | undefined;
  private appliedPosition = new Map<number, bigint>();

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
    private readonly opts: { partitions: number[]; batchSize?: number; pollMs?: number } = { partitions: [1] },
  ) {
    // The lock's connection also LISTENs: when it is lost (PostgreSQL restarted) the projector steps down and the
    // next tick connects again and competes for the lock.
    this.leader = new AdvisoryLeader(pool, LOCK_ID, log, {
      onAcquired: async (client) => {
        await client.query('LISTEN zeebe_record');
      },
      onNotification: () => this.kick(),
    });
  }

  private get active(): boolean {
    return this.leader.held;
  }

  async start(): Promise<void> {
    await this.tryBecomeActive();
    this.timer = setInterval(() => {
      if (!this.active) {
        this.tryBecomeActive().catch((err: unknown) => {
          this.lastError = err instanceof Error ? err.message : String(err);
          this.log.warn({ err }, 'projector cannot reach PostgreSQL; trying again');
        });
      } else this.kick();
    }, this.opts.pollMs ?? 1_000);
    this.timer.unref();
  }

  /** Whether this projector holds the lock and its last run succeeded. */
  health(): { active: boolean; lastError?: string; positions: Record<number, string> } {
    const positions = Object.fromEntries([...this.appliedPosition].map(([p, pos]) => [p, pos.toString()]));
    return { active: this.active, ...(this.lastError ? { lastError: this.lastError } : {}), positions };
  }

  /** Applies everything exported so far; resolves when caught up. */
  async drain(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.running) await this.running;
    await this.leader.stop();
  }

  private async tryBecomeActive(): Promise<void> {
    if (this.stopped) return;
    const active = await this.leader.tryAcquire();
    if (active && !this.wasActive) this.log.info({ partitions: this.opts.partitions }, 'projector active');
    this.wasActive = active;
    if (active) this.kick();
  }

  private kick(): void {
    if (!this.active || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runUntilCaughtUp().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async runUntilCaughtUp(): Promise<void> {
    try {
      for (const partition of this.opts.partitions) {
        while (!this.stopped && (await this.applyBatch(partition)) > 0);
      }
      this.lastError = undefined;
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.log.error({ err }, 'projection batch failed; will retry');
    }
  }

  /**
   * Applies the next batch of one partition; returns how many records it covered. A record the read models
   * cannot take (a data error, SQLSTATE class 22, e.g. a value in a format PostgreSQL rejects) must not stop
   * every inbox: the batch is re-applied record by record, the bad record is kept in projection_error with
   * its error for a supervisor, and the projector moves on. Other errors (connection lost) are retried.
   */
  private async applyBatch(partition: number): Promise<number> {
    try {
      return (await this.applyRange(partition)).count;
    } catch (err) {
      if (!isDataError(err)) throw err;
      this.log.warn({ err, partition }, 'a record in this batch cannot be projected; applying one by one');
      let count = 0;
      for (;;) {
        const step = await this.applyRange(partition, 1);
        count += step.count;
        if (step.count === 0 || step.skipped) return count;
      }
    }
  }

  private async applyRange(partition: number, limit = this.opts.batchSize ?? 2_000): Promise<{ count: number; skipped: boolean }> {
    const client = await this.pool.connect();
    // A connection lost here is noted, so the broken client is neither rolled back nor returned to the pool (the
    // pool's own listener, platform/db/pool.ts, only keeps the loss from ending the process). The statement in
    // flight fails and the batch is retried.
    let lost: Error | undefined;
    const onError = (err: Error) => {
      lost = err;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO projection_cursor (name, partition_id, position) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`,
        [CURSOR, partition],
      );
      const cursor = await client.query<{ position: string }>(
        'SELECT position::text FROM projection_cursor WHERE name = $1 AND partition_id = $2 FOR UPDATE',
        [CURSOR, partition],
      );
      const from = cursor.rows[0]!.position;
      const next = await client.query<{ hi: string | null; n: string }>(
        `SELECT max(position)::text AS hi, count(*)::text AS n FROM (
           SELECT position FROM zeebe.record WHERE partition_id = $1 AND position > $2 ORDER BY position LIMIT $3) b`,
        [partition, from, limit],
      );
      const hi = next.rows[0]?.hi;
      if (!hi) {
        await client.query('COMMIT');
        return { count: 0, skipped: false };
      }
      let skipped = false;
      await client.query('SAVEPOINT apply');
      try {
        for (const p of PROJECTIONS) await client.query(p.sql, [partition, from, hi]);
        for (const sql of FILL_ROOTS) await client.query(sql);
      } catch (err) {
        if (limit !== 1 || !isDataError(err)) throw err;
        await client.query('ROLLBACK TO SAVEPOINT apply');
        await client.query(
          `INSERT INTO projection_error (partition_id, position, error) VALUES ($1, $2, $3) ON CONFLICT (partition_id, position) DO NOTHING`,
          [partition, hi, err instanceof Error ? err.message : String(err)],
        );
        this.log.error({ err, partition, position: hi }, 'engine record skipped by the projector (see projection_error)');
        skipped = true;
      }
      await client.query('UPDATE projection_cursor SET position = $3, updated_at = now() WHERE name = $1 AND partition_id = $2', [
        CURSOR,
        partition,
        hi,
      ]);
      await client.query('COMMIT');
      this.appliedPosition.set(partition, BigInt(hi));
      return { count: Number(next.rows[0]!.n), skipped };
    } catch (err) {
      if (!lost) await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.removeListener('error', onError);
      // A broken connection is closed, not returned to the pool.
      client.release(lost);
    }
  }
}
