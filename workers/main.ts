import http from 'node:http';
import { hostname } from 'node:os';
import { getConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { createLogger } from '../platform/logger';
import { createPool, type ConnectionLoss } from '../platform/db/pool';
import { createPrisma } from '../platform/db/prisma';
import { AdvisoryLeader } from '../platform/db/advisory-leader';
import { JobHost } from './framework/job-host';
import { createWorkerMetrics } from './framework/metrics';
import { createWorkflowFromConfig } from '../workflow';
import { MessageSweeper } from '../workflow/messages';
import { ALL_WORKERS } from './registry';
import { NotificationDispatcher } from '../domain/notifications/dispatcher';
import { IevpClient, systemUrl } from '../integrations';
import { INTAKE_LOCK_ID, IntakePoller } from './intake/poller';
import { createWorkerServices } from './services';
import { PartnerStatusRecorder, parseRetryHorizons, retryPolicy } from './framework/partners';

/**
 * The worker host: one process that runs every job worker (external tasks of the workflow engine), intake, the
 * message sweeper and the notification dispatcher, serves /metrics (Prometheus) and /health on the workers'
 * metrics port, and shuts down gracefully.
 */
runCli(async () => {
  const cfg = getConfig();
  const log = createLogger('workers', cfg.logLevel);
  // A connection lost (PostgreSQL restarting) is dropped and replaced by its pool; it must not end the process.
  const onConnectionLoss: ConnectionLoss = (err, where) =>
    log.warn({ err, where }, 'database connection lost; the pool reconnects');
  const prisma = createPrisma(cfg.database.url, { onConnectionLoss });
  // Intake's leadership lock connection.
  const pool = createPool(
    { connectionString: cfg.database.url, max: 2, application_name: 'plusflow-workers' },
    onConnectionLoss,
  );
  const workflow = createWorkflowFromConfig(cfg);
  const metrics = createWorkerMetrics();

  const partners = new PartnerStatusRecorder(prisma, log.child({ component: 'partners' }));
  const retry = retryPolicy(parseRetryHorizons(cfg.partners.retryHorizons), cfg.api.publicUrl);
  const services = createWorkerServices(cfg, workflow.engine, {}, partners.observer);
  // Unique per process: the engine accepts an outcome from the worker id that locked the task, and replicas in
  // containers may share a pid.
  const source = workflow.jobSource({ workerId: `plusflow-workers-${hostname()}-${process.pid}`, log });
  const host = new JobHost({ source, prisma, services, log, metrics, definitions: ALL_WORKERS, retry, partners });

  const intakeLeader = new AdvisoryLeader(pool, INTAKE_LOCK_ID, log.child({ component: 'intake' }));
  const intake = new IntakePoller({
    prisma,
    engine: services.engine,
    sources: {
      TIS: services.tis,
      PROIS: services.prois,
      IEVP: new IevpClient({ baseUrl: systemUrl(cfg.integrations.baseUrl, 'ievp'), observer: partners.observer }),
    },
    log: log.child({ component: 'intake' }),
    intervalMs: cfg.intake.pollIntervalMs,
    leader: intakeLeader,
  });
  const dispatcher = new NotificationDispatcher({
    prisma,
    eAddress: services.eAddress,
    log: log.child({ component: 'notifications' }),
  });
  // Messages that found no waiting instance yet; one sweeper is enough, but a second one only repeats a harmless try.
  const messages = new MessageSweeper(prisma, workflow.engine, log.child({ component: 'messages' }));

  host.start();
  intake.start();
  dispatcher.start();
  messages.start();

  const server = http.createServer((req, res) => {
    if (req.url === '/metrics') {
      metrics.registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    } else if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          status: 'up',
          jobTypes: host.jobTypes,
          inFlight: host.inFlightCount,
          intake: intake.health(),
        }),
      );
    } else {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'not found', paths: ['/health', '/metrics'] }));
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
    const { unfinished } = await host.stop(30_000);
    if (unfinished > 0)
      log.warn(
        { unfinished },
        'jobs still running at shutdown; the engine will hand them out again after their timeout',
      );
    await intake.stop();
    await intakeLeader.stop();
    await dispatcher.stop();
    await messages.stop();
    await prisma.$disconnect();
    await pool.end();
    server.close();
    log.info('worker host stopped');
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
});
