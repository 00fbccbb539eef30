import path from 'node:path';
import Koa from 'koa';
import Router from '@koa/router';
import type { Logger } from 'pino';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { REPO_ROOT, type StackConfig } from '../platform/config';
import type { WorkflowEngine } from '../workflow/port';
import type { HealthChecks } from './health';
import { problems } from './middleware/problems';
import { requestContext } from './middleware/request-context';
import { securityHeaders } from './middleware/security-headers';
import { staticUi } from './middleware/static-ui';
import { createRegistry, openApiDocument } from './openapi';
import { mountRoutes } from './route';
import { mountDocs } from './routes/docs';
import { healthRoutes } from './routes/health';
import { mountMetrics } from './routes/metrics';
import { documentRoutes } from './routes/documents';
import { notificationRoutes } from './routes/notifications';
import { clientRoutes } from './routes/clients';
import { monitorRoutes } from './routes/monitor';
import { modelRoutes } from './routes/models';
import { intakeRoutes } from './routes/intake';
import { partnerRoutes } from './routes/partners';
import { taskRoutes, type TaskReader } from './routes/tasks';
import { meRoutes } from './routes/me';
import { processRoutes } from './routes/processes';
import { authRoutes, loadSession, type SessionManager } from './auth/http';
import type { OidcClient } from './auth/oidc';
import { projectionTaskReader } from './inbox/reader';
import { TaskNames } from './inbox/task-names';
import type { PrismaClient } from '../prisma/generated/client';

/** Everything the API talks to, injected: tests pass fakes, api/main.ts the real ones. */
export interface ApiDeps {
  /** The stack's settings, for routes that need them (authentication will). */
  config: StackConfig;
  logger: Logger;
  checks: HealthChecks;
  /** The workflow engine, through the engine-neutral port (workflow/port.ts). */
  workflow: WorkflowEngine;
  /** The case database; routes that read it are mounted only when it is given (unit tests of the shell omit it). */
  prisma?: PrismaClient;
  /** Where the metrics go; a fresh registry by default (tests build many apps in one process). */
  metrics?: Registry;
  /** The built web UI served at / (modeler-ui/dist by default). */
  uiDir?: string;
  /** Shown in the OpenAPI document. */
  version?: string;
  /** Staff sessions (PostgreSQL in the product); without them every non-public route answers 401. */
  sessions?: SessionManager;
  /** Sign-in through the OpenID provider; /auth/* routes exist only when given (with `prisma`). */
  oidc?: OidcClient;
  /** Where task routes read tasks; the read models (and the engine for forms) when `prisma` is given. */
  tasks?: TaskReader;
}

export const DEFAULT_UI_DIR = path.join(REPO_ROOT, 'modeler-ui', 'dist');

/**
 * The Koa application. Middleware from the outside in: request id + access log + metrics, security
 * headers, the problem+json error handler, then the routers and finally the static web UI.
 */
export function createApp(deps: ApiDeps): Koa {
  const { logger } = deps;
  // app.proxy stays false: X-Forwarded-* headers are not trusted until a reverse proxy is part of the deployment.
  const app = new Koa();

  const metrics = deps.metrics ?? new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'plusflow_api_' });
  const duration = new Histogram({
    name: 'plusflow_api_http_request_duration_seconds',
    help: 'Duration of HTTP requests to the API by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics],
  });

  const registry = createRegistry();

  // Operations and documentation: public, no session.
  const ops = new Router();
  mountRoutes(ops, registry, healthRoutes(deps.checks));
  mountMetrics(ops, metrics);

  // The business API.
  const api = new Router();
  // Authentication and authorisation: the session is loaded for every request (loadSession); each route
  // declares who may call it (`access` in route.ts: session, CSRF for changes, permission) and handlers check
  // department scope through api/auth/policy.ts. Sign-in itself is /auth/* (OpenID Connect).
  // JSON bodies are read per route, within the route's limit (api/route.ts).
  mountRoutes(api, registry, meRoutes());
  mountRoutes(api, registry, processRoutes());
  // Task and step names from the deployed diagrams for the client timeline and the partner panel (the inbox reads
  // each task's own name).
  const taskNames = deps.prisma ? new TaskNames(deps.prisma) : undefined;
  const tasks = deps.tasks ?? (deps.prisma ? projectionTaskReader(deps.prisma, deps.workflow) : undefined);
  if (tasks) mountRoutes(api, registry, taskRoutes({ workflow: deps.workflow, tasks }));
  if (deps.prisma) {
    mountRoutes(api, registry, intakeRoutes({ prisma: deps.prisma, workflow: deps.workflow, logger }));
    mountRoutes(api, registry, documentRoutes(deps.prisma));
    mountRoutes(api, registry, clientRoutes(deps.prisma, taskNames!));
    mountRoutes(api, registry, notificationRoutes(deps.prisma));
    mountRoutes(api, registry, monitorRoutes({ prisma: deps.prisma, workflow: deps.workflow }));
    mountRoutes(api, registry, partnerRoutes({ prisma: deps.prisma, names: taskNames! }));
    mountRoutes(api, registry, modelRoutes({ prisma: deps.prisma, workflow: deps.workflow }));
  }
  const auth =
    deps.oidc && deps.sessions && deps.prisma
      ? authRoutes({
          oidc: deps.oidc,
          sessions: deps.sessions,
          prisma: deps.prisma,
          secureCookies: deps.config.api.publicUrl.startsWith('https://'),
          log: logger,
        })
      : undefined;

  // The document covers both routers, so it is generated after all routes are mounted.
  const document = openApiDocument(registry, deps.version ?? '0.1.0');
  mountDocs(ops, () => document);

  // Signs the short-lived sign-in cookie (state, nonce, PKCE verifier).
  app.keys = [deps.config.auth.sessionSecret];
  app.use(requestContext(logger, duration));
  app.use(securityHeaders());
  app.use(problems(logger));
  app.use(loadSession(deps.sessions));
  if (auth) {
    app.use(auth.routes());
    app.use(auth.allowedMethods());
  }
  app.use(ops.routes());
  app.use(ops.allowedMethods());
  app.use(api.routes());
  app.use(api.allowedMethods());
  app.use(staticUi(deps.uiDir ?? DEFAULT_UI_DIR));

  // Errors are answered by problems(); what still arrives here happened while writing the answer.
  app.on('error', (err: unknown) => logger.warn({ err }, 'error after the answer started'));
  return app;
}
