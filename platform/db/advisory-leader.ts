import type { Logger } from 'pino';
import type { Pool, PoolClient } from 'pg';

/**
 * One of several processes does a job (intake): whoever holds a PostgreSQL session advisory lock.
 * The lock lives on a connection of its own; when that connection is lost (PostgreSQL restarted) the lock went
 * with it, the leader steps down and the next `tryAcquire()` (its own or another replica's) takes over.
 *
 * pg emits 'error' twice for one loss (the server's message, then the socket's end), and a client given back to
 * the pool keeps its listeners while it idles there, so the listeners go with the release and the client is
 * released exactly once. One attempt at a time: a slow connect must not let the next tick open a second
 * connection that nobody would release. (npm run chaos and CI found each of these.)
 */
export class AdvisoryLeader {
  private client: PoolClient | undefined;
  private detach: (() => void) | undefined;
  private attempt: Promise<boolean> | undefined;
  private stopped = false;
  private leading = false;

  constructor(
    private readonly pool: Pool,
    private readonly lockId: number,
    private readonly log: Logger,
    private readonly hooks: {
      /** Runs on the lock's connection once the lock is taken (e.g. LISTEN); a failure gives the attempt up. */
      onAcquired?: (client: PoolClient) => Promise<void>;
      /** A NOTIFY on the lock's connection. */
      onNotification?: () => void;
    } = {},
  ) {}

  /** Whether this process leads now. */
  get held(): boolean {
    return this.leading;
  }

  /** Takes the lock if nobody holds it; true while this process leads. */
  tryAcquire(): Promise<boolean> {
    this.attempt ??= this.acquire().finally(() => {
      this.attempt = undefined;
    });
    return this.attempt;
  }

  /** Gives the lock and its connection back. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.attempt?.catch(() => undefined);
    if (!this.client) return;
    await this.client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    this.drop();
  }

  private async acquire(): Promise<boolean> {
    if (this.stopped) return false;
    if (this.leading) return true;
    const client = this.client ?? (await this.connect());
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [this.lockId]);
    if (!rows[0]?.ok) return false;
    await this.hooks.onAcquired?.(client);
    this.leading = this.client === client;
    return this.leading;
  }

  private async connect(): Promise<PoolClient> {
    const client = await this.pool.connect();
    const onError = (err: Error) => {
      if (this.client !== client) return;
      this.log.error({ err, lockId: this.lockId }, 'lost the database connection that holds the lock; stepping down');
      this.drop(err);
    };
    const onNotification = () => this.hooks.onNotification?.();
    client.on('error', onError);
    client.on('notification', onNotification);
    this.detach = () => {
      client.off('error', onError);
      client.off('notification', onNotification);
    };
    this.client = client;
    return client;
  }

  /** Lets the connection go (destroyed if `err`); the lock goes with it. */
  private drop(err?: Error): void {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.leading = false;
    this.detach?.();
    this.detach = undefined;
    client.release(err);
  }
}
