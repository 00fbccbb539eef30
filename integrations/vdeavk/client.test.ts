import { birthDateAged, personalCodeFor } from '../../simulators/data/personal-codes';
import { createPrng } from '../../platform/prng';
import { startSimulator, type RunningSimulator } from '../../simulators/kit/testing';
import { createVdeavkSimulator } from '../../simulators/vdeavk';
import { TransientIntegrationError } from '../common/errors';
import { VdeavkClient } from './client';

const NOW = new Date('2026-03-02T09:00:00Z');
let sim: RunningSimulator;
let vdeavk: VdeavkClient;

beforeEach(async () => {
  sim = await startSimulator(createVdeavkSimulator({ now: () => NOW }));
  vdeavk = new VdeavkClient({ baseUrl: sim.baseUrl, timeoutMs: 30_000 }); // generous: a busy machine must not fail the test
});
afterEach(() => sim.stop());

describe('IIS VDEĀVK client against the disability simulator', () => {
  it('finds a disability for a minority of persons, the same each time, and null for the rest', async () => {
    const rng = createPrng(31);
    const codes = Array.from({ length: 100 }, () => personalCodeFor(rng, birthDateAged(rng, NOW, 18, 70)));
    const answers = await Promise.all(codes.map((c) => vdeavk.getDisability(c)));
    const found = answers.filter((a) => a !== null);
    expect(found.length).toBeGreaterThan(2);
    expect(found.length).toBeLessThan(30);
    const i = answers.findIndex((a) => a !== null);
    await expect(vdeavk.getDisability(codes[i]!)).resolves.toEqual(answers[i]);
    for (const f of found) {
      expect(['I', 'II', 'III', 'CHILD']).toContain(f!.disability.group);
      expect(f!.disability.functionalDisorders.length).toBeGreaterThan(0);
      expect(f!.disability.status).toBe(
        f!.disability.term.until !== null && f!.disability.term.until < '2026-03-02' ? 'EXPIRED' : 'ACTIVE',
      );
    }
  });

  it('serves a test-set disability and reports faults as transient', async () => {
    const code = personalCodeFor(createPrng(1), new Date(Date.UTC(1980, 4, 4)), 0);
    const disability = {
      group: 'II',
      decisionNumber: '2025/00042',
      decisionDate: '2025-01-15',
      term: { from: '2025-01-15', until: null },
      status: 'ACTIVE',
      functionalDisorders: ['Kustību funkciju traucējumi'],
    };
    await sim.admin.call('PUT', `/persons/${code}/disability`, { disability });
    await expect(vdeavk.getDisability(code)).resolves.toMatchObject({ personalCode: code, disability });
    await sim.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    await expect(vdeavk.getDisability(code)).rejects.toBeInstanceOf(TransientIntegrationError);
  });
});
