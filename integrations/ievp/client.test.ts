import { generateReleaseNotice } from '../../simulators/ievp/generate';
import { createIevpSimulator } from '../../simulators/ievp';
import { createPrng } from '../../platform/prng';
import { startSimulator, type RunningSimulator } from '../../simulators/kit/testing';
import { TransientIntegrationError } from '../common/errors';
import { IevpClient } from './client';

const NOW = new Date('2026-03-02T09:00:00Z');
let sim: RunningSimulator;
let ievp: IevpClient;

beforeEach(async () => {
  sim = await startSimulator(createIevpSimulator({ now: () => NOW }));
  ievp = new IevpClient({ baseUrl: sim.baseUrl, timeoutMs: 30_000 }); // generous: a busy machine must not fail the test
});
afterEach(() => sim.stop());

describe('IeVP IS client against the IeVP simulator', () => {
  it('polls release notices page by page, valid and malformed apart', async () => {
    const notices = [1, 2, 3].map((seed) => generateReleaseNotice(createPrng(seed), NOW));
    for (const n of notices) await sim.admin.inject(n);
    await sim.admin.inject({ ...notices[0], releaseType: 'ESCAPED' }, { raw: true });

    const p1 = await ievp.poll(0, { limit: 2 });
    expect(p1.items.map((i) => i.ok && i.message)).toEqual(notices.slice(0, 2));
    expect(p1.hasMore).toBe(true);
    const p2 = await ievp.poll(p1.nextCursor, { limit: 10 });
    expect(p2.items.map((i) => i.ok)).toEqual([true, false]);
    const bad = p2.items[1];
    expect(bad?.ok === false && bad.issues).toEqual([expect.stringMatching(/^releaseType: /)]);
    expect(p2).toMatchObject({ nextCursor: 4, hasMore: false });
    await expect(ievp.poll(p2.nextCursor)).resolves.toEqual({ items: [], nextCursor: 4, hasMore: false });
  });

  it('reports an unreachable or failing IeVP IS as transient', async () => {
    await sim.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    await expect(ievp.poll(0)).rejects.toBeInstanceOf(TransientIntegrationError);
    await sim.stop();
    await expect(ievp.poll(0)).rejects.toMatchObject({ reason: 'network' });
    sim = await startSimulator(createIevpSimulator()); // for afterEach
  });
});
