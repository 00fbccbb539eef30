import type { Server } from 'node:http';
import { Pool } from 'pg';
import { getConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { createLogger } from '../platform/logger';
import { createApp } from './app';
import { createEngineRestClient } from './engine-rest';
import { createHealthChecks } from './health-checks';

/** The API process: listens on API_HOST:API_PORT and shuts down gracefully on SIGTERM/SIGINT. */
runCli(async () => {
  const cfg = getConfig();
  const log = createLogger('api', cfg.logLevel);
  const pool = new Pool({ connectionString: cfg.database.url, max: 10, application_name: 'plusflow-api' });
  const { app } = createApp({ log, checks: createHealthChecks(cfg, pool), engine: createEngineRestClient(cfg) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(cfg.api.port, cfg.api.host, () => resolve(s));
  });
  log.info({ url: cfg.api.publicUrl }, 'API listening');

  const shutdown = (signal: string) => {
    log.info({ signal }, 'API shutting down: finishing open requests');
    server.close(() => {
      void pool.end().then(() => log.info('API stopped'));
    });
    server.closeIdleConnections();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
});
