import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { UserFacingError } from '../../platform/errors';

/**
 * A throw-away database `plusflow_bench_<random>` on the configured PostgreSQL server, dropped again when
 * the bench ends (also on Ctrl-C), so a benchmark never touches application data.
 */
export class ScratchDatabase {
  readonly name = `plusflow_bench_${randomBytes(4).toString('hex')}`;
  private created = false;

  constructor(private readonly serverUrl: string) {}

  /** The configured database URL with the database swapped for `postgres` (the maintenance database). */
  static serverOf(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.pathname = '/postgres';
    return url.toString();
  }

  /** This database's URL on the server. */
  get url(): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/${this.name}`;
    return url.toString();
  }

  async create(): Promise<Client> {
    await this.admin(async (c) => c.query(`CREATE DATABASE ${this.name}`));
    this.created = true;
    const client = new Client({ connectionString: this.url });
    await client.connect();
    return client;
  }

  async drop(): Promise<void> {
    if (!this.created) return;
    this.created = false;
    await this.admin(async (c) => c.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
  }

  private async admin(run: (c: Client) => Promise<unknown>): Promise<void> {
    const client = new Client({ connectionString: this.serverUrl });
    try {
      await client.connect();
    } catch (err) {
      throw new UserFacingError(
        `PostgreSQL at ${redact(this.serverUrl)} is not reachable (${(err as Error).message}).`,
        'start PostgreSQL, set DATABASE_URL, pass --db <url>, or run with --skip-db to measure generation only',
      );
    }
    try {
      await run(client);
    } finally {
      await client.end();
    }
  }
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
