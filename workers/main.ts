import http from 'node:http';
import { getConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { createCamunda8 } from '../platform/engine-client';
import { createLogger } from '../platform/logger';
import { createPool, type ConnectionLoss } from '../platform/db/pool';
import { createPrisma } from '../platform/db/prisma';
import { AdvisoryLeader } from '../platform/db/advisory-leader';
import { WorkerHost } from './framework/host';
import { createWorkerMetrics } from './framework/metrics';
import { Projector } from './projection/projector';
import { ALL_WORKERS } from './registry';
import { NotificationDispatcher } from '../domain/notifications/dispatcher';
import { IevpClient, systemUrl } from '../integrations';
import { INTAKE_LOCK_ID, IntakePoller } from './intake/poller';
import { createWorkerServices } from './services';

/**
 * The worker host: one process that runs every job worker and the read-model projector, serves
 * /metrics (Prometheus) and /health on the workers' metrics port, and shuts down gracefully.
 */
runCli(async () => {
  const cfg = getConfig();
  const log = createLogger('workers', cfg.logLevel);
  // A connection lost (PostgreSQL restarting) is dropped and replaced by its pool; it must not end the process.
  const onConnectionLoss: ConnectionLoss = (err, where) => log.warn({ err, where }, 'database connection lost; the pool reconnects');
  const prisma = createPrisma(cfg.database.url, { onConnectionLoss });
  // The projector's and intake's lock connections, and the projector's batches.
  const pool = createPool({ connectionString: cfg.database.url, max: 5, application_name: 'plusflow-projector' }, onConnectionLoss);
  const camunda = createCamunda8(cfg);
  const zeebe = camunda.getZeebeGrpcApiClient();
  const metrics = createWorkerMetrics();

  const services = createWorkerServices(cfg);
  const host = new WorkerHost({
    zeebe,
    prisma,
    services,
    log,
    metrics,
    definitions: ALL_WORKERS,
    workerName: `plusflow-workers-${process.pid}`,
  });
  const projector = new Projector(pool, log.child({ component: 'projector' }), { partitions: await partitions(cfg.engine.restAddress) });

  const intakeLeader = new AdvisoryLeader(pool, INTAKE_LOCK_ID, log.child({ component: 'intake' }));
  const intake = new IntakePoller({
    prisma,
    engine: services.engine,
    sources: { TIS: services.tis, PROIS: services.prois, IEVP: new IevpClient({ baseUrl: systemUrl(cfg.integrations.baseUrl, 'ievp') }) },
    log: log.child({ component: 'intake' }),
    intervalMs: cfg.intake.pollIntervalMs,
    leader: intakeLeader,
  });
  const dispatcher = new NotificationDispatcher({ prisma, eAddress: services.eAddress, log: log.child({ component: 'notifications' }) });

  await host.start();
  const stopWatching = host.watchEngine(() => fetch(`${cfg.engine.restAddress}/v2/topology`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false));
  await projector.start();
  intake.start();
  dispatcher.start();

  const server = http.createServer((req, res) => {
    if (req.url === '/metrics') {
      metrics.registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    } else if (req.url === '/health') {
      const p = projector.health();
      const up = p.active && !p.lastError;
      res
        .writeHead(up ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: up ? 'up' : 'down', jobTypes: host.jobTypes, inFlight: host.inFlightCount, projector: p, intake: intake.health() }));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found', paths: ['/health', '/metrics'] }));
    }
  });
  // Loopback on a developer machine; all interfaces when others reach the workers by name (containers).
  const bind = ['127.0.0.1', 'localhost'].includes(cfg.workers.host) ? '127.0.0.1' : '0.0.0.0';
  await new Promise<void>((resolve) => server.listen(cfg.workers.metricsPort, bind, resolve));
  log.info({ port: cfg.workers.metricsPort, jobTypes: host.jobTypes }, 'worker host ready');

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal, inFlight: host.inFlightCount }, 'shutting down: finishing in-flight jobs');
    stopWatching();
    const { unfinished } = await host.stop(30_000);
    if (unfinished > 0) log.warn({ unfinished }, 'jobs still running at shutdown; the engine will hand them out again after their timeout');
    await intake.stop();
    await intakeLeader.stop();
    await dispatcher.stop();
    await projector.stop();
    await camunda.getZeebeGrpcApiClient().close().catch(() => undefined);
    await prisma.$disconnect();
    await pool.end();
    server.close();
    log.info('worker host stopped');
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
});

/** Partition ids from the engine's topology, so the projector follows every partition. */
async function partitions(restAddress: string): Promise<number[]> {
  const res = await fetch(`${restAddress}/v2/topology`, { signal: AbortSignal.timeout(5_000) });
  const topology = (await res.json()) as { partitionsCount?: number };
  const n = topology.partitionsCount ?? 1;
  return Array.from({ length: n }, (_, i) => i + 1);
}
