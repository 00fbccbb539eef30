import { createPrng } from '../../platform/prng';
import { startSimulator, type RunningSimulator } from '../../simulators/kit/testing';
import { generatePenalOrder } from '../../simulators/prois/generate';
import { createProisSimulator } from '../../simulators/prois';
import { PermanentIntegrationError, TransientIntegrationError } from '../common/errors';
import { ProisClient } from './client';
import type { ProisExecutionNotice, ProisPenalOrder } from './schema';

const NOW = new Date('2026-03-02T09:00:00Z');
let sim: RunningSimulator;
let prois: ProisClient;

beforeEach(async () => {
  sim = await startSimulator(createProisSimulator({ now: () => NOW }));
  prois = new ProisClient({ baseUrl: sim.baseUrl, timeoutMs: 30_000 }); // generous: a busy machine must not fail the test
});
afterEach(() => sim.stop());

const order = async (): Promise<ProisPenalOrder> => {
  const o = generatePenalOrder(createPrng(5), NOW);
  await sim.admin.inject(o);
  return o;
};
const notice = (o: ProisPenalOrder, over: Partial<ProisExecutionNotice> = {}): ProisExecutionNotice => ({
  noticeId: `N-${o.penalOrderId}`,
  kind: 'START',
  penalOrderId: o.penalOrderId,
  criminalProceedingsNumber: o.criminalProceedingsNumber,
  personalCode: o.person.personalCode,
  date: '2026-03-02',
  text: 'Uzsākta prokurora priekšrakstā par sodu noteiktā soda izpilde.',
  sender: { unit: 'Kurzemes reģiona Liepājas nodaļa', officer: 'Māris Ozols' },
  ...over,
});

describe('ProIS client against the ProIS simulator', () => {
  it('polls penal orders and registers a notice once per Idempotency-Key', async () => {
    const o = await order();
    const page = await prois.poll(0);
    expect(page.items).toEqual([expect.objectContaining({ ok: true, messageType: 'PENAL_ORDER', message: o })]);
    const receipt = await prois.sendExecutionNotice(notice(o), { idempotencyKey: 'job-1' });
    expect(receipt.registrationNumber).toBe('PROIS-PAZ-2026-000001');
    await expect(prois.sendExecutionNotice(notice(o), { idempotencyKey: 'job-1' })).resolves.toEqual(receipt);
    await expect(prois.getExecutionNotice(receipt.noticeId)).resolves.toEqual(receipt);
  });

  it('rejects a notice about an unknown penal order as permanent', async () => {
    const o = await order();
    const err = await prois
      .sendExecutionNotice(notice(o, { penalOrderId: 'PRK-2026-00000001' }), { idempotencyKey: 'job-2' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentIntegrationError);
    expect(err).toMatchObject({ code: 'UNKNOWN_PENAL_ORDER', status: 422 });
  });

  it('classifies faults: 500 transient, timeout transient within the client timeout', async () => {
    const o = await order();
    await sim.admin.setFaults({ errorRate: 1, errorStatus: 500 });
    await expect(prois.sendExecutionNotice(notice(o), { idempotencyKey: 'job-3' })).rejects.toBeInstanceOf(
      TransientIntegrationError,
    );
    await sim.admin.setFaults({ timeoutRate: 1, timeoutMs: 10_000 });
    const started = Date.now();
    await expect(new ProisClient({ baseUrl: sim.baseUrl, timeoutMs: 150 }).poll(0)).rejects.toMatchObject({
      reason: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
