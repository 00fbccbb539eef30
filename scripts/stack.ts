import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Pool } from 'pg';
import type { StackConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { ensurePostgres, redactUrl, stopEmbeddedPostgres } from '../platform/db/ensure-postgres';
import { createPrisma } from '../platform/db/prisma';
import { migrate } from '../prisma/migrate';
import { seed } from '../prisma/seed';
import { logTail } from '../engine/runner';
import { isFree } from '../engine/runner/ports';
import { startEngines, stopEngines, type OperatonHandle } from '../engine/runner/operaton';
import {
  deployProcesses,
  recordDeployment,
  withoutModelerOverrides,
  type DeploymentSummary,
} from '../processes/deploy';
import { loadProcessResources } from '../processes/catalog';
import { createWorkflowFromConfig } from '../workflow';
import { Progress } from './progress';
import { killChild, startService, type Service } from './services';

export interface StackHandle {
  config: StackConfig;
  databaseUrl: string;
  deployment: DeploymentSummary;
  /** The Node services now running, by name (simulators, workers, identity, api). */
  services: ReadonlyMap<string, Service>;
  /**
   * Ends a service with `signal` (SIGKILL: no chance to finish anything) and starts it again, healthy before
   * this resolves. For harnesses that prove nothing is lost (npm run chaos).
   */
  restartService(name: string, signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Stops the managed engine nodes (SIGTERM, or SIGKILL for a crash) and starts them again on the same database. */
  restartEngine(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Stops the stack's own embedded PostgreSQL (fast shutdown) and starts it again; refused for a server it did not start. */
  restartPostgres(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  seedDemoData: boolean;
  progress?: Progress;
  /** Run an embedded PostgreSQL of the stack's own on this port even when a system server answers (chaos). */
  ownPostgresPort?: number;
  /**
   * When set, a service that ends without being asked to (a crash) is reported here and started again, as a
   * process manager would in production. Unset (tests), a crash stays visible as the service being gone.
   */
  onServiceCrash?: (crash: ServiceCrash) => void;
}

export interface ServiceCrash {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  logFile: string;
  /** The end of its log when it ended: what it said last. */
  logTail: string;
  /** Started again and healthy; false with `restartError` when that failed too. */
  restarted: boolean;
  restartError?: string;
}

interface ServiceSpec {
  name: string;
  script: string;
  args?: string[];
  healthUrl: string;
}

/**
 * Brings the whole stack up: PostgreSQL and the migrations first, then side by side the engine (followed by process
 * deployment), the demo data, and the Node services (simulators of external systems, worker host, identity, API).
 * Used by `npm start` and by the integration test set-up, so tests run against exactly what users run. `stop()`
 * takes everything down in reverse order (Node services, engine, PostgreSQL).
 */
export async function startStack(cfg: StackConfig, opts: StackOptions): Promise<StackHandle> {
  const progress = opts.progress ?? new Progress();
  const stops: (() => Promise<void>)[] = [];
  const services = new Map<string, Service>();
  const specs = new Map<string, ServiceSpec>();
  /** Children the stack ended itself (restartService; all of them once `stopping`); any other end is a crash. */
  const endsAskedFor = new WeakSet<ChildProcess>();
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const s of [...services.values()].reverse()) await s.stop().catch((err: unknown) => console.error(err));
    services.clear();
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(err));
  };
  const pgOptions = opts.ownPostgresPort ? { forceEmbedded: true, embeddedPort: opts.ownPostgresPort } : {};
  let engines: OperatonHandle[] = [];
  try {
    let pg = await progress.step(
      'PostgreSQL',
      (update) => ensurePostgres(cfg, { ...pgOptions, onProgress: update }),
      (r) => (r.embedded ? `embedded server, ${redactUrl(r.url)}` : redactUrl(r.url)),
    );
    stops.push(() => pg.stop());
    const env: NodeJS.ProcessEnv = { ...process.env, PLUSFLOW_STACK: cfg.stack, DATABASE_URL: pg.url };

    await progress.step(
      'Database migrations',
      () => migrate(pg.url),
      (r) => (r.applied.length ? `applied ${r.applied.join(', ')}` : 'up to date'),
    );

    const launch = async (spec: ServiceSpec, update?: (s: string) => void): Promise<Service> => {
      const service = await startService({ ...spec, env, logDir: cfg.logDir, ...(update ? { onStatus: update } : {}) });
      if (opts.onServiceCrash)
        service.child.once('exit', (code, signal) => void superviseExit(spec, service, code, signal));
      return service;
    };
    /** Crashes per service within a minute of its start, in a row: a crash loop is reported, not fed. */
    const quickCrashes = new Map<string, number>();
    const superviseExit = async (
      spec: ServiceSpec,
      service: Service,
      code: number | null,
      signal: NodeJS.Signals | null,
    ) => {
      if (stopping || endsAskedFor.has(service.child) || services.get(spec.name) !== service) return;
      const crash: ServiceCrash = {
        name: spec.name,
        code,
        signal,
        logFile: service.logFile,
        logTail: shorten(await logTail(service.logFile, 12)),
        restarted: false,
      };
      const quick = Date.now() - service.startedAt < 60_000 ? (quickCrashes.get(spec.name) ?? 0) + 1 : 0;
      quickCrashes.set(spec.name, quick);
      try {
        if (quick >= 3)
          throw new Error(`it crashed ${quick} times in a row within a minute of starting; not started again`);
        if (!stopping) {
          services.set(spec.name, await launch(spec));
          crash.restarted = true;
        }
      } catch (err) {
        crash.restartError = err instanceof Error ? err.message : String(err);
      }
      opts.onServiceCrash!(crash);
    };
    const startNodeService = async (svc: ServiceSpec) => {
      specs.set(svc.name, svc);
      services.set(svc.name, await progress.step(`Start ${svc.name}`, (update) => launch(svc, update)));
    };

    // Everything after the migrations runs side by side, so the stack is up about when the engine is: the JVM's
    // start is the long pole (ENGINE.md §4), and the Node services and the demo data do not need it. The worker
    // host does not either: its job source long-polls until the engine answers, and a case whose process could
    // not start yet is started by the intake sweep. Stops run in reverse order of registration, so whatever
    // registers first is stopped last.
    const engineAndDeployment = (async (): Promise<DeploymentSummary> => {
      if (!cfg.operaton.external) {
        engines = await progress.step(
          cfg.operaton.nodes.length > 1 ? `Operaton engine (${cfg.operaton.nodes.length} nodes)` : 'Operaton engine',
          (update) => startEngines(cfg, { databaseUrl: pg.url, onProgress: update }),
          (hs) =>
            hs
              .map((e) =>
                e.reused
                  ? `node ${e.node} already running (pid ${e.pid})`
                  : `node ${e.node} on ${e.url} (pid ${e.pid})`,
              )
              .join(', '),
        );
      }
      return progress.step(
        'Process deployment',
        async () => {
          const { engine } = createWorkflowFromConfig(cfg);
          const log = createLogger('deploy', 'warn');
          const resources = await withPool(pg.url, async (pool) =>
            withoutModelerOverrides(pool, await loadProcessResources(), log),
          );
          const summary = await deployProcesses(engine, log, resources);
          await withPool(pg.url, (pool) => recordDeployment(pool, summary.modules));
          return summary;
        },
        (d) => d.processes.map((p) => `${p.bpmnProcessId} v${p.version}`).join(', ') || 'unchanged',
      );
    })();
    // The engine nodes are stopped after the Node services (stopAll stops services first), also when a
    // parallel step failed while they were still starting.
    stops.push(async () => {
      await engineAndDeployment.catch(() => undefined);
      for (const e of engines) await e.stop();
    });
    const demoData = opts.seedDemoData
      ? progress.step('Demo data', async () => {
          const prisma = createPrisma(pg.url);
          try {
            await seed(prisma);
          } finally {
            await prisma.$disconnect();
          }
        })
      : Promise.resolve();
    const nodeServices = Promise.allSettled(
      [
        // External state systems (TIS, ProIS, IeVP IS, VIIS, IIS VDEĀVK, e-adrese) are simulated on this machine.
        // The dev stack keeps their outboxes across restarts, in step with the intake cursors kept in the database;
        // the test stack starts both empty.
        {
          name: 'simulators',
          script: 'simulators/main.ts',
          args: cfg.stack === 'dev' ? ['--snapshot', path.join(cfg.cacheDir, cfg.stack, 'simulators-state.json')] : [],
          healthUrl: `http://127.0.0.1:${cfg.simulators.port}/health`,
        },
        { name: 'workers', script: 'workers/main.ts', healthUrl: `http://127.0.0.1:${cfg.workers.metricsPort}/health` },
        // The OpenID provider standing in for VISS and the staff directory (identity/): sign-in for the UI.
        { name: 'identity', script: 'identity/main.ts', healthUrl: `http://127.0.0.1:${cfg.identity.port}/health` },
        { name: 'api', script: 'api/main.ts', healthUrl: `http://127.0.0.1:${cfg.api.port}/health/live` },
      ].map((svc) => startNodeService(svc)),
    );
    // allSettled first: a failure must not leave a sibling step running unobserved while the stack is stopped.
    const settled = await Promise.allSettled([engineAndDeployment, demoData]);
    const failed = [...settled, ...(await nodeServices)].find(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    if (failed) throw failed.reason;
    const deployment = await engineAndDeployment;

    if (opts.seedDemoData && cfg.stack === 'dev') {
      await progress.step(
        'Demo decisions',
        () => seedDemoDecisions(cfg),
        (n) =>
          n ? `${n} court rulings, penal orders and release notices in the simulators' outboxes` : 'already there',
      );
    }

    return {
      config: cfg,
      databaseUrl: pg.url,
      deployment,
      services,
      async restartService(name, signal) {
        const spec = specs.get(name);
        const running = services.get(name);
        if (!spec || !running) throw new Error(`no service ${name}; services: ${[...specs.keys()].join(', ')}`);
        endsAskedFor.add(running.child);
        await (signal === 'SIGKILL' ? killChild(running.child) : running.stop());
        services.set(name, await launch(spec));
      },
      async restartEngine(signal = 'SIGTERM') {
        if (cfg.operaton.external)
          throw new Error('the engine runs elsewhere (PLUSFLOW_ENGINE_URLS); it is not restarted');
        if (signal === 'SIGKILL') for (const e of engines) killGroup(e.pid);
        else await stopEngines(cfg);
        // The old node's socket may linger a moment after its process is gone.
        await waitForPortsFree(
          cfg.operaton.host,
          cfg.operaton.nodes.map((n) => n.port),
          30_000,
        );
        engines = await startEngines(cfg, { databaseUrl: pg.url });
      },
      async restartPostgres() {
        if (!opts.ownPostgresPort) throw new Error("PostgreSQL is not the stack's own server; it is not restarted");
        await stopEmbeddedPostgres(cfg);
        pg = await ensurePostgres(cfg, pgOptions);
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Log lines are JSON with stacks: enough of each to see what it was. */
function shorten(tail: string): string {
  return tail
    .split('\n')
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line))
    .join('\n');
}

async function waitForPortsFree(host: string, ports: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const port of ports) {
    while (!(await isFree(host, port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function withPool<T>(url: string, work: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

/**
 * On a fresh dev stack, realistic decisions wait in the simulated TIS, ProIS and IeVP IS outboxes (same seed,
 * same people), so intake opens demo cases and the processes have work. The outboxes survive restarts
 * (snapshot), so this happens once. Returns how many messages were generated.
 */
async function seedDemoDecisions(cfg: StackConfig): Promise<number> {
  const root = `http://127.0.0.1:${cfg.simulators.port}`;
  let generated = 0;
  for (const [system, count] of [
    ['tis', 10],
    ['prois', 3],
    ['ievp', 2],
  ] as const) {
    const stats = (await (await fetch(`${root}/${system}/_admin/stats`)).json()) as { outbox?: { messages?: number } };
    if ((stats.outbox?.messages ?? 0) > 0) continue;
    const res = await fetch(`${root}/${system}/_admin/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count, seed: 2026 }),
    });
    if (!res.ok)
      throw new Error(`${system} simulator did not generate demo messages: ${res.status} ${await res.text()}`);
    generated += count;
  }
  return generated;
}
