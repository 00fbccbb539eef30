import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig, type StackConfig } from '../config';
import { UserFacingError } from '../errors';
import { embeddedDataDir, ensurePostgres, runningEmbeddedServer, stopEmbeddedPostgres } from './ensure-postgres';

/**
 * ensurePostgres against real servers: the machine's PostgreSQL (127.0.0.1:5432, or DATABASE_URL) and an
 * embedded one started from the npm package. The system server is never stopped: the embedded path is
 * reached by pointing the configuration at a port where nothing listens.
 */
const serverUrl = process.env.DATABASE_URL ?? loadConfig(process.env).database.url;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function databaseExists(url: string, name: string): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('ensurePostgres', () => {
  it('uses a reachable server as it is and creates the missing database', async () => {
    const name = `plusflow_ensure_${randomBytes(4).toString('hex')}`;
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const cfg = loadConfig({ DATABASE_URL: url.toString() });
    const pg = await ensurePostgres(cfg);
    try {
      expect(pg).toMatchObject({ url: url.toString(), embedded: false });
      expect(await databaseExists(serverUrl, name)).toBe(true);
      await ensurePostgres(cfg); // the second time the database is there already
    } finally {
      await pg.stop();
      const admin = new Client({ connectionString: new URL('/postgres', serverUrl).toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('refuses an explicit DATABASE_URL that does not answer, naming it without its password and the fix', async () => {
    const port = await freePort();
    const err = await ensurePostgres(
      loadConfig({ DATABASE_URL: `postgresql://app:secret@127.0.0.1:${port}/plusflow` }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    const { message } = err as UserFacingError;
    expect(message).toContain(`postgresql://app:***@127.0.0.1:${port}/plusflow`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('secret');
    expect(message).toMatch(/unset DATABASE_URL/);
  });

  describe('when the default server does not answer', () => {
    let cacheDir: string;
    let cfg: StackConfig;
    let port: number;
    beforeAll(async () => {
      cacheDir = await mkdtemp(path.join(os.tmpdir(), 'plusflow-embedded-'));
      await chmod(cacheDir, 0o755); // as root, the server runs as the `postgres` OS user, who must reach its data
      const base = loadConfig({ PLUSFLOW_CACHE_DIR: cacheDir, PLUSFLOW_STACK: 'test' });
      // Not explicit (as if DATABASE_URL were unset), but pointing at a port where nothing listens.
      cfg = {
        ...base,
        database: {
          ...base.database,
          url: `postgresql://postgres@127.0.0.1:${await freePort()}/plusflow_test`,
          explicit: false,
        },
      };
      port = await freePort();
    });
    afterAll(async () => {
      await stopEmbeddedPostgres(cfg).catch(() => undefined); // nothing may survive a failed test
      await rm(cacheDir, { recursive: true, force: true });
    });

    it('starts an embedded PostgreSQL, reuses it, and stop() stops only what that call started', async () => {
      const progress: string[] = [];
      const first = await ensurePostgres(cfg, { embeddedPort: port, onProgress: (m) => progress.push(m) });
      expect(first).toMatchObject({
        url: `postgresql://postgres:postgres@127.0.0.1:${port}/plusflow_test`,
        embedded: true,
      });
      expect(progress.join('\n')).toMatch(/initialising an embedded PostgreSQL/);
      expect(await reachable(first.url)).toBe(true);
      expect(await runningEmbeddedServer(embeddedDataDir(cfg))).toMatchObject({ port });

      // A second start (another process, or a configured port that has changed) finds the running server.
      const second = await ensurePostgres(cfg, { embeddedPort: port + 1 });
      expect(second.url).toBe(first.url);
      await second.stop();
      expect(await reachable(first.url)).toBe(true);

      await first.stop();
      expect(await reachable(first.url)).toBe(false);
      expect(await runningEmbeddedServer(embeddedDataDir(cfg))).toBeUndefined();
    });

    it('starts once when called concurrently, restarting on the data of the earlier run', async () => {
      const handles = await Promise.all([1, 2, 3].map(() => ensurePostgres(cfg, { embeddedPort: port })));
      try {
        expect(new Set(handles.map((h) => h.url)).size).toBe(1);
        const client = new Client({ connectionString: handles[0]!.url });
        await client.connect();
        const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
        await client.end();
        expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(150000);
      } finally {
        for (const h of handles) await h.stop();
      }
      expect(await runningEmbeddedServer(embeddedDataDir(cfg))).toBeUndefined();
    });

    it('reports a port that is taken, with the server output and the fix', async () => {
      const blocker = net.createServer();
      await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
      try {
        const err = await ensurePostgres(cfg, { embeddedPort: port }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UserFacingError);
        expect((err as Error).message).toMatch(/Could not start the embedded PostgreSQL/);
        expect((err as Error).message).toMatch(/[Aa]ddress already in use/);
      } finally {
        blocker.close();
      }
    });
  });
});
