import pino from 'pino';
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkerServices } from '../services';
import { retryBackoffMs } from './backoff';
import { BpmnError, defineJobWorker } from './definition';
import { runJob, type ActivatedJob } from './run-job';

const log = pino({ level: 'silent' });
const prisma = {} as PrismaClient;
const services = {} as WorkerServices;
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

  it('raises an incident at once for invalid variables, naming the field', async () => {
    const out = await runJob(worker, job({ hours: 'four' }), { log, prisma, services });
    expect(out.kind).toBe('fail');
    if (out.kind !== 'fail') return;
    expect(out.retries).toBe(0);
    expect(out.errorMessage).toContain('hours');
    expect(out.errorMessage).toContain('retry the incident');
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
  it('grows as retries run out and is capped', () => {
    expect(retryBackoffMs(2)).toBeLessThan(retryBackoffMs(1));
    expect(retryBackoffMs(0, 2_000, 5_000)).toBe(5_000);
  });
});

describe('defineJobWorker', () => {
  it('rejects job types that are not namespaced by process', () => {
    expect(() => defineJobWorker({ type: 'NotifyCourt', description: '', input: z.object({}), handler: async () => ({}) })).toThrow(
      /<process>\.<step>/,
    );
  });
});
