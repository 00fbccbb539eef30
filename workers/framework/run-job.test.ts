import pino from 'pino';
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkerServices } from '../services';
import { retryBackoffMs } from './backoff';
import { BpmnError, defineJobWorker } from './definition';
import { REREAD_VARIABLES, runJob, type ActivatedJob } from './run-job';
import { parseRetryHorizons, retryPolicy } from './partners';
import { PermanentIntegrationError, TransientIntegrationError } from '../../integrations/common/errors';

const log = pino({ level: 'silent' });
const prisma = {} as PrismaClient;
const services = { now: () => new Date() } as WorkerServices;
const job = (variables: Record<string, unknown>, retries = 3): ActivatedJob => ({
  key: '2251799813685251',
  type: 'test.step',
  processInstanceKey: '2251799813685249',
  elementInstanceKey: '2251799813685250',
  elementId: 'Step',
  bpmnProcessId: 'test',
  retries,
  variables,
  customHeaders: {},
});

const worker = defineJobWorker({
  type: 'test.step',
  description: 'Test step',
  input: z.object({ hours: z.number().int().positive() }),
  handler: async ({ hours }, ctx) => {
    if (hours === 13) throw new BpmnError('UNLUCKY', 'thirteen hours', { reason: 'superstition' });
    if (hours === 99) throw new Error('register answered 503');
    return { doubled: hours * 2, key: ctx.idempotencyKey };
  },
});

describe('runJob', () => {
  it('completes with the handler result and a stable idempotency key', async () => {
    expect(await runJob(worker, job({ hours: 4 }), { log, prisma, services })).toEqual({
      kind: 'complete',
      variables: { doubled: 8, key: 'test.step:2251799813685250' },
    });
  });

  it('reads invalid variables once more, then raises an incident naming the field', async () => {
    // A variable replaced by another transaction during the fetch can arrive as null: the second read decides.
    const first = await runJob(worker, job({ hours: null }), { log, prisma, services });
    expect(first).toMatchObject({ kind: 'fail', retries: 3, errorDetails: REREAD_VARIABLES });
    if (first.kind !== 'fail') return;
    expect(first.retryBackOffMs).toBeGreaterThan(0);
    expect(first.errorMessage).toMatch(/hours: .*reading them again/);
    // The re-read finds the committed value: the step runs.
    expect(
      await runJob(worker, { ...job({ hours: 4 }), failureDetails: first.errorDetails }, { log, prisma, services }),
    ).toMatchObject({ kind: 'complete', variables: { doubled: 8 } });
    // Still wrong at the second read: an incident at once, whatever retries are left.
    const out = await runJob(
      worker,
      { ...job({ hours: 'four' }), failureDetails: REREAD_VARIABLES },
      { log, prisma, services },
    );
    expect(out.kind).toBe('fail');
    if (out.kind !== 'fail') return;
    expect(out.retries).toBe(0);
    expect(out.errorMessage).toContain('hours');
    expect(out.errorMessage).toContain('retry the incident');
  });

  it('keeps at least one retry for the re-read when the engine has none left to count', async () => {
    expect(await runJob(worker, job({ hours: 'four' }, 0), { log, prisma, services })).toMatchObject({
      kind: 'fail',
      retries: 1,
    });
  });

  it('turns a BpmnError into a BPMN error with its variables', async () => {
    expect(await runJob(worker, job({ hours: 13 }), { log, prisma, services })).toEqual({
      kind: 'bpmn-error',
      errorCode: 'UNLUCKY',
      errorMessage: 'thirteen hours',
      variables: { reason: 'superstition' },
    });
  });

  it('retries transient failures with back-off, then raises an incident with the cause', async () => {
    const first = await runJob(worker, job({ hours: 99 }, 3), { log, prisma, services });
    expect(first).toMatchObject({ kind: 'fail', retries: 2 });
    if (first.kind === 'fail') expect(first.retryBackOffMs).toBeGreaterThan(0);
    const last = await runJob(worker, job({ hours: 99 }, 1), { log, prisma, services });
    expect(last).toMatchObject({ kind: 'fail', retries: 0, retryBackOffMs: 0 });
    if (last.kind === 'fail') expect(last.errorMessage).toContain('register answered 503');
  });
});

describe('retryBackoffMs', () => {
  it('doubles per try from 2 s, is capped at five minutes, and honours Retry-After up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryBackoffMs(n))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryBackoffMs(40)).toBe(300_000);
    expect(retryBackoffMs(1, 60_000)).toBe(60_000);
    expect(retryBackoffMs(1, 3_600_000)).toBe(300_000);
  });
});

describe('runJob: partner outages', () => {
  const HOUR = 3_600_000;
  const t0 = new Date('2026-12-04T21:39:00Z');
  const call = { system: 'tis', operation: 'sendExecutionNotice', method: 'POST', url: 'http://tis/execution-notices' };
  const down = (system = 'tis') =>
    new TransientIntegrationError({ ...call, system }, 'server-error', 'server error 503', { status: 503 });
  const partnerWorker = (err: () => Error) =>
    defineJobWorker({
      type: 'shared.send-tis-notice',
      description: 'Sending the notice to the court',
      input: z.object({}),
      handler: async () => {
        throw err();
      },
    });
  const retry = retryPolicy(parseRetryHorizons('vdeavk=2h'), 'https://plus.vpd.example');
  const tryAt = (def: ReturnType<typeof partnerWorker>, at: Date, failureDetails: string | null, retries = 5) =>
    runJob(
      def,
      { ...job({}, retries), type: def.type, businessKey: '42', engineNow: at, failureDetails },
      { log, prisma, services, retry },
    );

  it('keeps retrying a partner that does not answer, with growing back-off, without spending the tries', async () => {
    const def = partnerWorker(() => down());
    const first = await tryAt(def, t0, null);
    expect(first).toMatchObject({ kind: 'fail', retries: 5, retryBackOffMs: 2_000 });
    if (first.kind !== 'fail') return;
    expect(JSON.parse(first.errorDetails!)).toEqual({ partner: 'tis', since: t0.toISOString(), tries: 1 });
    expect(first.errorMessage).toContain('Retrying automatically until 2026-12-05 21:39 UTC');
    // Six hours later, many tries on: still retrying, the first failure still the start.
    const later = await tryAt(
      def,
      new Date(t0.getTime() + 6 * HOUR),
      JSON.stringify({ partner: 'tis', since: t0.toISOString(), tries: 40 }),
      1,
    );
    expect(later).toMatchObject({ kind: 'fail', retries: 1, retryBackOffMs: 300_000 });
    if (later.kind === 'fail')
      expect(JSON.parse(later.errorDetails!)).toMatchObject({ since: t0.toISOString(), tries: 41 });
  });

  it('raises an incident past the partner horizon, written for a supervisor with links', async () => {
    const def = partnerWorker(() => down());
    const out = await tryAt(
      def,
      new Date(t0.getTime() + 24 * HOUR + 1),
      JSON.stringify({ partner: 'tis', since: t0.toISOString(), tries: 300 }),
    );
    expect(out).toMatchObject({ kind: 'fail', retries: 0, retryBackOffMs: 0 });
    if (out.kind !== 'fail') return;
    expect(out.errorMessage).toContain('Sending the notice to the court has failed since 2026-12-04 21:39 UTC');
    expect(out.errorMessage).toContain('TIS (courts) did not answer in 301 tries over 24 h');
    expect(out.errorMessage).toContain('press "Retry" on this incident');
    expect(out.errorMessage).toContain('https://plus.vpd.example/#/monitor/instances/2251799813685249 (case id 42)');
    expect(out.errorMessage).not.toMatch(/worker log/);
  });

  it('gives a register look-up a shorter horizon than a notice', async () => {
    const threeHoursOn = new Date(t0.getTime() + 3 * HOUR);
    const state = JSON.stringify({ since: t0.toISOString(), tries: 50 });
    expect(
      await tryAt(
        partnerWorker(() => down('tis')),
        threeHoursOn,
        state,
      ),
    ).toMatchObject({ retries: 5 });
    expect(
      await tryAt(
        partnerWorker(() => down('vdeavk')),
        threeHoursOn,
        state,
      ),
    ).toMatchObject({ retries: 0 });
  });

  it('raises an incident at once when the partner refuses the request', async () => {
    const def = partnerWorker(
      () =>
        new PermanentIntegrationError(call, 'rejected', 'rejected the request (422 UNKNOWN_RULING)', { status: 422 }),
    );
    const out = await tryAt(def, t0, null);
    expect(out).toMatchObject({ kind: 'fail', retries: 0 });
    if (out.kind === 'fail') expect(out.errorMessage).toContain('Retrying would be refused the same way');
  });

  it('waits out our own database restarting like a partner outage', async () => {
    const def = partnerWorker(() =>
      Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
        name: 'PrismaClientInitializationError',
      }),
    );
    const out = await tryAt(def, t0, null, 3);
    expect(out).toMatchObject({ kind: 'fail', retries: 3, retryBackOffMs: 2_000 });
    if (out.kind === 'fail')
      expect(out.errorMessage).toContain('the PLUS database (busy or restarting) does not answer');
    const expired = partnerWorker(
      () =>
        new Error(
          'Invalid `tx.case.findUniqueOrThrow()` invocation\nTransaction API error: A query cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms',
        ),
    );
    expect(await tryAt(expired, t0, null, 3)).toMatchObject({ kind: 'fail', retries: 3 });
  });

  it('reads horizons from configuration and refuses a typo', () => {
    expect(parseRetryHorizons('tis=6h,prois=1d')).toMatchObject({ tis: 6 * HOUR, prois: 24 * HOUR, vdeavk: 2 * HOUR });
    expect(() => parseRetryHorizons('tis=six hours')).toThrow(/PARTNER_RETRY_HORIZONS/);
  });
});

describe('defineJobWorker', () => {
  it('rejects job types that are not namespaced by process', () => {
    expect(() =>
      defineJobWorker({ type: 'NotifyCourt', description: '', input: z.object({}), handler: async () => ({}) }),
    ).toThrow(/<process>\.<step>/);
  });
});
