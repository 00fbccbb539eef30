import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAllSimulators } from './index';
import { serveSimulators } from './kit/server';
import { loadSnapshot, saveSnapshot } from './kit/snapshot';
import { generateRuling } from './tis/generate';
import { createPrng } from '../platform/prng';

describe('all simulators on one port', () => {
  it('serves each system under its prefix, /health and an index', async () => {
    const served = await serveSimulators(createAllSimulators(), { port: 0 });
    try {
      const health = await fetch(`${served.url}/health`);
      expect(await health.json()).toEqual({
        status: 'UP',
        simulators: ['tis', 'prois', 'ievp', 'viis', 'vdeavk', 'e-adrese'],
      });
      const index = (await (await fetch(`${served.url}/`)).json()) as { simulators: { prefix: string }[] };
      expect(index.simulators.map((s) => s.prefix)).toEqual([
        '/tis',
        '/prois',
        '/ievp',
        '/viis',
        '/vdeavk',
        '/e-adrese',
      ]);
      for (const system of ['tis', 'prois', 'ievp']) {
        expect((await fetch(`${served.url}/${system}/outbox`)).status).toBe(200);
      }
      const tisIndex = (await (await fetch(`${served.url}/tis/_admin`)).json()) as {
        endpoints: { business: string[] };
      };
      expect(tisIndex.endpoints.business).toContain('POST /execution-notices');
      const unknown = await fetch(`${served.url}/vid/persons/x`);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
    } finally {
      await served.stop(200);
    }
  });

  it('stops promptly even while a request is held by an injected timeout', async () => {
    const sims = createAllSimulators();
    const served = await serveSimulators(sims, { port: 0 });
    sims[0]!.faults.configure({ timeoutRate: 1, timeoutMs: 60_000 });
    const held = fetch(`${served.url}/tis/outbox`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await served.stop(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(held).resolves.toMatchObject({ name: 'TypeError', message: 'fetch failed' }); // the connection was cut
  });

  it('keeps its state across a restart through the snapshot file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plusflow-sim-'));
    try {
      const file = path.join(dir, 'simulators.json');
      const before = createAllSimulators();
      const tis = before.find((s) => s.system === 'tis')!;
      tis.outbox!.append(generateRuling(createPrng(1), new Date()), { valid: true, now: new Date() });
      saveSnapshot(file, before);
      const after = createAllSimulators();
      expect(loadSnapshot(file, after)).toEqual(['tis', 'prois', 'ievp', 'viis', 'vdeavk', 'e-adrese']);
      expect(after.find((s) => s.system === 'tis')!.outbox!.list()).toEqual(tis.outbox!.list());
      expect(loadSnapshot(path.join(dir, 'missing.json'), after)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
