import type { StackConfig } from '../../../platform/config';
import type { EngineCredentials } from './credentials';

/** The engine's tables live in this schema of the application database (Prisma keeps `public`). */
export const ENGINE_SCHEMA = 'engine';

/** Port of engine node `node` of this stack: node 0 on cfg.operaton.port, node i on port + i. */
export function nodePort(cfg: StackConfig, node: number): number {
  return cfg.operaton.nodes[node]?.port ?? cfg.operaton.port + node;
}

export function nodeUrl(cfg: StackConfig, node: number): string {
  return cfg.operaton.nodes[node]?.url ?? `http://${cfg.operaton.host}:${nodePort(cfg, node)}`;
}

export interface JdbcTarget {
  url: string;
  username: string;
  password: string;
}

/** Query parameters of Prisma and libpq URLs that the PostgreSQL JDBC driver does not know. */
const NON_JDBC_PARAMS = [
  'schema',
  'connection_limit',
  'pool_timeout',
  'pgbouncer',
  'statement_cache_size',
  'socket_timeout',
  'connect_timeout',
];

/** postgresql://user:pass@host:port/db?x=y → the JDBC URL plus the (decoded) credentials. */
export function toJdbc(databaseUrl: string): JdbcTarget {
  const u = new URL(databaseUrl);
  if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got ${u.protocol}`);
  }
  const port = u.port || '5432';
  const params = new URLSearchParams(u.search);
  for (const p of NON_JDBC_PARAMS) params.delete(p);
  const query = params.toString();
  return {
    // u.hostname keeps the brackets of an IPv6 address, as JDBC wants them.
    url: `jdbc:postgresql://${u.hostname}:${port}${u.pathname}${query ? `?${query}` : ''}`,
    username: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
  };
}

/** Where operators and clients find a node's REST API and its Cockpit. */
export const restUrl = (nodeBaseUrl: string) => `${nodeBaseUrl}/engine-rest`;
export const cockpitUrl = (nodeBaseUrl: string) => `${nodeBaseUrl}/operaton/app/cockpit/default/`;

/** postgresql://… → the engine's JDBC URL in schema `engine`, named per node in pg_stat_activity. */
export function engineJdbc(databaseUrl: string, node: number): { url: string; username: string; password: string } {
  const jdbc = toJdbc(databaseUrl);
  const [base, query = ''] = jdbc.url.split('?') as [string, string?];
  const params = new URLSearchParams(query);
  params.set('currentSchema', ENGINE_SCHEMA);
  params.set('ApplicationName', `plusflow-engine-${node}`);
  return { ...jdbc, url: `${base}?${params.toString()}` };
}

/**
 * The environment the engine app reads (engine/app/src/main/resources/application.yaml) for one node.
 * Every key is set, so nothing of the caller's environment leaks into the engine's configuration.
 */
export function engineEnv(
  cfg: StackConfig,
  node: number,
  creds: EngineCredentials,
  databaseUrl: string,
): Record<string, string> {
  const o = cfg.operaton;
  const jdbc = engineJdbc(databaseUrl, node);
  const env: Record<string, string> = {
    PLUSFLOW_ENGINE_BIND: o.host,
    PLUSFLOW_ENGINE_PORT: String(nodePort(cfg, node)),
    PLUSFLOW_ENGINE_JDBC_URL: jdbc.url,
    PLUSFLOW_ENGINE_DB_USER: jdbc.username,
    PLUSFLOW_ENGINE_DB_PASSWORD: jdbc.password,
    PLUSFLOW_ENGINE_USER: creds.user,
    PLUSFLOW_ENGINE_PASSWORD: creds.password,
    PLUSFLOW_ENGINE_ADMIN_USER: creds.adminUser,
    PLUSFLOW_ENGINE_ADMIN_PASSWORD: creds.adminPassword,
    PLUSFLOW_ENGINE_CLOCK_CONTROLLED: String(o.clockControlled),
    PLUSFLOW_ENGINE_JOB_LOCK_MS: String(o.jobLockMs),
  };
  if (o.historyTtl) env.PLUSFLOW_ENGINE_HISTORY_TTL = o.historyTtl;
  return env;
}
