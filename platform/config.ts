import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * One place for every setting of the stack. Everything comes from environment variables with defaults
 * that work on a developer machine; `PLUSFLOW_STACK=test` shifts ports, database and data directories
 * so that the test suite never touches the developer's running stack.
 */

/** The folder with package.json: the repository in development, the app folder in the image (code in dist/). */
export const REPO_ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..');
  }
}

const port = z.coerce.number().int().min(1).max(65535);

/** An optional setting where an empty value (`X=` in a .env file) means unset. */
function optionalString<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}

const EnvSchema = z.object({
  PLUSFLOW_STACK: z.enum(['dev', 'test']).default('dev'),
  PLUSFLOW_CACHE_DIR: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  API_PORT: port.optional(),
  API_HOST: z.string().default('127.0.0.1'),
  /** Where browsers reach the API (behind a proxy in production); http://API_HOST:API_PORT by default. */
  API_PUBLIC_URL: z.string().url().optional(),
  WORKERS_METRICS_PORT: port.optional(),
  WORKERS_HOST: z.string().default('127.0.0.1'),
  SIMULATORS_PORT: port.optional(),
  /** Root URL of the external systems; each system is `<root>/<system>` (the simulators by default). */
  INTEGRATIONS_BASE_URL: z.string().url().optional(),
  /** How often intake polls the outboxes of TIS, ProIS and IeVP IS. */
  INTAKE_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  /**
   * How long a step retries while a partner system does not answer before it becomes an incident, per partner,
   * over the defaults of workers/framework/partners.ts, e.g. `tis=24h,vdeavk=30m` (units s, m, h, d).
   */
  PARTNER_RETRY_HORIZONS: z.string().optional(),
  /** The local OpenID provider that stands in for VISS and the staff directory (identity/). */
  IDENTITY_PORT: port.optional(),
  /** The OpenID provider the API signs staff in with; the local stand-in by default, VISS in production. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).default('plusflow-web'),
  /** The API's client secret at the provider. The default is for development only; deployments must set it. */
  OIDC_CLIENT_SECRET: z.string().min(16).default('plusflow-development-client-secret'),
  /** Signs session and sign-in cookies. The default is for development only; deployments must set it. */
  SESSION_SECRET: z.string().min(32).default('plusflow-development-session-secret-change-me'),
  /** A session ends after this many minutes without a request, and in any case after SESSION_MAX_HOURS. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(10),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  // Operaton engine (engine/app, run by engine/runner/operaton). The names are those the engine app reads
  // itself (engine/app/src/main/resources/application.yaml), so one .env serves the engine and the app.
  /** Where the engine nodes are reached; the managed runner also binds them there (loopback by default). */
  PLUSFLOW_ENGINE_HOST: z.string().min(1).default('127.0.0.1'),
  /** REST port of engine node 0; node i listens on this + i. Default 8090 (test 8190). */
  PLUSFLOW_ENGINE_PORT: port.optional(),
  /** How many engine nodes the managed runner starts on the one database. */
  PLUSFLOW_ENGINE_NODES: z.coerce.number().int().min(1).max(8).default(1),
  /** Base URLs of engine nodes run elsewhere (comma-separated, e.g. `http://engine-1:8090,http://engine-2:8090`). */
  PLUSFLOW_ENGINE_URLS: optionalString(
    z.string().regex(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, 'comma-separated http(s) URLs'),
  ),
  /** The service account of the REST API (HTTP Basic). */
  PLUSFLOW_ENGINE_USER: z.string().min(1).default('plusflow-service'),
  /** Its password; when unset, development and test stacks generate one (see engine/runner/operaton/credentials.ts). */
  PLUSFLOW_ENGINE_PASSWORD: optionalString(z.string().min(12)),
  /** Administrator of the Cockpit, Admin and Tasklist web apps. */
  PLUSFLOW_ENGINE_ADMIN_USER: z.string().min(1).default('operator'),
  PLUSFLOW_ENGINE_ADMIN_PASSWORD: optionalString(z.string().min(12)),
  /** Development and test only: the engine clock can be moved (POST /plusflow/clock); deployments set false. */
  PLUSFLOW_ENGINE_CLOCK_CONTROLLED: z.enum(['true', 'false']).optional(),
  /** Extra JVM options of the engine nodes (heap). */
  PLUSFLOW_ENGINE_JAVA_OPTS: z.string().optional(),
  /** How long a node holds a job it took: a killed node's timers move to another node after this. */
  PLUSFLOW_ENGINE_JOB_LOCK_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  /** History time-to-live of processes and decisions that name none (ISO-8601 period, e.g. P1825D). */
  PLUSFLOW_ENGINE_HISTORY_TTL: optionalString(z.string().regex(/^P(\d+D|\d+)$|^\d+$/, 'a period in days, e.g. P1825D')),
});

export type Env = z.infer<typeof EnvSchema>;

/** Every environment variable this configuration reads (deployment files are checked against it). */
export const ENV_VARS = Object.keys(EnvSchema.shape) as readonly (keyof Env)[];

export interface StackConfig {
  stack: 'dev' | 'test';
  cacheDir: string;
  /** Where logs of the managed processes (engine, workers, api) go. */
  logDir: string;
  database: {
    url: string;
    /** True when DATABASE_URL was given: then we never fall back to an embedded PostgreSQL. */
    explicit: boolean;
    name: string;
  };
  api: { host: string; port: number; publicUrl: string };
  /** Where the worker host serves /health and /metrics (another container in production). */
  workers: { host: string; metricsPort: number };
  simulators: { port: number };
  integrations: { baseUrl: string };
  intake: { pollIntervalMs: number };
  /** PARTNER_RETRY_HORIZONS as written; parsed (and checked) by the worker host. */
  partners: { retryHorizons: string | undefined };
  /** The local OpenID provider (development and tests) and how the API signs staff in. */
  identity: { port: number; demoPassword: string };
  auth: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    sessionSecret: string;
    sessionIdleMinutes: number;
    sessionMaxHours: number;
    /** True when the secrets are the development defaults (the API refuses them beyond loopback). */
    developmentSecrets: boolean;
  };
  logLevel: Env['LOG_LEVEL'];
  /** The Operaton engine nodes (engine/app) and how to reach them. */
  operaton: OperatonConfig;
}

export interface OperatonNode {
  index: number;
  /** The port the runner binds this node to. */
  port: number;
  /** Base URL, without `/engine-rest`. */
  url: string;
}

export interface OperatonConfig {
  host: string;
  /** Port of node 0. */
  port: number;
  nodes: OperatonNode[];
  /** True when PLUSFLOW_ENGINE_URLS names nodes run elsewhere. */
  external: boolean;
  user: string;
  /** From the environment; when undefined, engine/runner/operaton/credentials.ts keeps a generated one per stack. */
  password: string | undefined;
  adminUser: string;
  adminPassword: string | undefined;
  clockControlled: boolean;
  javaOpts: string;
  jobLockMs: number;
  historyTtl: string | undefined;
}

function databaseName(url: string): string {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!name) throw new Error(`DATABASE_URL "${url}" names no database; add one, e.g. /plusflow`);
  return decodeURIComponent(name);
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): StackConfig {
  const parsed = EnvSchema.safeParse(rawEnv);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const test = env.PLUSFLOW_STACK === 'test';
  const cacheDir = path.resolve(env.PLUSFLOW_CACHE_DIR ?? path.join(REPO_ROOT, '.cache'));
  const stackDir = path.join(cacheDir, env.PLUSFLOW_STACK);
  const defaultDbUrl = `postgresql://postgres@127.0.0.1:5432/${test ? 'plusflow_test' : 'plusflow'}`;
  const dbUrl = env.DATABASE_URL ?? defaultDbUrl;
  const apiPort = env.API_PORT ?? (test ? 3100 : 3000);
  const simulatorsPort = env.SIMULATORS_PORT ?? (test ? 4100 : 4000);
  const identityPort = env.IDENTITY_PORT ?? (test ? 3101 : 3001);
  const apiUrl = (env.API_PUBLIC_URL ?? `http://${env.API_HOST}:${apiPort}`).replace(/\/$/, '');
  const defaults = EnvSchema.shape;
  return {
    stack: env.PLUSFLOW_STACK,
    cacheDir,
    logDir: path.join(stackDir, 'logs'),
    database: { url: dbUrl, explicit: env.DATABASE_URL !== undefined, name: databaseName(dbUrl) },
    api: { host: env.API_HOST, port: apiPort, publicUrl: apiUrl },
    workers: { host: env.WORKERS_HOST, metricsPort: env.WORKERS_METRICS_PORT ?? (test ? 9564 : 9464) },
    simulators: { port: simulatorsPort },
    integrations: { baseUrl: env.INTEGRATIONS_BASE_URL ?? `http://127.0.0.1:${simulatorsPort}` },
    intake: { pollIntervalMs: env.INTAKE_POLL_INTERVAL_MS ?? (test ? 500 : 2_000) },
    partners: { retryHorizons: env.PARTNER_RETRY_HORIZONS },
    identity: { port: identityPort, demoPassword: 'demo' },
    auth: {
      issuer: env.OIDC_ISSUER ?? `http://127.0.0.1:${identityPort}`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      redirectUri: `${apiUrl}/auth/callback`,
      sessionSecret: env.SESSION_SECRET,
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      sessionMaxHours: env.SESSION_MAX_HOURS,
      developmentSecrets:
        env.OIDC_CLIENT_SECRET === defaults.OIDC_CLIENT_SECRET.parse(undefined) ||
        env.SESSION_SECRET === defaults.SESSION_SECRET.parse(undefined),
    },
    logLevel: env.LOG_LEVEL,
    operaton: operatonConfig(env, test),
  };
}

function operatonConfig(env: Env, test: boolean): OperatonConfig {
  const host = env.PLUSFLOW_ENGINE_HOST;
  const port = env.PLUSFLOW_ENGINE_PORT ?? (test ? 8190 : 8090);
  const urls = env.PLUSFLOW_ENGINE_URLS?.split(',').map((u) => u.replace(/\/+$/, ''));
  const nodes = urls
    ? urls.map((url, index) => ({
        index,
        url,
        port: Number(new URL(url).port || (url.startsWith('https:') ? 443 : 80)),
      }))
    : Array.from({ length: env.PLUSFLOW_ENGINE_NODES }, (_, index) => ({
        index,
        port: port + index,
        url: `http://${host}:${port + index}`,
      }));
  return {
    host,
    port,
    nodes,
    external: urls !== undefined,
    user: env.PLUSFLOW_ENGINE_USER,
    password: env.PLUSFLOW_ENGINE_PASSWORD,
    adminUser: env.PLUSFLOW_ENGINE_ADMIN_USER,
    adminPassword: env.PLUSFLOW_ENGINE_ADMIN_PASSWORD,
    // On by default for the dev and test stacks (scenarios fire timers); deployments set it to false.
    clockControlled: (env.PLUSFLOW_ENGINE_CLOCK_CONTROLLED ?? 'true') === 'true',
    // A cap, not a reservation: idle RSS is ~0.5 GB either way; without it the JVM may take a quarter of RAM.
    javaOpts: env.PLUSFLOW_ENGINE_JAVA_OPTS ?? '-Xmx1g',
    jobLockMs: env.PLUSFLOW_ENGINE_JOB_LOCK_MS,
    historyTtl: env.PLUSFLOW_ENGINE_HISTORY_TTL,
  };
}

/** A configuration problem the user can fix; printed without a stack trace. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

let cached: StackConfig | undefined;
export function getConfig(): StackConfig {
  cached ??= loadConfig();
  return cached;
}
