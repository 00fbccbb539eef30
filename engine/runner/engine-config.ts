import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { StackConfig } from '../../platform/config';

export const EXPORTER_CLASS = 'lv.vpd.plusflow.exporter.PostgresExporter';

export interface JdbcTarget {
  url: string;
  username: string;
  password: string;
}

/** postgresql://user:pass@host:port/db?x=y → the JDBC URL plus credentials the exporter needs. */
export function toJdbc(databaseUrl: string): JdbcTarget {
  const u = new URL(databaseUrl);
  if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got ${u.protocol}`);
  }
  const port = u.port || '5432';
  const params = new URLSearchParams(u.search);
  params.delete('schema');
  const query = params.toString();
  return {
    url: `jdbc:postgresql://${u.hostname}:${port}${u.pathname}${query ? `?${query}` : ''}`,
    username: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
  };
}

/**
 * The broker's whole configuration for one stack: a single node (one partition, no replication), bound to
 * the configured host, with our PostgreSQL exporter as its only exporter. It is layered over the
 * distribution's bundled application.yaml, whose Elasticsearch settings serve only Operate and Tasklist,
 * which we do not run.
 * On Camunda 8.9 the exporter would be replaced by `camunda.data.secondary-storage.type: rdbms`.
 */
export function engineConfig(cfg: StackConfig, databaseUrl: string, exporterJar: string): Record<string, unknown> {
  const jdbc = toJdbc(databaseUrl);
  const e = cfg.engine;
  return {
    server: { port: e.restPort, address: e.host },
    management: { server: { port: e.managementPort, address: e.host } },
    zeebe: {
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
          // The defaults (2 GB / 1 GB free) stop a developer's engine on a nearly full disk; this is dev only.
          disk: { freeSpace: { processing: '512MB', replication: '256MB' } },
        },
        cluster: { nodeId: 0, clusterSize: 1, partitionsCount: 1, replicationFactor: 1 },
        threads: { cpuThreadCount: 2, ioThreadCount: 2 },
        exporters: {
          plusflow: {
            className: EXPORTER_CLASS,
            jarPath: exporterJar,
            args: { url: jdbc.url, username: jdbc.username, password: jdbc.password, batchSize: 500, flushIntervalMs: 200 },
          },
        },
      },
    },
  };
}

export async function writeEngineConfig(cfg: StackConfig, databaseUrl: string, exporterJar: string): Promise<string> {
  const file = path.join(cfg.cacheDir, cfg.stack, 'engine-config', 'application.yaml');
  await mkdir(path.dirname(file), { recursive: true });
  const header = '# Written by engine/runner/engine-config.ts at every start; edit that file, not this one.\n';
  await writeFile(file, header + stringify(engineConfig(cfg, databaseUrl, exporterJar)), { mode: 0o600 });
  return file;
}
