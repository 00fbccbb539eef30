import { personalCodeFor } from '../../simulators/data/personal-codes';
import { createPrng } from '../../platform/prng';
import { startSimulator, type RunningSimulator } from '../../simulators/kit/testing';
import { generateRuling } from '../../simulators/tis/generate';
import { createTisSimulator } from '../../simulators/tis';
import { PermanentIntegrationError, TransientIntegrationError } from '../common/errors';
import { TisClient } from './client';
import type { TisExecutionNotice, TisRuling } from './schema';

const NOW = new Date('2026-03-02T09:00:00Z');
let sim: RunningSimulator;
let tis: TisClient;

// a fresh simulator per test: cursors and registration numbers start from 1
beforeEach(async () => {
  sim = await startSimulator(createTisSimulator({ now: () => NOW }));
  tis = new TisClient({ baseUrl: sim.baseUrl, timeoutMs: 30_000 }); // generous: a busy machine must not fail the test
});
afterEach(() => sim.stop());

/** A ruling in TIS's outbox, as a court would send it. */
async function ruling(seed = 1): Promise<TisRuling> {
  const r = {
    ...generateRuling(createPrng(seed), NOW),
    punishments: [{ type: 'FORCED_WORK' as const, role: 'MAIN' as const, hours: 120 }],
  };
  await sim.admin.inject(r);
  return r;
}

function notice(r: TisRuling, over: Partial<TisExecutionNotice> = {}): TisExecutionNotice {
  return {
    noticeId: `N-${r.rulingId}-start`,
    kind: 'START',
    rulingId: r.rulingId,
    caseNumber: r.caseNumber,
    personalCode: r.person.personalCode,
    date: '2026-03-02',
    text: 'Piespiedu darba izpilde uzsākta; klients norīkots darbā pie darba devēja.',
    sender: { unit: 'Rīgas Pārdaugavas nodaļa', officer: 'Inese Kalniņa' },
    ...over,
  };
}

describe('TIS client against the TIS simulator', () => {
  it('polls rulings and registers an execution notice', async () => {
    const r = await ruling();
    const page = await tis.poll(0);
    expect(page).toMatchObject({ nextCursor: 1, hasMore: false });
    expect(page.items[0]).toMatchObject({ ok: true, cursor: 1, messageType: 'RULING_FOR_EXECUTION', message: r });

    const receipt = await tis.sendExecutionNotice(notice(r), { idempotencyKey: 'job-1' });
    expect(receipt).toEqual({
      noticeId: `N-${r.rulingId}-start`,
      registrationNumber: 'TIS-PAZ-2026-000001',
      status: 'REGISTERED',
      registeredAt: NOW.toISOString(),
    });
    await expect(tis.getExecutionNotice(receipt.noticeId)).resolves.toEqual(receipt);
    await expect(tis.getExecutionNotice('N-unknown')).resolves.toBeNull();

    const received = await sim.admin.received({ endpoint: 'POST /execution-notices' });
    expect(received.items[0]!.headers['idempotency-key']).toBe('job-1');
  });

  it('hands malformed messages over for quarantine instead of dropping them', async () => {
    await sim.admin.inject(
      { messageType: 'RULING_FOR_EXECUTION', rulingId: 'TIS-X', court: 'Rīgas pilsētas tiesa' },
      { raw: true },
    );
    const [item] = (await tis.poll(0)).items;
    expect(item).toMatchObject({ ok: false, cursor: 1, raw: { rulingId: 'TIS-X' } });
    expect(item?.ok === false && item.issues.some((i) => i.startsWith('caseNumber'))).toBe(true);
  });

  it('never registers a notice twice when a retry repeats the Idempotency-Key', async () => {
    const r = await ruling();
    const first = await tis.sendExecutionNotice(notice(r), { idempotencyKey: 'job-2' });
    const again = await tis.sendExecutionNotice(notice(r), { idempotencyKey: 'job-2' });
    expect(again).toEqual(first);
    const stats = await sim.admin.stats();
    expect(stats.idempotency.duplicates).toBe(1);
    expect((stats as unknown as { systemState: { noticesRegistered: number } }).systemState.noticesRegistered).toBe(1);
  });

  it('rejects notices that make no sense for the ruling as permanent errors with a code', async () => {
    const r = await ruling();
    const refused = async (n: TisExecutionNotice, key: string) =>
      (await tis.sendExecutionNotice(n, { idempotencyKey: key }).catch((e: unknown) => e)) as PermanentIntegrationError;
    expect(await refused(notice(r, { rulingId: 'TIS-NOL-2026-00000000' }), 'k1')).toMatchObject({
      code: 'UNKNOWN_RULING',
      status: 422,
      retryable: false,
    });
    expect(
      await refused(
        notice(r, { personalCode: personalCodeFor(createPrng(99), new Date(Date.UTC(1990, 0, 1)), 0) }),
        'k2',
      ),
    ).toMatchObject({ code: 'PERSON_MISMATCH' });
    expect(
      await refused(
        notice(r, { noticeId: 'N-2', kind: 'PROBLEM', hoursWorked: 130, problemReason: 'NON_ATTENDANCE' }),
        'k3',
      ),
    ).toMatchObject({ code: 'HOURS_EXCEED_SENTENCE' });
    await tis.sendExecutionNotice(notice(r, { noticeId: 'N-3', kind: 'COMPLETION', hoursWorked: 120 }), {
      idempotencyKey: 'k4',
    });
    expect(await refused(notice(r, { noticeId: 'N-4', kind: 'PROBLEM', problemReason: 'OTHER' }), 'k5')).toMatchObject({
      code: 'EXECUTION_ALREADY_COMPLETED',
    });
    // a notice that breaks the contract never leaves PLUS
    expect(await refused(notice(r, { kind: 'COMPLETION' }), 'k6')).toMatchObject({ reason: 'invalid-request' });
  });

  it('classifies injected 5xx as transient, and the retry with the same key registers once', async () => {
    const r = await ruling();
    await sim.admin.setFaults({ errorRate: 1, errorStatus: 503, endpoints: ['POST /execution-notices'] });
    const err = await tis.sendExecutionNotice(notice(r), { idempotencyKey: 'job-3' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientIntegrationError);
    expect(err).toMatchObject({ reason: 'server-error', status: 503, retryAfterMs: 1000, idempotencyKey: 'job-3' });
    await sim.admin.clearFaults();
    await expect(tis.sendExecutionNotice(notice(r), { idempotencyKey: 'job-3' })).resolves.toMatchObject({
      status: 'REGISTERED',
    });
    expect((await sim.admin.received({ endpoint: 'POST /execution-notices' })).total).toBe(2);
  });

  it('classifies injected 4xx as permanent', async () => {
    const r = await ruling();
    await sim.admin.setFaults({ errorRate: 1, errorStatus: 400 });
    await expect(tis.sendExecutionNotice(notice(r), { idempotencyKey: 'job-4' })).rejects.toBeInstanceOf(
      PermanentIntegrationError,
    );
  });

  it('honours its timeout; when only the answer was lost, the retry gets the original registration', async () => {
    const r = await ruling();
    await sim.admin.setFaults({ timeoutRate: 1, timeoutMs: 10_000, timeoutAfterProcessing: true });
    const quick = new TisClient({ baseUrl: sim.baseUrl, timeoutMs: 200 });
    const started = Date.now();
    const err = await quick.sendExecutionNotice(notice(r), { idempotencyKey: 'job-5' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(2_000);

    await sim.admin.clearFaults();
    const registered = await tis.getExecutionNotice(notice(r).noticeId);
    expect(registered).not.toBeNull();
    await expect(tis.sendExecutionNotice(notice(r), { idempotencyKey: 'job-5' })).resolves.toEqual(registered);
  });

  it('sees a duplicate delivery as the same messageId at a later cursor', async () => {
    await ruling(1);
    await ruling(2);
    await sim.admin.setFaults({ duplicateDeliveryRate: 1 });
    const first = await tis.poll(0);
    const later = await tis.poll(first.nextCursor);
    expect(first.items.map((i) => i.cursor)).toEqual([1, 2]);
    expect(later.items.map((i) => i.messageId)).toEqual(first.items.map((i) => i.messageId));
    expect(later.items.map((i) => i.cursor)).toEqual([3, 4]);
  });

  it('turns a failing poll into a transient error', async () => {
    await sim.admin.setFaults({ errorRate: 1, errorStatus: 502, endpoints: ['GET /outbox'] });
    await expect(tis.poll(0)).rejects.toMatchObject({ reason: 'server-error', operation: 'poll' });
  });
});
