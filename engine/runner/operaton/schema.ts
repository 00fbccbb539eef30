import { Client } from 'pg';
import { UserFacingError } from '../../../platform/errors';
import { ENGINE_SCHEMA } from './env';

/** Creates the schema the engine's tables live in (the engine creates its tables, not the schema: ENGINE-03015). */
export async function ensureEngineSchema(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new UserFacingError(
      `Cannot connect to the engine's database ${redact(databaseUrl)}: ${err instanceof Error ? err.message : String(err)}`,
      'Start PostgreSQL (or correct DATABASE_URL) and start again.',
    );
  }
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ENGINE_SCHEMA}`);
  } catch (err) {
    // Two nodes starting together may both create it: the loser sees a unique violation, and the schema exists.
    if ((err as { code?: string }).code !== '23505') {
      throw new UserFacingError(
        `Cannot create the schema "${ENGINE_SCHEMA}" in ${redact(databaseUrl)}: ${err instanceof Error ? err.message : String(err)}`,
        `Create it as the database owner (CREATE SCHEMA ${ENGINE_SCHEMA}) or give the user of DATABASE_URL the CREATE privilege on the database.`,
      );
    }
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
