import { chmod, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stopEngines } from '../../engine/runner';
import { getConfig, loadConfig, type StackConfig } from '../../platform/config';
import { ensurePostgres, stopEmbeddedPostgres } from '../../platform/db/ensure-postgres';
import { Progress } from '../../scripts/progress';
import { startStack, type StackHandle, type StackOptions } from '../../scripts/stack';
import { ScratchDatabase } from './scratch-db';

export interface IsolationOptions {
  /** Names the temporary directory (plusflow-<name>-…). */
  name: string;
  /**
   * The stack runs an embedded PostgreSQL of its own on this port (chaos restarts it) instead of using a scratch
   * database on the configured server.
   */
  ownPostgresPort?: number;
  /** A service of the stack crashed (it has been started again if it could be): see StackOptions.onServiceCrash. */
  onServiceCrash?: StackOptions['onServiceCrash'];
  /**
   * Added to every default port of the dev stack (API 3000, identity 3001, simulators 4000, worker metrics 9464,
   * engine 8090 and the next ones for more nodes). Default {@link BENCH_PORT_OFFSET}; the test suite uses 100
   * and 200, other stacks on a shared machine may use more, so chaos (long) takes its own.
   */
  portOffset?: number;
  /** Engine nodes on the one database (PLUSFLOW_ENGINE_NODES); default 1. */
  engineNodes?: number;
}

/** Port offset of the benchmarks: 450 (the tests use 100 and 200, other stacks on this machine whole hundreds such as 700 and 800); chaos uses 550. */
export const BENCH_PORT_OFFSET = 450;

/** Registers a step to run at teardown; steps run last-registered first. */
export type AtTeardown = (step: () => Promise<unknown>) => void;

/**
 * Runs `fn` with a stack configuration on ports, a cache directory and a database of its own, so a benchmark never
 * touches the dev or test stack (the test suite uses offsets 100 and 200, benchmarks 450 and chaos 550). Afterwards, also on
 * Ctrl-C or SIGTERM in the middle, everything it started goes: what `fn` registered, the engine, the embedded
 * PostgreSQL, the scratch database, the directory.
 */
export async function withIsolatedConfig<T>(
  opts: IsolationOptions,
  fn: (cfg: StackConfig, atTeardown: AtTeardown) => Promise<T>,
): Promise<T> {
  const base = getConfig();
  const steps: (() => Promise<unknown>)[] = [];
  let db: ScratchDatabase | undefined;
  let databaseUrl = base.database.url; // own PostgreSQL: the stack finds its URL when it starts the server
  if (!opts.ownPostgresPort) {
    db = new ScratchDatabase(ScratchDatabase.serverOf((await ensurePostgres(base)).url));
    await (await db.create()).end();
    databaseUrl = db.url;
  }
  let cfg: StackConfig | undefined;
  let removeDir: (() => Promise<void>) | undefined;
  let tornDown: Promise<void> | undefined;
  const teardown = () =>
    (tornDown ??= (async () => {
      for (const step of steps.reverse()) await step().catch((err: unknown) => console.error(err));
      if (cfg) {
        await stopEngines(cfg).catch(() => undefined);
        if (opts.ownPostgresPort) await stopEmbeddedPostgres(cfg).catch(() => undefined);
      }
      await db?.drop();
      // Last: the engines' pid files and the embedded PostgreSQL's data are in it.
      await removeDir?.().catch((err: unknown) => console.error(err));
    })());
  const onSignal = () => void teardown().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const isolated = await isolatedConfig(base, databaseUrl, opts);
    removeDir = isolated.cleanup;
    cfg = isolated.cfg;
    return await fn(cfg, (step) => steps.push(step));
  } finally {
    await teardown();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** {@link withIsolatedConfig} with the whole stack started (demo data, progress printed) and stopped at the end. */
export async function withIsolatedStack<T>(
  opts: IsolationOptions,
  fn: (stack: StackHandle, cfg: StackConfig) => Promise<T>,
): Promise<T> {
  return withIsolatedConfig(opts, async (cfg, atTeardown) => {
    // A failed start stops what it started; a Ctrl-C during it leaves the engine and PostgreSQL to the teardown.
    const stack = await startStack(cfg, {
      seedDemoData: true,
      progress: new Progress(),
      ownPostgresPort: opts.ownPostgresPort,
      onServiceCrash: opts.onServiceCrash,
    });
    atTeardown(() => stack.stop());
    return fn(stack, cfg);
  });
}

/**
 * The configuration itself. The engine app's build, its extracted jar and its start-up cache are shared with the
 * repository's cache (symlinked), so no bench builds the app with Maven or trains the cache again, and every
 * engine start uses the cache as `npm start` does. The stack's child services read their settings from the
 * environment, so it is set for this process too.
 */
async function isolatedConfig(
  base: StackConfig,
  databaseUrl: string,
  opts: IsolationOptions,
): Promise<{ cfg: StackConfig; cleanup: () => Promise<void> }> {
  const offset = opts.portOffset ?? BENCH_PORT_OFFSET;
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), `plusflow-${opts.name}-`));
  // An embedded PostgreSQL (chaos) runs as the `postgres` OS user when we are root: it must reach its data here.
  await chmod(cacheDir, 0o755);
  await mkdir(path.join(base.cacheDir, 'engine-app'), { recursive: true });
  await symlink(path.join(base.cacheDir, 'engine-app'), path.join(cacheDir, 'engine-app'));
  const env = {
    PLUSFLOW_STACK: 'test',
    PLUSFLOW_CACHE_DIR: cacheDir,
    DATABASE_URL: databaseUrl,
    API_PORT: String(3000 + offset),
    IDENTITY_PORT: String(3001 + offset),
    SIMULATORS_PORT: String(4000 + offset),
    WORKERS_METRICS_PORT: String(9464 + offset),
    PLUSFLOW_ENGINE_PORT: String(8090 + offset),
    PLUSFLOW_ENGINE_NODES: String(opts.engineNodes ?? 1),
    LOG_LEVEL: 'warn',
  };
  // Settings of another stack in this shell must not leak into the bench's (they would point at its engine).
  delete process.env.PLUSFLOW_ENGINE_URLS;
  delete process.env.API_PUBLIC_URL;
  delete process.env.OIDC_ISSUER;
  delete process.env.INTEGRATIONS_BASE_URL;
  Object.assign(process.env, env);
  return { cfg: loadConfig({ ...process.env, ...env }), cleanup: () => rm(cacheDir, { recursive: true, force: true }) };
}
