import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig, REPO_ROOT } from '../platform/config';
import { runCli } from '../platform/cli';
import { createLogger } from '../platform/logger';
import { createPool, type ConnectionLoss } from '../platform/db/pool';
import { createPrisma } from '../platform/db/prisma';
import { createApp } from './app';
import { UserFacingError } from '../platform/errors';
import { createOidcClient } from './auth/oidc';
import { SessionStore } from './auth/sessions';
import { createWorkflowFromConfig } from '../workflow';
import { createHealthChecks } from './health-checks';
import { listen } from './server';

/**
 * The API process: listens on API_HOST:API_PORT, serves the web UI, and on SIGTERM/SIGINT stops accepting,
 * finishes the requests in flight (10 s at most) and closes the database pool. A second signal exits at once.
 */
runCli(async () => {
  const cfg = getConfig();
  const logger = createLogger('api', cfg.logLevel);
  // A connection lost (database restart) must not end the process; its pool replaces it.
  const onConnectionLoss: ConnectionLoss = (err, where) => logger.warn({ err, where }, 'database connection lost');
  const pool = createPool(
    { connectionString: cfg.database.url, max: 10, connectionTimeoutMillis: 2_000, application_name: 'plusflow-api' },
    onConnectionLoss,
  );
  // The engine through the workflow port (the API only commands it and asks what the read models do not hold).
  const workflow = (await createWorkflowFromConfig(cfg)).engine;
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
  const prisma = createPrisma(cfg.database.url, { onConnectionLoss });
  if (cfg.auth.developmentSecrets && !['127.0.0.1', 'localhost', '::1'].includes(cfg.api.host)) {
    throw new UserFacingError(
      'The API would listen beyond this machine with the development secrets.',
      'Set OIDC_CLIENT_SECRET and SESSION_SECRET (at least 32 random characters) for any deployment.',
    );
  }
  const sessions = new SessionStore(prisma, {
    idleMinutes: cfg.auth.sessionIdleMinutes,
    maxHours: cfg.auth.sessionMaxHours,
  });
  const oidc = createOidcClient({
    issuer: cfg.auth.issuer,
    clientId: cfg.auth.clientId,
    clientSecret: cfg.auth.clientSecret,
    redirectUri: cfg.auth.redirectUri,
  });
  const app = createApp({
    config: cfg,
    logger,
    checks: createHealthChecks(cfg, { pool, workflow }),
    workflow,
    prisma,
    version,
    sessions,
    oidc,
  });

  const api = await listen(app, cfg.api.host, cfg.api.port, logger);
  logger.info({ url: cfg.api.publicUrl, docs: `${cfg.api.publicUrl}/api/docs` }, 'API listening');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'API shutting down');
    void api
      .stop(10_000)
      .then(async (cut) => {
        await pool.end();
        await prisma.$disconnect();
        logger.info({ cut }, 'API stopped');
        process.exitCode = cut > 0 ? 1 : 0;
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'API shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
});
