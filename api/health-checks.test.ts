import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { loadConfig } from '../platform/config';
import type { EngineStatus } from '../workflow/port';
import { checkAll, describeError, timed } from './health';
import { createHealthChecks } from './health-checks';
import { fakeWorkflow } from './test-support/fake-workflow';

const A = 'http://127.0.0.1:8090';
const B = 'http://127.0.0.1:8091';
const status = (nodes: EngineStatus['nodes'], version: string | null = '1.0.3'): EngineStatus => ({
  up: nodes.some((n) => n.up),
  engine: 'Operaton',
  ...(version ? { version } : {}),
  nodes,
});
const engineWith = (statusFn: () => Promise<EngineStatus>) => fakeWorkflow({ status: statusFn });
const anyEngine = engineWith(async () => status([{ url: A, up: true }]));
const pool = (query: () => Promise<unknown>) => ({ query }) as unknown as Pool;
const okPool = pool(async () => ({ rows: [{ version: '17.2' }] }));

async function workerHost(status: number, body: unknown) {
  const server = http.createServer((_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    cfg: loadConfig({ WORKERS_HOST: '127.0.0.1', WORKERS_METRICS_PORT: String(port) }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('health checks', () => {
  const cfg = loadConfig({});

  it('reports the engine up when any node answers, with its name, version and how many nodes are up', async () => {
    const up = createHealthChecks(cfg, {
      pool: okPool,
      workflow: engineWith(async () => status([{ url: A, up: true }])),
    });
    await expect(up.engine()).resolves.toMatchObject({ status: 'up', detail: 'Operaton 1.0.3, 1 of 1 nodes up' });
    const oneOfTwo = createHealthChecks(cfg, {
      pool: okPool,
      workflow: engineWith(async () =>
        status([
          { url: A, up: true },
          { url: B, up: false, error: 'connection refused' },
        ]),
      ),
    });
    await expect(oneOfTwo.engine()).resolves.toMatchObject({
      status: 'up',
      detail: `Operaton 1.0.3, 1 of 2 nodes up (${B}: connection refused)`,
    });
    const gone = createHealthChecks(cfg, {
      pool: okPool,
      workflow: engineWith(async () => status([{ url: A, up: false, error: 'connection refused' }], null)),
    });
    await expect(gone.engine()).resolves.toMatchObject({
      status: 'down',
      detail: `Operaton: no node answers (${A}: connection refused)`,
    });
  });

  it('reports the database with its version, or the reason it cannot be reached', async () => {
    await expect(createHealthChecks(cfg, { pool: okPool, workflow: anyEngine }).database()).resolves.toMatchObject({
      status: 'up',
      detail: 'PostgreSQL 17.2',
    });
    const refused = Object.assign(
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })]),
      {},
    );
    const down = createHealthChecks(cfg, { pool: pool(() => Promise.reject(refused)), workflow: anyEngine });
    await expect(down.database()).resolves.toMatchObject({ status: 'down', detail: 'connect ECONNREFUSED ::1:5432' });
  });

  it('reads the worker host’s /health: its job types and whether it runs intake; an error status is down', async () => {
    const standby = await workerHost(200, {
      status: 'up',
      jobTypes: ['a', 'b'],
      inFlight: 0,
      intake: { leader: false },
    });
    await expect(
      createHealthChecks(standby.cfg, { pool: okPool, workflow: anyEngine }).workers(),
    ).resolves.toMatchObject({ status: 'up', detail: '2 job types, intake on standby' });
    await standby.close();
    const leader = await workerHost(200, {
      status: 'up',
      jobTypes: ['a', 'b', 'c'],
      inFlight: 0,
      intake: { leader: true },
    });
    await expect(
      createHealthChecks(leader.cfg, { pool: okPool, workflow: anyEngine }).workers(),
    ).resolves.toMatchObject({ status: 'up', detail: '3 job types, runs intake' });
    await leader.close();
    const failing = await workerHost(503, { status: 'down', jobTypes: ['a'] });
    await expect(
      createHealthChecks(failing.cfg, { pool: okPool, workflow: anyEngine }).workers(),
    ).resolves.toMatchObject({ status: 'down', detail: 'worker host answered 503' });
    await failing.close();
    // closed now: nothing listens on that port
    await expect(
      createHealthChecks(failing.cfg, { pool: okPool, workflow: anyEngine }).workers(),
    ).resolves.toMatchObject({
      status: 'down',
      detail: expect.stringMatching(/does not answer \(connection refused\)/),
    });
  });

  it('gives a hanging check a deadline and counts a throwing check as down', async () => {
    await expect(timed(() => new Promise(() => undefined), 50)).resolves.toMatchObject({
      status: 'down',
      detail: 'no answer within 50 ms',
    });
    const report = await checkAll({
      engine: async () => ({ status: 'up', latencyMs: 1 }),
      database: () => Promise.reject(new Error('boom')),
      workers: async () => ({ status: 'up', latencyMs: 1 }),
    });
    expect(report).toEqual({
      status: 'down',
      checks: {
        engine: { status: 'up', latencyMs: 1 },
        database: { status: 'down', detail: 'boom', latencyMs: 0 },
        workers: { status: 'up', latencyMs: 1 },
      },
    });
    expect(describeError(new AggregateError([]))).toBe('unknown error');
  });

  it('reports a partner outage as degraded, never down, and a broken partner check as degraded too', async () => {
    const up = async () => ({ status: 'up' as const, latencyMs: 1 });
    const degraded = await checkAll({
      engine: up,
      database: up,
      workers: up,
      partners: async () => ({
        status: 'degraded',
        detail: 'TIS (courts) unreachable since 2026-12-04 21:39 UTC, 3 waiting',
        latencyMs: 1,
      }),
    });
    expect(degraded).toMatchObject({ status: 'degraded', checks: { partners: { status: 'degraded' } } });
    const broken = await checkAll({
      engine: up,
      database: up,
      workers: up,
      partners: () => Promise.reject(new Error('relation does not exist')),
    });
    expect(broken).toMatchObject({
      status: 'degraded',
      checks: { partners: { status: 'degraded', detail: 'relation does not exist' } },
    });
    const engineDown = await checkAll({
      engine: async () => ({ status: 'down', latencyMs: 1 }),
      database: up,
      workers: up,
      partners: up,
    });
    expect(engineDown.status).toBe('down');
  });

  it('words unreachable partners with since when and how many steps wait', async () => {
    const partnersPool = pool(async () => ({
      rows: [{ system: 'tis', failing_since: new Date('2026-12-04T21:39:00Z'), failures_in_row: 12, waiting: '3' }],
    }));
    await expect(
      createHealthChecks(cfg, { pool: partnersPool, workflow: anyEngine }).partners!(),
    ).resolves.toMatchObject({
      status: 'degraded',
      detail: 'TIS (courts) unreachable since 2026-12-04 21:39 UTC, 3 waiting (steps retry on their own)',
    });
  });
});
