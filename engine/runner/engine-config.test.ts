import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../platform/config';
import { EXPORTER_CLASS, engineConfig, toJdbc, writeEngineConfig } from './engine-config';
import { javaOpts } from './process';

interface BrokerYaml {
  server: { port: number; address: string };
  management: { server: { port: number } };
  zeebe: {
    broker: {
      gateway: { network: { port: number }; security: { enabled: boolean } };
      network: { commandApi: { port: number }; internalApi: { port: number } };
      data: { directory: string };
      cluster: { clusterSize: number; partitionsCount: number; replicationFactor: number };
      exporters: Record<string, { className: string; jarPath: string; args: { url: string; username: string; password: string } }>;
    };
  };
}

describe('toJdbc', () => {
  it('maps a PostgreSQL URL to JDBC with decoded credentials and without Prisma-only parameters', () => {
    expect(toJdbc('postgresql://plus%40flow:p%3Ass%2Fw@db.internal:6543/plusflow?sslmode=require&schema=public')).toEqual({
      url: 'jdbc:postgresql://db.internal:6543/plusflow?sslmode=require',
      username: 'plus@flow',
      password: 'p:ss/w',
    });
  });

  it('defaults the port, user and password', () => {
    expect(toJdbc('postgresql://postgres@127.0.0.1/plusflow')).toEqual({ url: 'jdbc:postgresql://127.0.0.1:5432/plusflow', username: 'postgres', password: '' });
    expect(toJdbc('postgres://127.0.0.1:5433/x')).toEqual({ url: 'jdbc:postgresql://127.0.0.1:5433/x', username: 'postgres', password: '' });
  });

  it('keeps IPv6 brackets and rejects other schemes', () => {
    expect(toJdbc('postgresql://u:p@[::1]:5432/db').url).toBe('jdbc:postgresql://[::1]:5432/db');
    expect(() => toJdbc('mysql://u@h/db')).toThrow(/postgresql:\/\//);
  });
});

describe('engine configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'engine-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the stack ports and data directory and configures only our exporter', () => {
    const cfg = loadConfig({ PLUSFLOW_STACK: 'test', PLUSFLOW_CACHE_DIR: '/tmp/c' });
    const c = engineConfig(cfg, 'postgresql://postgres@127.0.0.1:5432/plusflow_test', '/tmp/x.jar') as unknown as BrokerYaml;
    expect(c.server.port).toBe(8180);
    expect(c.management.server.port).toBe(9700);
    expect(c.zeebe.broker.gateway.network.port).toBe(26600);
    expect(c.zeebe.broker.network.commandApi.port).toBe(26601);
    expect(c.zeebe.broker.network.internalApi.port).toBe(26602);
    expect(c.zeebe.broker.data.directory).toBe('/tmp/c/test/engine-data');
    expect(Object.keys(c.zeebe.broker.exporters)).toEqual(['plusflow']);
    expect(c.zeebe.broker.exporters.plusflow).toMatchObject({ className: EXPORTER_CLASS, jarPath: '/tmp/x.jar', args: { url: 'jdbc:postgresql://127.0.0.1:5432/plusflow_test' } });
  });

  it('writes a YAML file (owner-only) that reads back with the shifted ports and the exact credentials', async () => {
    const cfg = loadConfig({ PLUSFLOW_STACK: 'dev', PLUSFLOW_CACHE_DIR: dir, CAMUNDA_PORT_OFFSET: '300' });
    // Characters that need both URL escaping and YAML quoting: : @ / # ' " space % and a leading *.
    const password = `*p@ss:w/rd #1'"% x`;
    const url = `postgresql://app%20user:${encodeURIComponent(password)}@db.example:5544/plus%20flow?sslmode=disable`;
    const file = await writeEngineConfig(cfg, url, '/opt/jars/plusflow exporter.jar');
    expect(file).toBe(path.join(dir, 'dev', 'engine-config', 'application.yaml'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const y = parse(readFileSync(file, 'utf8')) as BrokerYaml;
    expect(y.server).toEqual({ port: 8380, address: '127.0.0.1' });
    expect(y.management.server.port).toBe(9900);
    expect(y.zeebe.broker.gateway.network.port).toBe(26800);
    expect(y.zeebe.broker.gateway.security.enabled).toBe(false);
    expect(y.zeebe.broker.network.commandApi.port).toBe(26801);
    expect(y.zeebe.broker.network.internalApi.port).toBe(26802);
    expect(y.zeebe.broker.cluster).toMatchObject({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1 });
    expect(y.zeebe.broker.exporters.plusflow).toEqual({
      className: EXPORTER_CLASS,
      jarPath: '/opt/jars/plusflow exporter.jar',
      args: { url: 'jdbc:postgresql://db.example:5544/plus%20flow?sslmode=disable', username: 'app user', password, batchSize: 500, flushIntervalMs: 200 },
    });
  });
});

describe('javaOpts', () => {
  it('adds the JDK 24+ flags only on JDK 24 and newer', () => {
    expect(javaOpts('-Xmx1g', { major: 21 })).toBe('-Xmx1g');
    expect(javaOpts('-Xmx1g', { major: 25 })).toBe('-Xmx1g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow');
    expect(javaOpts(' ', { major: 24 })).toBe('--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow');
  });
});
