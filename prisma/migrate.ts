import { Client } from 'pg';
import { describeError, redactUrl } from '../platform/db/ensure-postgres';
import { UserFacingError } from '../platform/errors';
import { loadMigrations, type MigrationFile } from './migration-files';

/** The table where the runner records applied migrations. */
export const HISTORY_TABLE = '_plusflow_migrations';

/** Arbitrary constant: the advisory lock that serialises concurrent migration runs on one database. */
const LOCK = 7_310_001;

/**
 * Applies pending SQL migrations (prisma/migrations/NNNN_name/migration.sql) in order, each in its own
 * transaction, and records name and SHA-256 checksum in `_plusflow_migrations`. Refuses (UserFacingError)
 * when an applied migration was edited since, or when the database has a migration this checkout lacks.
 * A PostgreSQL advisory lock makes processes that start at once wait for each other; the second then finds
 * nothing to do.
 */
export async function migrate(url: string, migrations?: MigrationFile[]): Promise<{ applied: string[] }> {
  const files = migrations ?? (await loadMigrations());
  const client = await connect(url);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const state = await compare(client, files);
    if (state.unknown.length) {
      throw new UserFacingError(
        `The database ${redactUrl(url)} has migration(s) ${state.unknown.join(', ')}, which this checkout does not have.`,
        'Update your checkout, or use a fresh database for this branch.',
      );
    }
    if (state.changed.length) {
      throw new UserFacingError(
        `Migration ${state.changed.join(', ')} was changed after it had been applied to ${redactUrl(url)}.`,
        'Revert the edit (migrations are history) and put the change into a new migration: npm run db:migration -- <name>.',
      );
    }
    const applied: string[] = [];
    for (const file of files.filter((f) => state.pending.includes(f.name))) {
      try {
        await client.query('BEGIN');
        await client.query(file.sql);
        await client.query(`INSERT INTO ${HISTORY_TABLE} (name, checksum) VALUES ($1, $2)`, [file.name, file.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new UserFacingError(
          `Migration ${file.name} failed: ${describeError(err)}`,
          `Nothing of ${file.name} was applied (it ran in one transaction); correct the schema and regenerate the migration, then run npm run db:migrate again.`,
        );
      }
      applied.push(file.name);
    }
    return { applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

export interface MigrationStatus {
  /** Applied and unchanged. */
  applied: string[];
  /** In the checkout, not yet applied. */
  pending: string[];
  /** Applied, but the file has changed since. */
  changed: string[];
  /** Applied, but not in the checkout. */
  unknown: string[];
}

/** Compares the checkout's migrations with what the database has applied (for `npm run db:migrate -- status`). */
export async function migrationStatus(url: string, migrations?: MigrationFile[]): Promise<MigrationStatus> {
  const files = migrations ?? (await loadMigrations());
  const client = await connect(url);
  try {
    return await compare(client, files);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(url: string): Promise<string[]> {
  return (await migrationStatus(url)).pending;
}

async function compare(client: Client, files: MigrationFile[]): Promise<MigrationStatus> {
  const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [HISTORY_TABLE]);
  const rows = exists.rows[0]?.t
    ? (
        await client.query<{ name: string; checksum: string }>(
          `SELECT name, checksum FROM ${HISTORY_TABLE} ORDER BY name`,
        )
      ).rows
    : [];
  const done = new Map(rows.map((r) => [r.name, r.checksum]));
  const names = new Set(files.map((f) => f.name));
  return {
    applied: files.filter((f) => done.get(f.name) === f.checksum).map((f) => f.name),
    pending: files.filter((f) => !done.has(f.name)).map((f) => f.name),
    changed: files.filter((f) => done.has(f.name) && done.get(f.name) !== f.checksum).map((f) => f.name),
    unknown: rows.map((r) => r.name).filter((n) => !names.has(n)),
  };
}

async function connect(url: string): Promise<Client> {
  const client = new Client({
    connectionString: url,
    application_name: 'plusflow-migrate',
    connectionTimeoutMillis: 10_000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new UserFacingError(
      `Cannot connect to ${redactUrl(url)} to migrate it: ${describeError(err)}`,
      'Start PostgreSQL (npm start does, with an embedded one if needed), or set DATABASE_URL to a reachable server.',
    );
  }
  return client;
}
