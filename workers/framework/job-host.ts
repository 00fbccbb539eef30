import type { Logger } from 'pino';
import type { PrismaClient } from '../../prisma/generated/client';
import type { Job, JobOutcome, JobReport, JobSource, TopicSubscription } from '../../workflow/port';
import type { WorkerServices } from '../services';
import type { AnyJobWorker } from './definition';
import type { WorkerMetrics } from './metrics';
import { runJob, type ActivatedJob } from './run-job';
import type { PartnerStatusRecorder, RetryPolicy } from './partners';

/** A job's lock when its definition names no timeout: extended while the handler runs, so it only bounds a crash. */
export const DEFAULT_LOCK_MS = 30_000;

/**
 * Runs every job worker on the workflow port's job source (engine-neutral: the source behind it knows the engine).
 * Each definition's type is a topic; each job goes through runJob, and its outcome back to the source. The engine
 * waits out the back-off (the outcome's retry timeout); a step waiting for a partner keeps retrying until the
 * partner's horizon (runJob), other failures until the diagram's tries run out; then it is an incident.
 * Stopping stops fetching at once and lets the jobs in hand finish and report.
 */
export class JobHost {
  private readonly byType: Map<string, AnyJobWorker>;
  /** Per job handed to us: stops its duration timer when the outcome is acknowledged. */
  private readonly timers = new Map<Job, () => void>();

  constructor(
    private readonly deps: {
      source: JobSource;
      prisma: PrismaClient;
      services: WorkerServices;
      log: Logger;
      metrics: WorkerMetrics;
      definitions: readonly AnyJobWorker[];
      /** Retries until a partner's horizon; without it, every failure counts against the diagram's tries. */
      retry?: RetryPolicy;
      partners?: PartnerStatusRecorder;
    },
  ) {
    const types = deps.definitions.map((d) => d.type);
    const dup = types.find((t, i) => types.indexOf(t) !== i);
    if (dup) throw new Error(`Two job workers are registered for job type "${dup}"`);
    this.byType = new Map(deps.definitions.map((d) => [d.type, d]));
  }

  get jobTypes(): string[] {
    return this.deps.definitions.map((d) => d.type);
  }

  get inFlightCount(): number {
    return this.timers.size;
  }

  get subscriptions(): TopicSubscription[] {
    return this.deps.definitions.map((d) => ({ topic: d.type, lockMs: d.timeoutMs ?? DEFAULT_LOCK_MS }));
  }

  start(): void {
    this.deps.source.start(
      this.subscriptions,
      (job) => this.handle(job),
      (job, outcome, report) => this.reported(job, outcome, report),
    );
    for (const def of this.deps.definitions) this.deps.log.info({ jobType: def.type }, 'job worker registered');
  }

  /** Stops taking jobs and waits (up to `graceMs`) for the jobs being handled to finish and report. */
  stop(graceMs = 30_000): Promise<{ unfinished: number }> {
    return this.deps.source.stop(graceMs);
  }

  private async handle(job: Job): Promise<JobOutcome> {
    const def = this.byType.get(job.topic);
    if (!def) {
      // Cannot happen with our own subscriptions; keep the retries so the job is not spent by a wiring error.
      this.deps.log.error({ jobKey: job.id, topic: job.topic }, 'job for a topic no worker handles');
      return {
        kind: 'fail',
        errorMessage: `No worker handles job type "${job.topic}" in this worker host.`,
        retries: job.retries,
        retryBackOffMs: 60_000,
      };
    }
    this.timers.set(job, this.deps.metrics.duration.startTimer({ type: def.type }));
    this.deps.metrics.inFlight.set(this.timers.size);
    const { log, prisma, services, retry, partners } = this.deps;
    return runJob(def, toActivatedJob(job), {
      log,
      prisma,
      services,
      ...(retry ? { retry } : {}),
      ...(partners ? { partners } : {}),
    });
  }

  private reported(job: Job, outcome: JobOutcome, report: JobReport): void {
    const stopTimer = this.timers.get(job);
    if (!stopTimer) return;
    stopTimer();
    this.timers.delete(job);
    this.deps.metrics.inFlight.set(this.timers.size);
    this.deps.metrics.jobs.inc({ type: job.topic, outcome: outcome.kind });
    // Not taken by the engine: another delivery does the same (idempotent) work, or the instance is gone.
    if (report !== 'reported') this.deps.metrics.jobs.inc({ type: job.topic, outcome: 'lost' });
  }
}

/** The port's job as runJob sees it; the activity instance keeps the idempotency key stable across redeliveries. */
export function toActivatedJob(job: Job): ActivatedJob {
  return {
    key: job.id,
    type: job.topic,
    processInstanceKey: job.instanceId,
    elementInstanceKey: job.activityInstanceId,
    elementId: job.elementId,
    bpmnProcessId: job.processId,
    retries: job.retries,
    variables: job.variables,
    customHeaders: job.headers,
    businessKey: job.businessKey,
    failureDetails: job.failureDetails,
    engineNow: job.engineNow,
  };
}
