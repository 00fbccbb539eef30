import path from 'node:path';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import serve from 'koa-static';
import type { Logger } from 'pino';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { REPO_ROOT } from '../platform/config';
import type { EngineRestClient } from './engine-rest';
import { problems } from './middleware/problems';
import { requestContext } from './middleware/request-context';
import { securityHeaders } from './middleware/security-headers';
import { createRegistry, openApiDocument } from './openapi';
import { mountRoutes } from './route';
import { mountDocs } from './routes/docs';
import { healthRoutes, type HealthChecks } from './routes/health';
import { taskRoutes } from './routes/tasks';

export interface ApiDeps {
  log: Logger;
  checks: HealthChecks;
  engine: EngineRestClient;
  version?: string;
  /** Built web UI to serve at / (modeler-ui/dist by default). */
  uiDir?: string;
}

/** The Koa application, with every collaborator injected so tests can run it without a network. */
export function createApp(deps: ApiDeps): { app: Koa; metrics: Registry } {
  const app = new Koa();
  app.proxy = true;
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'plusflow_api_' });
  const duration = new Histogram({
    name: 'plusflow_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics],
  });

  const registry = createRegistry();
  const router = new Router();
  mountRoutes(router, registry, [...healthRoutes(deps.checks), ...taskRoutes(deps.engine)]);
  const document = openApiDocument(registry, deps.version ?? '0.1.0');
  mountDocs(router, () => document);
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.contentType;
    ctx.body = await metrics.metrics();
  });

  app.use(requestContext(deps.log, duration));
  app.use(securityHeaders());
  app.use(problems(deps.log));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' }));
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  app.use(serve(deps.uiDir ?? path.join(REPO_ROOT, 'modeler-ui', 'dist'), { maxage: 60_000, index: 'index.html' }));
  return { app, metrics };
}
