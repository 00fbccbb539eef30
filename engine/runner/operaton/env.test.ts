import { loadConfig } from '../../../platform/config';
import type { EngineCredentials } from './credentials';
import { engineEnv, engineJdbc, nodePort, nodeUrl, toJdbc } from './env';

const creds: EngineCredentials = {
  user: 'svc',
  password: 'p'.repeat(16),
  adminUser: 'op',
  adminPassword: 'a'.repeat(16),
  source: 'generated',
};

describe('engine environment', () => {
  it('gives the engine its ports: dev 8090, test 8190, node i on port + i', () => {
    const dev = loadConfig({});
    const test = loadConfig({ PLUSFLOW_STACK: 'test', PLUSFLOW_ENGINE_NODES: '2' });
    expect(dev.operaton.port).toBe(8090);
    expect(dev.operaton.nodes).toEqual([{ index: 0, port: 8090, url: 'http://127.0.0.1:8090' }]);
    expect(test.operaton.nodes.map((n) => n.port)).toEqual([8190, 8191]);
    expect(nodePort(test, 1)).toBe(8191);
    expect(nodePort(dev, 3)).toBe(8093);
    expect(nodeUrl(test, 1)).toBe('http://127.0.0.1:8191');
    expect(loadConfig({ PLUSFLOW_ENGINE_PORT: '9000' }).operaton.port).toBe(9000);
  });

  it('takes nodes run elsewhere from PLUSFLOW_ENGINE_URLS', () => {
    const cfg = loadConfig({ PLUSFLOW_ENGINE_URLS: 'http://engine-1:8090/,http://engine-2:8090' });
    expect(cfg.operaton.external).toBe(true);
    expect(cfg.operaton.nodes).toEqual([
      { index: 0, url: 'http://engine-1:8090', port: 8090 },
      { index: 1, url: 'http://engine-2:8090', port: 8090 },
    ]);
    expect(() => loadConfig({ PLUSFLOW_ENGINE_URLS: 'engine-1:8090' })).toThrow(/PLUSFLOW_ENGINE_URLS/);
  });

  it('refuses passwords under 12 characters and treats an empty value as unset', () => {
    expect(() => loadConfig({ PLUSFLOW_ENGINE_PASSWORD: 'short' })).toThrow(/PLUSFLOW_ENGINE_PASSWORD/);
    expect(loadConfig({ PLUSFLOW_ENGINE_PASSWORD: '', PLUSFLOW_ENGINE_ADMIN_PASSWORD: '' }).operaton).toMatchObject({
      password: undefined,
      adminPassword: undefined,
    });
  });

  it('turns DATABASE_URL into the JDBC URL of schema engine, named per node', () => {
    const j = engineJdbc('postgresql://plusflow:s%40cret@db.example:6543/plusflow?schema=public&sslmode=require', 1);
    expect(j.username).toBe('plusflow');
    expect(j.password).toBe('s@cret');
    const url = new URL(j.url.replace(/^jdbc:/, ''));
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('postgresql://db.example:6543/plusflow');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      sslmode: 'require',
      currentSchema: 'engine',
      ApplicationName: 'plusflow-engine-1',
    });
  });

  it('sets every variable the engine app reads, for the given node', () => {
    const cfg = loadConfig({
      PLUSFLOW_STACK: 'test',
      PLUSFLOW_ENGINE_CLOCK_CONTROLLED: 'false',
      PLUSFLOW_ENGINE_JOB_LOCK_MS: '20000',
    });
    const env = engineEnv(cfg, 1, creds, 'postgresql://postgres@127.0.0.1:5432/plusflow_test');
    expect(env).toEqual({
      PLUSFLOW_ENGINE_BIND: '127.0.0.1',
      PLUSFLOW_ENGINE_PORT: '8191',
      PLUSFLOW_ENGINE_JDBC_URL:
        'jdbc:postgresql://127.0.0.1:5432/plusflow_test?currentSchema=engine&ApplicationName=plusflow-engine-1',
      PLUSFLOW_ENGINE_DB_USER: 'postgres',
      PLUSFLOW_ENGINE_DB_PASSWORD: '',
      PLUSFLOW_ENGINE_USER: 'svc',
      PLUSFLOW_ENGINE_PASSWORD: creds.password,
      PLUSFLOW_ENGINE_ADMIN_USER: 'op',
      PLUSFLOW_ENGINE_ADMIN_PASSWORD: creds.adminPassword,
      PLUSFLOW_ENGINE_CLOCK_CONTROLLED: 'false',
      PLUSFLOW_ENGINE_JOB_LOCK_MS: '20000',
    });
    expect(
      engineEnv(loadConfig({ PLUSFLOW_ENGINE_HISTORY_TTL: 'P30D' }), 0, creds, 'postgresql://h/db')
        .PLUSFLOW_ENGINE_HISTORY_TTL,
    ).toBe('P30D');
  });

  it('controls the clock in development and test unless switched off', () => {
    expect(loadConfig({}).operaton.clockControlled).toBe(true);
    expect(loadConfig({ PLUSFLOW_ENGINE_CLOCK_CONTROLLED: 'false' }).operaton.clockControlled).toBe(false);
  });
});

describe('toJdbc', () => {
  it('maps a PostgreSQL URL to JDBC with decoded credentials and without Prisma-only parameters', () => {
    expect(
      toJdbc('postgresql://plus%40flow:p%3Ass%2Fw@db.internal:6543/plusflow?sslmode=require&schema=public'),
    ).toEqual({
      url: 'jdbc:postgresql://db.internal:6543/plusflow?sslmode=require',
      username: 'plus@flow',
      password: 'p:ss/w',
    });
  });

  it('defaults the port, user and password', () => {
    expect(toJdbc('postgresql://postgres@127.0.0.1/plusflow')).toEqual({
      url: 'jdbc:postgresql://127.0.0.1:5432/plusflow',
      username: 'postgres',
      password: '',
    });
    expect(toJdbc('postgres://127.0.0.1:5433/x')).toEqual({
      url: 'jdbc:postgresql://127.0.0.1:5433/x',
      username: 'postgres',
      password: '',
    });
  });

  it('keeps IPv6 brackets and rejects other schemes', () => {
    expect(toJdbc('postgresql://u:p@[::1]:5432/db').url).toBe('jdbc:postgresql://[::1]:5432/db');
    expect(() => toJdbc('mysql://u@h/db')).toThrow(/postgresql:\/\//);
  });
});
