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

const EnvSchema = z.object({
  PLUSFLOW_STACK: z.enum(['dev', 'test']).default('dev'),
  PLUSFLOW_CACHE_DIR: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  CAMUNDA_VERSION: z.string().regex(/^\d+\.\d+\.\d+$/).optional(),
  CAMUNDA_PORT_OFFSET: z.coerce.number().int().min(0).max(1000).optional(),
  CAMUNDA_JAVA_OPTS: z.string().optional(),
  CAMUNDA_ENGINE_MODE: z.enum(['managed', 'external']).default('managed'),
  CAMUNDA_ENGINE_HOST: z.string().default('127.0.0.1'),
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
  /** Engine clock under test control (PUT /actuator/clock): the scenario runner moves time to fire timers. */
  CAMUNDA_CLOCK_CONTROLLED: z.enum(['true', 'false']).optional(),
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
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(10),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Every environment variable this configuration reads (deployment files are checked against it). */
export const ENV_VARS = Object.keys(EnvSchema.shape) as readonly (keyof Env)[];

/** The pinned engine version. 8.9 is the target; see docs/decisions/0002-engine-version.md. */
export const DEFAULT_CAMUNDA_VERSION = '8.6.0';

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
  engine: {
    mode: 'managed' | 'external';
    version: string;
    host: string;
    grpcPort: number;
    restPort: number;
    managementPort: number;
    commandPort: number;
    internalPort: number;
    /** Zeebe log + RocksDB of this stack. */
    dataDir: string;
    javaOpts: string;
    /** The engine's clock can be moved through the management API (`/actuator/clock`). */
    clockControlled: boolean;
    grpcAddress: string;
    restAddress: string;
    managementAddress: string;
  };
  api: { host: string; port: number; publicUrl: string };
  /** Where the worker host serves /health and /metrics (another container in production). */
  workers: { host: string; metricsPort: number };
  simulators: { port: number };
  integrations: { baseUrl: string };
  intake: { pollIntervalMs: number };
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
  const offset = env.CAMUNDA_PORT_OFFSET ?? (test ? 100 : 0);
  const defaultDbUrl = `postgresql://postgres@127.0.0.1:5432/${test ? 'plusflow_test' : 'plusflow'}`;
  const dbUrl = env.DATABASE_URL ?? defaultDbUrl;
  const host = env.CAMUNDA_ENGINE_HOST;
  const grpcPort = 26500 + offset;
  const restPort = 8080 + offset;
  const managementPort = 9600 + offset;
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
    engine: {
      mode: env.CAMUNDA_ENGINE_MODE,
      version: env.CAMUNDA_VERSION ?? DEFAULT_CAMUNDA_VERSION,
      host,
      grpcPort,
      restPort,
      managementPort,
      commandPort: 26501 + offset,
      internalPort: 26502 + offset,
      dataDir: path.join(stackDir, 'engine-data'),
      javaOpts: env.CAMUNDA_JAVA_OPTS ?? '-Xmx1g',
      // On by default for the dev and test stacks (scenarios fire timers); deployments set it to false.
      clockControlled: (env.CAMUNDA_CLOCK_CONTROLLED ?? 'true') === 'true',
      grpcAddress: `${host}:${grpcPort}`,
      restAddress: `http://${host}:${restPort}`,
      managementAddress: `http://${host}:${managementPort}`,
    },
    api: { host: env.API_HOST, port: apiPort, publicUrl: apiUrl },
    workers: { host: env.WORKERS_HOST, metricsPort: env.WORKERS_METRICS_PORT ?? (test ? 9564 : 9464) },
    simulators: { port: simulatorsPort },
    integrations: { baseUrl: env.INTEGRATIONS_BASE_URL ?? `http://127.0.0.1:${simulatorsPort}` },
    intake: { pollIntervalMs: env.INTAKE_POLL_INTERVAL_MS ?? (test ? 500 : 2_000) },
    identity: { port: identityPort, demoPassword: 'demo' },
    auth: {
      issuer: env.OIDC_ISSUER ?? `http://127.0.0.1:${identityPort}`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      redirectUri: `${apiUrl}/auth/callback`,
      sessionSecret: env.SESSION_SECRET,
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      sessionMaxHours: env.SESSION_MAX_HOURS,
      developmentSecrets: env.OIDC_CLIENT_SECRET === defaults.OIDC_CLIENT_SECRET.parse(undefined) || env.SESSION_SECRET === defaults.SESSION_SECRET.parse(undefined),
    },
    logLevel: env.LOG_LEVEL,
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
