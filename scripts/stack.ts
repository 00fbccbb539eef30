import path from 'node:path';
import { Pool } from 'pg';
import type { StackConfig } from '../platform/config';
import { createCamunda8 } from '../platform/engine-client';
import { createLogger } from '../platform/logger';
import { ensurePostgres, redactUrl } from '../platform/db/ensure-postgres';
import { createPrisma } from '../platform/db/prisma';
import { migrate } from '../prisma/migrate';
import { seed } from '../prisma/seed';
import { ensureDistribution, ensureExporterJar, startEngine } from '../engine/runner';
import { deployProcesses, recordDeployment, withoutModelerOverrides, type DeploymentSummary } from '../processes/deploy';
import { loadProcessResources } from '../processes/catalog';
import { alignReadModelsWithEngine } from '../workers/projection/reset';
import { Progress } from './progress';
import { startService, type Service } from './services';

export interface StackHandle {
  config: StackConfig;
  databaseUrl: string;
  deployment: DeploymentSummary;
  stop(): Promise<void>;
}

/**
 * Brings the whole stack up in dependency order: PostgreSQL, migrations and demo data, the engine, process
 * deployment, then the simulators of external systems, the worker host and the API. Used by `npm start` and by the integration test set-up,
 * so tests run against exactly what users run. `stop()` takes everything down in reverse order.
 */
export async function startStack(cfg: StackConfig, opts: { seedDemoData: boolean; progress?: Progress }): Promise<StackHandle> {
  const progress = opts.progress ?? new Progress();
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(err));
  };
  try {
    const pg = await progress.step('PostgreSQL', (update) => ensurePostgres(cfg, { onProgress: update }), (r) =>
      r.embedded ? `embedded server, ${redactUrl(r.url)}` : redactUrl(r.url),
    );
    stops.push(() => pg.stop());
    const env: NodeJS.ProcessEnv = { ...process.env, PLUSFLOW_STACK: cfg.stack, DATABASE_URL: pg.url };

    await progress.step('Database migrations', () => migrate(pg.url), (r) => (r.applied.length ? `applied ${r.applied.join(', ')}` : 'up to date'));
    if (opts.seedDemoData) {
      await progress.step('Demo data', async () => {
        const prisma = createPrisma(pg.url);
        try {
          await seed(prisma);
        } finally {
          await prisma.$disconnect();
        }
      });
    }

    if (cfg.engine.mode === 'managed') {
      await progress.step('Camunda distribution', (update) => ensureDistribution(cfg, update), (dir) => dir);
      await progress.step('Engine exporter', () => ensureExporterJar(cfg));
      // Engine data and its exported records belong together: a fresh engine starts its positions at
      // zero again, so the records and read models of another engine must go.
      await progress.step('Engine read models', () => withPool(pg.url, (pool) => alignReadModelsWithEngine(pool, cfg.engine.dataDir)), (reset) =>
        reset ? 'reset: the engine data directory is new or was used with another database' : 'in step with the engine',
      );
      const engine = await progress.step(
        `Camunda ${cfg.engine.version} engine`,
        (update) => startEngine(cfg, { databaseUrl: pg.url, onProgress: update }),
        (e) => (e.reused ? `already running (pid ${e.pid})` : `started (pid ${e.pid}), log ${e.logFile}`),
      );
      stops.push(() => engine.stop());
    }

    const deployment = await progress.step(
      'Process deployment',
      async () => {
        const camunda = createCamunda8(cfg);
        const zeebe = camunda.getZeebeGrpcApiClient();
        try {
          const log = createLogger('deploy', 'warn');
          const resources = await withPool(pg.url, async (pool) => withoutModelerOverrides(pool, await loadProcessResources(), log));
          const summary = await deployProcesses(zeebe, log, resources);
          await withPool(pg.url, (pool) => recordDeployment(pool, summary));
          return summary;
        } finally {
          await zeebe.close();
        }
      },
      (d) => d.processes.map((p) => `${p.bpmnProcessId} v${p.version}`).join(', '),
    );

    const services: Service[] = [];
    for (const svc of [
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
    ]) {
      const s = await progress.step(`Start ${svc.name}`, (update) => startService({ ...svc, env, logDir: cfg.logDir, onStatus: update }));
      services.push(s);
      stops.push(() => s.stop());
    }

    if (opts.seedDemoData && cfg.stack === 'dev') {
      await progress.step('Demo decisions', () => seedDemoDecisions(cfg), (n) => (n ? `${n} court rulings, penal orders and release notices in the simulators' outboxes` : 'already there'));
    }

    return { config: cfg, databaseUrl: pg.url, deployment, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
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
  for (const [system, count] of [['tis', 10], ['prois', 3], ['ievp', 2]] as const) {
    const stats = (await (await fetch(`${root}/${system}/_admin/stats`)).json()) as { outbox?: { messages?: number } };
    if ((stats.outbox?.messages ?? 0) > 0) continue;
    const res = await fetch(`${root}/${system}/_admin/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count, seed: 2026 }),
    });
    if (!res.ok) throw new Error(`${system} simulator did not generate demo messages: ${res.status} ${await res.text()}`);
    generated += count;
  }
  return generated;
}
