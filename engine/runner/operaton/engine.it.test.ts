import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, loadConfig, type StackConfig } from '../../../platform/config';
import { UserFacingError } from '../../../platform/errors';
import { scratchDatabase } from '../../../test/support/scratch-db';
import { isAlive } from '../os-process';
import { APP_DIR, ensureAppJar } from './app-jar';
import { engineCredentials, type EngineCredentials } from './credentials';
import { engineHealth } from './health';
import { pidFile, runningPid, startEngine, stopEngine, stopEngines, type OperatonHandle } from './process';

/**
 * The Operaton runner against the real engine app and a real PostgreSQL: build (or reuse) the app, start a node
 * on a scratch database, check what the app promises (service account, no lock-out, administrator login, clock
 * endpoint), start a second node on the same database with the clock off, stop both.
 *
 * Isolation from the test stack and a developer's stack: its own ports (8290, 8291), its own scratch database,
 * and a private cache directory (pid files, logs, credentials) whose `engine-app/` links to the repository's
 * cache, so the built jar and the start-up cache are shared with the real stacks.
 */
const SERVER_URL = process.env.ENGINE_IT_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PORT = 8290;
const JVM_TIMEOUT = 240_000;

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function rssMb(pid: number): number | undefined {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : undefined;
}

describe('Operaton engine runner (real engine app)', () => {
  let cacheDir: string;
  let db: { url: string; drop(): Promise<void> };
  let cfg: StackConfig;
  let creds: EngineCredentials;
  let node0: OperatonHandle | undefined;
  const url = (p: string) => `http://127.0.0.1:${PORT}${p}`;

  beforeAll(async () => {
    db = await scratchDatabase(SERVER_URL, 'operaton_it');
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'plusflow-operaton-it-'));
    const shared = path.join(REPO_ROOT, '.cache', 'engine-app');
    mkdirSync(shared, { recursive: true });
    symlinkSync(shared, path.join(cacheDir, 'engine-app'));
    cfg = loadConfig({
      PLUSFLOW_STACK: 'test',
      PLUSFLOW_CACHE_DIR: cacheDir,
      DATABASE_URL: db.url,
      PLUSFLOW_ENGINE_PORT: String(PORT),
      LOG_LEVEL: 'warn',
    });
    creds = engineCredentials(cfg, {});
  }, 60_000);

  afterAll(async () => {
    if (cfg) await stopEngines(cfg, 10_000).catch(() => undefined);
    await db?.drop().catch(() => undefined);
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true }); // the link, not the shared cache
  }, 120_000);

  it(
    'builds or reuses the app, starts node 0 on its own port and reuses it on a second start',
    async () => {
      const started = Date.now();
      const progress: string[] = [];
      node0 = await startEngine(cfg, { onProgress: (s) => progress.push(s) });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `Operaton node 0 ready after ${seconds} s (start-up cache ${node0.startupCache}; pid ${node0.pid}, RSS ${rssMb(node0.pid)} MB); last progress: ${progress.at(-1)}`,
      );
      expect(node0).toMatchObject({ node: 0, port: PORT, reused: false, url: `http://127.0.0.1:${PORT}` });
      expect(isAlive(node0.pid)).toBe(true);
      expect(progress.some((p) => /^\d+ s, JVM and engine starting$/.test(p))).toBe(true);
      expect(await engineHealth(cfg)).toEqual({ ready: true, version: '1.0.3', detail: 'Operaton 1.0.3' });
      expect(readFileSync(node0.logFile, 'utf8')).toContain('PLUS Flow starts engine node 0 (Operaton');

      const again = await startEngine(cfg);
      expect(again).toMatchObject({ pid: node0.pid, reused: true });
    },
    600_000, // a first build downloads nothing here (Maven's cache is warm) but may wait for a busy machine
  );

  it('answers health probes anonymously, refuses anonymous and wrong credentials, and names Operaton 1.0.3', async () => {
    const version = await fetch(url('/engine-rest/version'));
    expect(version.status).toBe(200);
    expect(await version.json()).toEqual({ version: '1.0.3' });
    expect((await fetch(url('/engine-rest/engine'))).status).toBe(200);

    for (const p of ['/engine-rest/task', '/engine-rest/process-definition', '/plusflow/clock']) {
      const res = await fetch(url(p));
      expect({ path: p, status: res.status }).toEqual({ path: p, status: 401 });
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
    }
    const fetchAndLock = await fetch(url('/engine-rest/external-task/fetchAndLock'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workerId: 'stranger', maxTasks: 1, topics: [{ topicName: 't', lockDuration: 1000 }] }),
    });
    expect(fetchAndLock.status).toBe(401);
    expect(
      (await fetch(url('/engine-rest/task'), { headers: { authorization: basic('operator', creds.adminPassword) } }))
        .status,
    ).toBe(401);
    expect(
      (await fetch(url('/engine-rest/task'), { headers: { authorization: basic(creds.user, creds.password) } })).status,
    ).toBe(200);
  });

  it('cannot be locked out: 15 wrong passwords for the service account, then the right one is let in at once', async () => {
    for (let i = 0; i < 15; i++) {
      const res = await fetch(url('/engine-rest/task'), {
        headers: { authorization: basic(creds.user, `wrong-password-${i}`) },
      });
      expect(res.status).toBe(401);
    }
    const res = await fetch(url('/engine-rest/task'), {
      headers: { authorization: basic(creds.user, creds.password) },
    });
    expect(res.status).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  }, 60_000);

  it('lets the administrator sign in to Cockpit with the configured password, and refuses a wrong one', async () => {
    const login = async (password: string) => {
      // The web apps want the XSRF token of their cookie echoed in a header (ENGINE.md §3).
      const page = await fetch(url('/operaton/app/cockpit/default/'));
      expect(page.status).toBe(200);
      const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0] as string);
      const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length);
      expect(xsrf).toBeTruthy();
      return fetch(url('/operaton/api/admin/auth/user/default/login/cockpit'), {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-xsrf-token': xsrf as string,
          cookie: cookies.join('; '),
        },
        body: new URLSearchParams({ username: creds.adminUser, password }),
      });
    };
    const ok = await login(creds.adminPassword);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      userId: creds.adminUser,
      authorizedApps: expect.arrayContaining(['cockpit', 'admin']),
    });
    // After the right one: a wrong password locks the administrator for a few seconds, which is the web apps' business.
    const wrong = await login(`${creds.adminPassword}x`);
    expect(wrong.status).toBe(401);
  });

  it('moves the engine clock when the clock is controlled', async () => {
    const auth = { authorization: basic(creds.user, creds.password), 'content-type': 'application/json' };
    const before = (await (await fetch(url('/plusflow/clock'), { headers: auth })).json()) as {
      now: string;
      offsetMs: number;
    };
    const moved = await fetch(url('/plusflow/clock'), {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ addMs: 86_400_000 }),
    });
    expect(moved.status).toBe(200);
    const after = (await moved.json()) as { now: string; offsetMs: number };
    expect(after.offsetMs).toBe(before.offsetMs + 86_400_000);
    const ahead = Date.parse(after.now) - Date.now();
    expect(ahead).toBeGreaterThan(86_400_000 - 60_000);
    expect(ahead).toBeLessThan(86_400_000 + 60_000);
    const reset = (await (
      await fetch(url('/plusflow/clock'), { method: 'POST', headers: auth, body: JSON.stringify({ reset: true }) })
    ).json()) as { now: string };
    expect(Math.abs(Date.parse(reset.now) - Date.now())).toBeLessThan(60_000);
  });

  it(
    'starts node 1 on the same database with the clock off and the start-up cache, which node 0 training wrote',
    async () => {
      if (node0?.cacheTraining) {
        const t = Date.now();
        expect(await node0.cacheTraining.wait()).toBe(true);
        console.log(
          `start-up cache written ${((Date.now() - t) / 1000).toFixed(1)} s after node 0 was ready: ${node0.cacheTraining.file}`,
        );
      }
      const clockOff = loadConfig({ ...cfgEnv(cfg), PLUSFLOW_ENGINE_CLOCK_CONTROLLED: 'false' });
      const started = Date.now();
      const node1 = await startEngine(clockOff, { node: 1 });
      console.log(
        `Operaton node 1 ready after ${((Date.now() - started) / 1000).toFixed(1)} s with start-up cache ${node1.startupCache} (RSS ${rssMb(node1.pid)} MB)`,
      );
      expect(node1).toMatchObject({ node: 1, port: PORT + 1, reused: false, startupCache: 'used' });
      expect(node1.logFile).not.toBe(node0?.logFile);
      expect(existsSync(pidFile(cfg, 1))).toBe(true);
      const auth = { authorization: basic(creds.user, creds.password) };
      const node1Url = `http://127.0.0.1:${PORT + 1}`;
      expect((await fetch(`${node1Url}/plusflow/clock`, { headers: auth })).status).toBe(404);
      expect((await fetch(`${node1Url}/engine-rest/task`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${node1Url}/engine-rest/task`)).status).toBe(401);
      // Both nodes on one database: the administrator created by node 0 exists for node 1.
      expect((await fetch(`${node1Url}/engine-rest/user/${creds.adminUser}/profile`, { headers: auth })).status).toBe(
        200,
      );
    },
    JVM_TIMEOUT,
  );

  it(
    'refuses a port in use with the port, the holder and the fix, and reports a JVM that exits during start-up with its log',
    async () => {
      const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'plusflow-operaton-it-other-'));
      try {
        const other = loadConfig({ ...cfgEnv(cfg), PLUSFLOW_CACHE_DIR: elsewhere });
        await expect(startEngine(other)).rejects.toThrow(
          new RegExp(`Port ${PORT} \\(engine node 0, Operaton REST\\) on 127\\.0\\.0\\.1 is already in use`),
        );
        await expect(startEngine(other)).rejects.toThrow(/PLUSFLOW_ENGINE_PORT/);
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
      const broken = loadConfig({ ...cfgEnv(cfg), PLUSFLOW_ENGINE_JAVA_OPTS: '-Xmx1m' });
      const err = await startEngine(broken, { node: 5, startupCache: 'off' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserFacingError);
      expect((err as UserFacingError).problem).toMatch(
        /Engine node 5 \(pid \d+\) exited during start-up \(code 1\)\. Last log lines:\n.*heap/is,
      );
      expect(await runningPid(cfg, 5)).toBeUndefined();
    },
    JVM_TIMEOUT,
  );

  it('stops the nodes: the JVMs are gone and the pid files removed', async () => {
    const pid0 = node0?.pid as number;
    const pid1 = (await runningPid(cfg, 1)) as number;
    expect(pid1).toBeGreaterThan(0);
    const started = Date.now();
    await node0?.stop();
    console.log(`node 0 stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(isAlive(pid0)).toBe(false);
    expect(existsSync(pidFile(cfg, 0))).toBe(false);
    expect(await stopEngines(cfg)).toEqual([1]);
    expect(isAlive(pid1)).toBe(false);
    expect(await stopEngine(cfg)).toBe(false);
    expect((await engineHealth(cfg, 0, 500)).ready).toBe(false);
  }, 120_000);
});

describe('Operaton engine app build failure', () => {
  it("stops with Maven's last relevant lines and what to do", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plusflow-operaton-broken-'));
    try {
      const app = path.join(dir, 'app');
      cpSync(path.join(APP_DIR, 'pom.xml'), path.join(app, 'pom.xml'));
      cpSync(path.join(APP_DIR, 'src'), path.join(app, 'src'), { recursive: true });
      writeFileSync(path.join(app, 'src', 'main', 'java', 'Broken.java'), 'class Broken { int x = ; }\n');
      const cfg = loadConfig({ PLUSFLOW_CACHE_DIR: path.join(dir, 'cache') });
      const progress: string[] = [];
      const err = await ensureAppJar(cfg, { appDir: app, onProgress: (s) => progress.push(s) }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UserFacingError);
      const { problem, fix } = err as UserFacingError;
      console.log(`build failure as the user sees it:\n${problem}\n  How to fix: ${fix}`);
      expect(problem).toMatch(
        /^Building the engine app \(engine\/app\) with Maven on Java \S+ failed\. Maven's last lines:\n/,
      );
      expect(problem).toMatch(/Broken\.java:\[1,\d+\]/);
      expect(problem).not.toMatch(/Downloading from|-> \[Help 1\]/);
      expect(fix).toContain('mvn -B -f engine/app/pom.xml');
      expect(progress.some((p) => /^\d+ s, Maven compiler:compile$/.test(p))).toBe(true);
      // Nothing half-built is left for the next start to pick up.
      expect(readdirSync(path.join(dir, 'cache', 'engine-app'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

/** The environment `cfg` was loaded from, for variants of it. */
function cfgEnv(cfg: StackConfig): Record<string, string> {
  return {
    PLUSFLOW_STACK: cfg.stack,
    PLUSFLOW_CACHE_DIR: cfg.cacheDir,
    DATABASE_URL: cfg.database.url,
    PLUSFLOW_ENGINE_PORT: String(cfg.operaton.port),
    LOG_LEVEL: 'warn',
  };
}
