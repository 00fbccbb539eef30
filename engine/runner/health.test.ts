import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type StackConfig } from '../../platform/config';
import { engineHealth } from './health';

// A fake engine: the management port and the REST port served by one HTTP server.
async function fakeEngine(answers: { readiness: number; partitions?: unknown[] }): Promise<{ cfg: StackConfig; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/actuator/health/readiness') {
      res.writeHead(answers.readiness).end();
    } else if (req.url === '/v2/topology') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ gatewayVersion: '8.6.0', brokers: [{ partitions: answers.partitions ?? [] }] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const cfg = loadConfig({});
  cfg.engine.managementAddress = `http://127.0.0.1:${port}`;
  cfg.engine.restAddress = `http://127.0.0.1:${port}`;
  return { cfg, close: () => new Promise((r) => server.close(() => r())) };
}

describe('engineHealth', () => {
  it('is ready with a healthy leader of partition 1, and returns the topology', async () => {
    const engine = await fakeEngine({ readiness: 200, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }] });
    try {
      const h = await engineHealth(engine.cfg);
      expect(h).toMatchObject({ ready: true, version: '8.6.0' });
      expect(h.topology).toMatchObject({ gatewayVersion: '8.6.0' });
      expect(h.error).toBeUndefined();
    } finally {
      await engine.close();
    }
  });

  it('is not ready while the readiness probe fails or partition 1 has no healthy leader', async () => {
    const starting = await fakeEngine({ readiness: 503 });
    try {
      expect(await engineHealth(starting.cfg)).toMatchObject({ ready: false, detail: 'readiness probe answered 503' });
    } finally {
      await starting.close();
    }
    const electing = await fakeEngine({ readiness: 200, partitions: [{ partitionId: 1, role: 'follower', health: 'healthy' }] });
    try {
      expect(await engineHealth(electing.cfg)).toMatchObject({ ready: false, detail: 'partition 1 has no healthy leader yet' });
    } finally {
      await electing.close();
    }
  });

  it('reports an engine that does not answer', async () => {
    const cfg = loadConfig({ CAMUNDA_PORT_OFFSET: '999' });
    cfg.engine.managementAddress = 'http://127.0.0.1:1';
    const h = await engineHealth(cfg, 500);
    expect(h.ready).toBe(false);
    expect(h.detail).toMatch(/not answering/);
    expect(h.error).toBeTruthy();
  });
});
