import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { loadConfig } from '../platform/config';
import { EngineError, type EngineRestClient, type Topology } from '../platform/engine-rest';
import { checkAll, describeError, timed } from './health';
import { createHealthChecks } from './health-checks';

const topology = (partitions: Topology['brokers'][number]['partitions'], partitionsCount = 1): Topology => ({
  brokers: [{ nodeId: 0, host: 'h', port: 1, partitions, version: '8.6.0' }],
  clusterSize: 1,
  partitionsCount,
  replicationFactor: 1,
  gatewayVersion: '8.6.0',
});
const engineWith = (topologyFn: () => Promise<Topology>) => ({ topology: topologyFn }) as unknown as EngineRestClient;
const pool = (query: () => Promise<unknown>) => ({ query }) as unknown as Pool;
const okPool = pool(async () => ({ rows: [{ version: '17.2' }] }));

async function workerHost(status: number, body: unknown) {
  const server = http.createServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { cfg: loadConfig({ WORKERS_HOST: '127.0.0.1', WORKERS_METRICS_PORT: String(port) }), close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('health checks', () => {
  const cfg = loadConfig({});

  it('reports the engine up when every partition has a healthy leader', async () => {
    const up = createHealthChecks(cfg, { pool: okPool, engineRest: engineWith(async () => topology([{ partitionId: 1, role: 'leader', health: 'healthy' }])) });
    await expect(up.engine()).resolves.toMatchObject({ status: 'up', detail: 'Camunda 8.6.0' });
    const follower = createHealthChecks(cfg, {
      pool: okPool,
      engineRest: engineWith(async () => topology([{ partitionId: 1, role: 'leader', health: 'healthy' }, { partitionId: 2, role: 'follower', health: 'healthy' }], 2)),
    });
    await expect(follower.engine()).resolves.toMatchObject({ status: 'down', detail: 'no healthy leader yet for partition 2' });
    const gone = createHealthChecks(cfg, {
      pool: okPool,
      engineRest: engineWith(() =>
        Promise.reject(new EngineError(503, 'Engine unavailable', 'x', 'GET /v2/topology', Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))),
      ),
    });
    await expect(gone.engine()).resolves.toMatchObject({ status: 'down', detail: `REST gateway ${cfg.engine.restAddress} does not answer (connection refused)` });
  });

  it('reports the database with its version, or the reason it cannot be reached', async () => {
    await expect(createHealthChecks(cfg, { pool: okPool, engineRest: engineWith(async () => topology([])) }).database()).resolves.toMatchObject({
      status: 'up',
      detail: 'PostgreSQL 17.2',
    });
    const refused = Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })]), {});
    const down = createHealthChecks(cfg, { pool: pool(() => Promise.reject(refused)), engineRest: engineWith(async () => topology([])) });
    await expect(down.database()).resolves.toMatchObject({ status: 'down', detail: 'connect ECONNREFUSED ::1:5432' });
  });

  it('reads the worker host’s /health: a standby projector is fine, a projector error is not', async () => {
    const standby = await workerHost(503, { status: 'down', jobTypes: ['a', 'b'], inFlight: 0, projector: { active: false, positions: {} } });
    await expect(createHealthChecks(standby.cfg, { pool: okPool, engineRest: engineWith(async () => topology([])) }).workers()).resolves.toMatchObject({
      status: 'up',
      detail: '2 job types, projector on standby',
    });
    await standby.close();
    const failing = await workerHost(503, { status: 'down', jobTypes: ['a'], projector: { active: true, lastError: 'relation "x" does not exist' } });
    await expect(createHealthChecks(failing.cfg, { pool: okPool, engineRest: engineWith(async () => topology([])) }).workers()).resolves.toMatchObject({
      status: 'down',
      detail: 'projector: relation "x" does not exist',
    });
    await failing.close();
    // closed now: nothing listens on that port
    await expect(createHealthChecks(failing.cfg, { pool: okPool, engineRest: engineWith(async () => topology([])) }).workers()).resolves.toMatchObject({
      status: 'down',
      detail: expect.stringMatching(/does not answer \(connection refused\)/),
    });
  });

  it('gives a hanging check a deadline and counts a throwing check as down', async () => {
    await expect(timed(() => new Promise(() => undefined), 50)).resolves.toMatchObject({ status: 'down', detail: 'no answer within 50 ms' });
    const report = await checkAll({
      engine: async () => ({ status: 'up', latencyMs: 1 }),
      database: () => Promise.reject(new Error('boom')),
      workers: async () => ({ status: 'up', latencyMs: 1 }),
    });
    expect(report).toEqual({ status: 'down', checks: { engine: { status: 'up', latencyMs: 1 }, database: { status: 'down', detail: 'boom', latencyMs: 0 }, workers: { status: 'up', latencyMs: 1 } } });
    expect(describeError(new AggregateError([]))).toBe('unknown error');
  });
});
