import { Client } from 'pg';
import { UserFacingError } from '../platform/errors';
import { loadMigrations, type MigrationFile } from './migration-files';

/** Arbitrary constant: the advisory lock that serialises concurrent migration runs. */
const LOCK = 7_310_001;

/**
 * Applies pending SQL migrations in order, each in its own transaction, and records name and checksum in
 * `_plusflow_migrations`. A migration that was applied and later edited is refused: migrations are history.
 * An advisory lock keeps two processes that start at once from racing.
 */
export async function migrate(url: string, migrations?: MigrationFile[]): Promise<{ applied: string[] }> {
  const files = migrations ?? (await loadMigrations());
  const client = new Client({ connectionString: url, application_name: 'plusflow-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS _plusflow_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM _plusflow_migrations');
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    for (const [name] of done) {
      if (!files.some((f) => f.name === name)) {
        throw new UserFacingError(
          `The database has migration ${name}, which this checkout does not have.`,
          'Update your checkout, or use a fresh database for this branch.',
        );
      }
    }
    const applied: string[] = [];
    for (const file of files) {
      const previous = done.get(file.name);
      if (previous === file.checksum) continue;
      if (previous) {
        throw new UserFacingError(
          `Migration ${file.name} was changed after it had been applied to this database.`,
          'Revert the edit and put the change into a new migration (npm run db:migration -- <name>).',
        );
      }
      try {
        await client.query('BEGIN');
        await client.query(file.sql);
        await client.query('INSERT INTO _plusflow_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new UserFacingError(`Migration ${file.name} failed: ${err instanceof Error ? err.message : String(err)}`, 'Fix the migration SQL; nothing of it was applied.');
      }
      applied.push(file.name);
    }
    return { applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** Names of migrations not yet applied (for `npm run db:migrate -- status`). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const files = await loadMigrations();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query("SELECT to_regclass('_plusflow_migrations') AS t");
    if (!exists.rows[0]?.t) return files.map((f) => f.name);
    const { rows } = await client.query<{ name: string }>('SELECT name FROM _plusflow_migrations');
    const done = new Set(rows.map((r) => r.name));
    return files.filter((f) => !done.has(f.name)).map((f) => f.name);
  } finally {
    await client.end();
  }
}
