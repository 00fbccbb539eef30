import pino from 'pino';
import { z } from 'zod';
import type { Job, JobOutcome, JobReport, JobSource, TopicSubscription } from '../../workflow/port';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkerServices } from '../services';
import { BpmnError, defineJobWorker, type JobContext } from './definition';
import { JobHost } from './job-host';
import { REREAD_VARIABLES } from './run-job';
import { createWorkerMetrics } from './metrics';

/** A job source that hands the test's jobs to the host and records what the host answers. */
class FakeSource implements JobSource {
  subscriptions: readonly TopicSubscription[] = [];
  handle?: (job: Job) => Promise<JobOutcome>;
  onReported?: (job: Job, outcome: JobOutcome, report: JobReport) => void;
  stopped?: number;
  inFlight = 0;
  start(
    subs: readonly TopicSubscription[],
    handle: (job: Job) => Promise<JobOutcome>,
    onReported?: (job: Job, outcome: JobOutcome, report: JobReport) => void,
  ) {
    this.subscriptions = subs;
    this.handle = handle;
    this.onReported = onReported;
  }
  async stop(graceMs?: number) {
    this.stopped = graceMs;
    return { unfinished: 0 };
  }
  /** Delivers a job and reports its outcome as `report`. */
  async deliver(job: Job, report: JobReport = 'reported'): Promise<JobOutcome> {
    const outcome = await this.handle!(job);
    this.onReported?.(job, outcome, report);
    return outcome;
  }
}

function job(over: Partial<Job> = {}): Job {
  return {
    id: 'task-1',
    topic: 'demo.work',
    instanceId: 'pi-1',
    activityInstanceId: 'Work:ai-1',
    elementId: 'Work',
    processId: 'demo',
    businessKey: '17',
    retries: 3,
    variables: { caseId: '17' },
    headers: { channel: 'post' },
    failureDetails: null,
    engineNow: null,
    ...over,
  };
}

function host(
  handler: (v: { caseId: string }, ctx: JobContext) => Promise<Record<string, unknown>>,
  timeoutMs?: number,
) {
  const source = new FakeSource();
  const metrics = createWorkerMetrics();
  const def = defineJobWorker({
    type: 'demo.work',
    description: 'Demo work',
    input: z.object({ caseId: z.string() }),
    ...(timeoutMs ? { timeoutMs } : {}),
    handler,
  });
  const other = defineJobWorker({
    type: 'demo.other',
    description: 'Other',
    input: z.object({}),
    handler: async () => ({}),
  });
  const h = new JobHost({
    source,
    prisma: {} as PrismaClient,
    services: {} as WorkerServices,
    log: pino({ level: 'silent' }),
    metrics,
    definitions: [def, other],
  });
  h.start();
  const count = async (outcome: string) =>
    (await metrics.jobs.get()).values.find((v) => v.labels.outcome === outcome && v.labels.type === 'demo.work')
      ?.value ?? 0;
  return { source, metrics, host: h, count };
}

describe('job host on the workflow port', () => {
  it('subscribes each definition as a topic, its lock from the definition’s timeout', () => {
    const { source } = host(async () => ({}), 120_000);
    expect(source.subscriptions).toEqual([
      { topic: 'demo.work', lockMs: 120_000 },
      { topic: 'demo.other', lockMs: 30_000 },
    ]);
  });

  it('refuses two workers for one type', () => {
    const def = defineJobWorker({
      type: 'demo.work',
      description: 'x',
      input: z.object({}),
      handler: async () => ({}),
    });
    expect(
      () =>
        new JobHost({
          source: new FakeSource(),
          prisma: {} as PrismaClient,
          services: {} as WorkerServices,
          log: pino({ level: 'silent' }),
          metrics: createWorkerMetrics(),
          definitions: [def, def],
        }),
    ).toThrow(/Two job workers/);
  });

  it('gives the handler a context whose idempotency key is stable across redeliveries of the activation', async () => {
    const seen: JobContext[] = [];
    const { source, count } = host(async (v, ctx) => (seen.push(ctx), { done: v.caseId }));
    expect(await source.deliver(job())).toEqual({ kind: 'complete', variables: { done: '17' } });
    await source.deliver(job({ id: 'task-2', retries: 2 }));
    expect(seen.map((c) => c.idempotencyKey)).toEqual(['demo.work:Work:ai-1', 'demo.work:Work:ai-1']);
    expect(seen[0]).toMatchObject({
      jobKey: 'task-1',
      processInstanceKey: 'pi-1',
      elementInstanceKey: 'Work:ai-1',
      elementId: 'Work',
      bpmnProcessId: 'demo',
      retries: 3,
      customHeaders: { channel: 'post' },
    });
    expect(await count('complete')).toBe(2);
  });

  it('turns a thrown error into a failure whose back-off is the engine’s retry timeout, and no retries left into an incident', async () => {
    const { source, count } = host(async () => {
      throw new Error('register down');
    });
    const first = await source.deliver(job({ retries: 3 }));
    expect(first).toMatchObject({ kind: 'fail', retries: 2 });
    expect((first as { retryBackOffMs: number }).retryBackOffMs).toBeGreaterThan(0);
    const last = await source.deliver(job({ retries: 1 }));
    expect(last).toMatchObject({
      kind: 'fail',
      retries: 0,
      retryBackOffMs: 0,
      errorMessage: expect.stringMatching(/has failed since .*: register down\. What you can do/),
    });
    expect((last as { errorMessage: string }).errorMessage).not.toMatch(/worker log/);
    expect(await count('fail')).toBe(2);
  });

  it('passes BPMN errors and invalid input through as runJob builds them', async () => {
    const { source } = host(async () => {
      throw new BpmnError('NOT_FOUND', 'no such person', { why: 'x' });
    });
    expect(await source.deliver(job())).toEqual({
      kind: 'bpmn-error',
      errorCode: 'NOT_FOUND',
      errorMessage: 'no such person',
      variables: { why: 'x' },
    });
    expect(await source.deliver(job({ variables: {} }))).toMatchObject({
      kind: 'fail',
      errorDetails: REREAD_VARIABLES,
      errorMessage: expect.stringMatching(/caseId.*reading them again/),
    });
    expect(await source.deliver(job({ variables: {}, failureDetails: REREAD_VARIABLES }))).toMatchObject({
      kind: 'fail',
      retries: 0,
      errorMessage: expect.stringMatching(/invalid process variables — caseId/),
    });
  });

  it('counts an outcome the engine did not take as lost, and tracks jobs in flight until reported', async () => {
    let release!: () => void;
    const { source, count, host: h, metrics } = host(() => new Promise((r) => (release = () => r({}))));
    const delivered = source.deliver(job(), 'lost');
    await new Promise((r) => setImmediate(r));
    expect(h.inFlightCount).toBe(1);
    expect((await metrics.inFlight.get()).values[0]!.value).toBe(1);
    release();
    await delivered;
    expect(h.inFlightCount).toBe(0);
    expect((await metrics.inFlight.get()).values[0]!.value).toBe(0);
    expect(await count('lost')).toBe(1);
    expect(await count('complete')).toBe(1);
  });

  it('stops through the source with the grace period', async () => {
    const { source, host: h } = host(async () => ({}));
    expect(await h.stop(1_234)).toEqual({ unfinished: 0 });
    expect(source.stopped).toBe(1_234);
  });
});
