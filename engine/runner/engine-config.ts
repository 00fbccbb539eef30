import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { StackConfig } from '../../platform/config';

/** How the exporter batches records into PostgreSQL: a batch is written when full or when this interval passes. */
export const EXPORTER_FLUSH = { batchSize: 500, flushIntervalMs: 200 } as const;

export const EXPORTER_CLASS = 'lv.vpd.plusflow.exporter.PostgresExporter';
/** The exporter's id in the broker configuration; also its logger name (io.camunda.zeebe.broker.exporter.plusflow). */
export const EXPORTER_ID = 'plusflow';

export interface JdbcTarget {
  url: string;
  username: string;
  password: string;
}

/** Query parameters of DATABASE_URL that only Prisma or libpq understand; the JDBC URL leaves them out. */
const NON_JDBC_PARAMS = ['schema', 'connection_limit', 'pool_timeout', 'pgbouncer', 'statement_cache_size', 'socket_timeout', 'connect_timeout'];

/** postgresql://user:pass@host:port/db?x=y → the JDBC URL plus the (decoded) credentials the exporter needs. */
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

/**
 * The broker configuration of one stack: a single node (one partition, no replication) bound to the
 * configured host and ports, with our PostgreSQL exporter as its only exporter.
 *
 * It is layered over the distribution's own configuration (SPRING_CONFIG_ADDITIONAL_LOCATION, see
 * process.ts) rather than replacing it, because the jar's application.properties holds the actuator and
 * health-group settings the readiness probe needs. The bundled config/application.yaml of 8.6 defines no
 * exporter, and the 8.6 standalone broker adds none by itself (no Elasticsearch or Camunda exporter), so
 * `plusflow` is the only one; its `camunda.database` Elasticsearch settings serve Operate and Tasklist,
 * which we do not run.
 *
 * 8.6 has no secondary-storage setting. On 8.9 the exporter would give way to
 * `camunda.data.secondary-storage.type: rdbms` (+ `…rdbms.url/username/password`), whose RDBMS exporter
 * writes Camunda's own schema instead of zeebe.record; H2 is not needed in either case.
 */
export function engineConfig(cfg: StackConfig, databaseUrl: string, exporterJar: string): Record<string, unknown> {
  const jdbc = toJdbc(databaseUrl);
  const e = cfg.engine;
  return {
    server: { port: e.restPort, address: e.host },
    management: {
      server: { port: e.managementPort, address: e.host },
      endpoint: { clock: { enabled: e.clockControlled } },
    },
    zeebe: {
      // Lets the scenario runner and tests move the engine's time (PUT /actuator/clock/add) to fire timers.
      clock: { controlled: e.clockControlled },
      broker: {
        gateway: {
          enable: true,
          network: { host: e.host, port: e.grpcPort },
          security: { enabled: false, authentication: { mode: 'none' } },
        },
        network: { host: e.host, commandApi: { port: e.commandPort }, internalApi: { port: e.internalPort } },
        data: {
          directory: e.dataDir,
          snapshotPeriod: '5m',
          // The defaults (2 GB / 1 GB free) stop a developer's engine on a nearly full disk; dev and test only.
          disk: { freeSpace: { processing: '512MB', replication: '256MB' } },
        },
        cluster: { nodeId: 0, clusterSize: 1, partitionsCount: 1, replicationFactor: 1 },
        threads: { cpuThreadCount: 2, ioThreadCount: 2 },
        exporters: {
          [EXPORTER_ID]: {
            className: EXPORTER_CLASS,
            jarPath: exporterJar,
            args: { url: jdbc.url, username: jdbc.username, password: jdbc.password, ...EXPORTER_FLUSH },
          },
        },
      },
    },
  };
}

/** `<cacheDir>/<stack>/engine-config/application.yaml` */
export function engineConfigFile(cfg: StackConfig): string {
  return path.join(cfg.cacheDir, cfg.stack, 'engine-config', 'application.yaml');
}

/** Writes the configuration (readable by the owner only: it holds the database password) and returns its path. */
export async function writeEngineConfig(cfg: StackConfig, databaseUrl: string, exporterJar: string): Promise<string> {
  const file = engineConfigFile(cfg);
  await mkdir(path.dirname(file), { recursive: true });
  const header = '# Written by engine/runner/engine-config.ts at every engine start; edit that file, not this one.\n';
  await writeFile(file, header + stringify(engineConfig(cfg, databaseUrl, exporterJar)), { mode: 0o600 });
  await chmod(file, 0o600); // `mode` applies only when the file is new
  return file;
}
