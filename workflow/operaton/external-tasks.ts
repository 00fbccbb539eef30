import type { Logger } from 'pino';
import {
  WorkflowError,
  type Job,
  type JobOutcome,
  type JobReport,
  type JobSource,
  type TopicSubscription,
} from '../port';
import type { OperatonRest } from './rest';
import { fromTypedVariables, toTypedVariables, type TypedValue } from './variables';

/**
 * The workers' job source on Operaton external tasks: a plain long-poll loop per engine node (measured faster
 * than camunda-external-task-client-js, ENGINE.md §6). A node wakes only its own waiting polls (§9), so every node
 * is polled; a node that does not answer is polled again with a capped exponential back-off and logged once per
 * outage. At most `maxJobs` tasks are in hand at a time: a poll asks only for the room there is. A poll takes a short
 * lock; while a handler runs, its task's lock is extended at half the lock; the outcome is reported with a few
 * retries (handlers' effects are idempotent), and an outcome the engine refuses because the task is no longer ours
 * is "lost".
 */
export interface ExternalTaskSourceOptions {
  rest: OperatonRest;
  /** Unique per source: the engine accepts an outcome only from the worker id that locked the task. */
  workerId: string;
  log: Logger;
  /** Tasks in hand at most (fetched, running or reporting), over all nodes. */
  maxJobs?: number;
  /**
   * Tries before an incident, for a task's first delivery (the engine has no retry count then). A diagram can set
   * its own as the extension property `retries` (`<camunda:property name="retries" value="5"/>`). A step waiting
   * for a partner system keeps its tries and retries until the partner's horizon instead (workers/framework).
   */
  defaultRetries?: number;
  /**
   * How long a poll waits on the engine for a task. A waiting poll is not woken when a failed task's retry
   * timeout expires (ENGINE.md §6), so this also bounds how late a retry runs.
   */
  pollTimeoutMs?: number;
  /**
   * The lock a poll takes (capped by the subscription's lockMs); the first extension, at half of it, brings it to
   * lockMs. Short because a poll its client abandoned (stop, crash, network) still locks the next task to the gone
   * worker for this long (measured: the whole lock, 30 s of 30 s); fast handlers finish before any extension.
   */
  fetchLockMs?: number;
  /** Delay before polling a node that did not answer again: doubles from `initialMs` up to `maxMs`. */
  backOff?: { initialMs: number; maxMs: number };
  /** Attempts to report one outcome before leaving the task to come back when its lock expires. */
  reportAttempts?: number;
  /** First pause between report attempts; doubles. */
  reportRetryMs?: number;
}

/** A locked task as `fetchAndLock` answers it (the fields we use). */
export interface LockedExternalTask {
  id: string;
  topicName: string;
  workerId: string;
  processInstanceId: string;
  activityId: string;
  activityInstanceId: string;
  processDefinitionKey: string;
  businessKey: string | null;
  retries: number | null;
  createTime?: string;
  /** The engine's clock at the fetch plus the lock the fetch took. */
  lockExpirationTime?: string | null;
  errorDetails?: string | null;
  variables?: Record<string, TypedValue>;
  extensionProperties?: Record<string, string> | null;
}

type ReportedCallback = (job: Job, outcome: JobOutcome, report: JobReport) => void;

const DEFAULTS = {
  maxJobs: 16,
  defaultRetries: 3,
  pollTimeoutMs: 15_000,
  fetchLockMs: 10_000,
  backOff: { initialMs: 500, maxMs: 10_000 },
  reportAttempts: 4,
  reportRetryMs: 250,
};

/** The engine refuses an outcome or a lock extension because another worker has the task or the lock ran out. */
const NOT_OURS = /is locked by worker|cannot be (completed|extended) by worker|lock that expired/i;

export class ExternalTaskSource implements JobSource {
  private readonly opts: Required<Omit<ExternalTaskSourceOptions, 'rest' | 'log' | 'workerId'>>;
  private readonly log: Logger;
  private readonly abort = new AbortController();
  private subscriptions = new Map<string, number>();
  private handle?: (job: Job) => Promise<JobOutcome>;
  private onReported?: ReportedCallback;
  private loops: Promise<void>[] = [];
  private readonly jobs = new Set<Promise<void>>();
  /** Slots promised to polls under way (they may return that many tasks). */
  private reserved = 0;
  private roomWaiters: (() => void)[] = [];
  private stopping = false;
  private lostCount = 0;

  constructor(private readonly cfg: ExternalTaskSourceOptions) {
    this.opts = {
      maxJobs: cfg.maxJobs ?? DEFAULTS.maxJobs,
      defaultRetries: cfg.defaultRetries ?? DEFAULTS.defaultRetries,
      pollTimeoutMs: cfg.pollTimeoutMs ?? DEFAULTS.pollTimeoutMs,
      fetchLockMs: cfg.fetchLockMs ?? DEFAULTS.fetchLockMs,
      backOff: cfg.backOff ?? DEFAULTS.backOff,
      reportAttempts: cfg.reportAttempts ?? DEFAULTS.reportAttempts,
      reportRetryMs: cfg.reportRetryMs ?? DEFAULTS.reportRetryMs,
    };
    if (this.opts.maxJobs < 1) throw new Error('maxJobs must be at least 1');
    this.log = cfg.log.child({ component: 'external-tasks', workerId: cfg.workerId });
  }

  get inFlight(): number {
    return this.jobs.size;
  }

  /** Outcomes the engine refused because the task was no longer ours, since start. */
  get lost(): number {
    return this.lostCount;
  }

  start(
    subscriptions: readonly TopicSubscription[],
    handle: (job: Job) => Promise<JobOutcome>,
    onReported?: ReportedCallback,
  ): void {
    if (this.handle) throw new Error('ExternalTaskSource.start was called twice');
    if (this.stopping) throw new Error('ExternalTaskSource was stopped');
    this.handle = handle;
    if (onReported) this.onReported = onReported;
    this.subscriptions = new Map(subscriptions.map((s) => [s.topic, s.lockMs]));
    if (this.subscriptions.size === 0) return;
    this.loops = this.cfg.rest.nodes.map((node) => this.pollLoop(node));
  }

  /** Stops polling at once (waiting polls are abandoned) and waits up to `graceMs` for the tasks in hand. */
  async stop(graceMs = 30_000): Promise<{ unfinished: number }> {
    if (!this.stopping) {
      this.stopping = true;
      this.abort.abort();
      this.wakeRoomWaiters();
    }
    const drained = (async () => {
      await Promise.allSettled(this.loops);
      while (this.jobs.size > 0) await Promise.allSettled([...this.jobs]);
      return 'done' as const;
    })();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), graceMs)));
    const result = await Promise.race([drained, deadline]);
    clearTimeout(timer);
    return { unfinished: result === 'timeout' ? this.jobs.size : 0 };
  }

  // ---- polling -------------------------------------------------------------------------------------------------

  private async pollLoop(node: string): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const want = await this.reserve();
      if (want === 0) return;
      let tasks: LockedExternalTask[];
      try {
        tasks =
          (await this.cfg.rest.call<LockedExternalTask[]>({
            method: 'POST',
            path: '/external-task/fetchAndLock',
            node,
            body: this.fetchBody(want),
            timeoutMs: this.opts.pollTimeoutMs + 10_000,
            signal: this.abort.signal,
          })) ?? [];
      } catch (err) {
        this.reserved -= want;
        this.wakeRoomWaiters();
        if (this.stopping) return;
        failures++;
        // Once per outage, not per try; refused credentials or requests are configuration errors, not an outage.
        if (failures === 1) {
          const level =
            err instanceof WorkflowError && (err.kind === 'unauthorized' || err.kind === 'rejected') ? 'error' : 'warn';
          this.log[level](
            { err, node },
            'engine node did not answer a poll for external tasks; polling it again with back-off',
          );
        }
        await this.sleep(Math.min(this.opts.backOff.maxMs, this.opts.backOff.initialMs * 2 ** (failures - 1)));
        continue;
      }
      if (failures > 0) this.log.info({ node, failedPolls: failures }, 'engine node answers polls again');
      failures = 0;
      this.reserved -= want;
      for (const task of tasks) this.take(task);
      this.wakeRoomWaiters();
    }
  }

  private fetchBody(maxTasks: number) {
    return {
      workerId: this.cfg.workerId,
      maxTasks,
      usePriority: true,
      // Oldest first within a priority. Without an order the engine hands out tasks in whatever order the database
      // finds them, and under a steady backlog (after a partner outage) one task waiting out its back-off could be
      // passed over again and again (chaos: a notice untouched for 23 minutes while others to TIS went out).
      sorting: [{ sortBy: 'createTime', sortOrder: 'asc' }],
      asyncResponseTimeout: this.opts.pollTimeoutMs,
      topics: [...this.subscriptions].map(([topicName, lockDuration]) => ({
        topicName,
        lockDuration: Math.min(lockDuration, this.opts.fetchLockMs),
        // Objects stay JSON text, read by fromTypedVariables; no Java deserialisation on the engine.
        deserializeValues: false,
        includeExtensionProperties: true,
      })),
    };
  }

  /**
   * Waits for room and promises it to one poll: the room there is, but at most an equal share of maxJobs per node,
   * so one node's waiting poll does not keep the others from polling.
   */
  private async reserve(): Promise<number> {
    const share = Math.max(1, Math.ceil(this.opts.maxJobs / this.cfg.rest.nodes.length));
    for (;;) {
      if (this.stopping) return 0;
      const free = this.opts.maxJobs - this.jobs.size - this.reserved;
      if (free > 0) {
        const want = Math.min(free, share);
        this.reserved += want;
        return want;
      }
      await new Promise<void>((r) => this.roomWaiters.push(r));
    }
  }

  private wakeRoomWaiters(): void {
    for (const w of this.roomWaiters.splice(0)) w();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopping) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.abort.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.abort.signal.addEventListener('abort', done, { once: true });
    });
  }

  // ---- one task ------------------------------------------------------------------------------------------------

  private take(task: LockedExternalTask): void {
    const run = (this.stopping ? this.unlock(task) : this.run(task)).catch((err: unknown) =>
      this.log.error({ err, taskId: task.id }, 'external task handling failed unexpectedly'),
    );
    const tracked = run.finally(() => {
      this.jobs.delete(tracked);
      this.wakeRoomWaiters();
    });
    this.jobs.add(tracked);
  }

  /** A task a poll brought after stop began: given back at once rather than held until its lock runs out. */
  private async unlock(task: LockedExternalTask): Promise<void> {
    await this.cfg.rest
      .call({ method: 'POST', path: `/external-task/${encodeURIComponent(task.id)}/unlock` })
      .catch((err: unknown) =>
        this.log.warn(
          { err, taskId: task.id },
          'could not give back an external task fetched while stopping; it returns when its lock expires',
        ),
      );
  }

  private async run(task: LockedExternalTask): Promise<void> {
    const lockMs = this.subscriptions.get(task.topicName) ?? 30_000;
    let job: Job;
    try {
      job = toJob(task, this.opts.defaultRetries, Math.min(lockMs, this.opts.fetchLockMs));
    } catch (err) {
      // Unreadable variables cannot get better by retrying: an incident names the problem.
      const reason = err instanceof Error ? err.message : String(err);
      this.log.error({ err, taskId: task.id, topic: task.topicName }, 'external task variables could not be read');
      await this.report(task, {
        kind: 'fail',
        errorMessage: `Job "${task.topicName}" could not read its process variables: ${reason}. Correct the variables on the instance, then retry the incident.`,
        retries: 0,
        retryBackOffMs: 0,
      });
      return;
    }
    const lock = this.keepLocked(task.id, lockMs);
    let outcome: JobOutcome;
    try {
      outcome = await this.handle!(job);
    } catch (err) {
      // The handler's contract is to return an outcome; a throw is treated as a transient failure.
      this.log.error({ err, taskId: task.id, topic: job.topic }, 'job handler threw');
      const retries = Math.max(0, job.retries - 1);
      outcome = {
        kind: 'fail',
        errorMessage: `Job "${job.topic}" failed: ${err instanceof Error ? err.message : String(err)}`,
        retries,
        retryBackOffMs: retries > 0 ? 10_000 : 0,
      };
    } finally {
      await lock.stop();
    }
    const report = await this.report(task, outcome);
    this.onReported?.(job, outcome, report);
  }

  /**
   * Extends the task's lock at half its current duration (the poll's short lock first, then lockMs) until stopped;
   * an extension and the outcome never overlap.
   */
  private keepLocked(taskId: string, lockMs: number): { stop(): Promise<void> } {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let pending: Promise<void> = Promise.resolve();
    // The lock the task has now: the poll's, until an extension succeeds.
    let current = Math.min(lockMs, this.opts.fetchLockMs);
    const schedule = (ms: number) => {
      timer = setTimeout(() => {
        pending = this.extendLock(taskId, lockMs).then((extended) => {
          if (stopped || extended === 'lost') return;
          if (extended) current = lockMs;
          // Half the lock after an extension; after a transient failure again soon, well before the lock ends.
          schedule(extended ? Math.floor(lockMs / 2) : Math.max(100, Math.floor(current / 8)));
        });
      }, ms);
    };
    schedule(Math.floor(current / 2));
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await pending;
      },
    };
  }

  /** true: extended; false: not now (transient); 'lost': the task is no longer ours (the outcome will say so). */
  private async extendLock(taskId: string, lockMs: number): Promise<boolean | 'lost'> {
    try {
      await this.cfg.rest.call({
        method: 'POST',
        path: `/external-task/${encodeURIComponent(taskId)}/extendLock`,
        body: { workerId: this.cfg.workerId, newDuration: lockMs },
      });
      return true;
    } catch (err) {
      if (isNotOurs(err)) {
        this.log.warn(
          { err, taskId },
          'lock of a running external task lost; another worker may run it too (effects are idempotent)',
        );
        return 'lost';
      }
      this.log.warn({ err, taskId }, 'could not extend the lock of a running external task; trying again');
      return false;
    }
  }

  /** Sends the outcome, retrying what may pass; never throws. */
  private async report(task: LockedExternalTask, outcome: JobOutcome): Promise<JobReport> {
    let request: { path: string; body: unknown };
    try {
      request = outcomeRequest(task.id, this.cfg.workerId, outcome);
    } catch (err) {
      return this.refused(task, outcome, err);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.cfg.rest.call({ method: 'POST', path: request.path, body: request.body });
        return 'reported';
      } catch (err) {
        if (isNotOurs(err)) {
          // Completed elsewhere, instance cancelled, or the lock ran out and another worker has it.
          this.lostCount++;
          this.log.warn(
            { err, taskId: task.id, topic: task.topicName, outcome: outcome.kind },
            'job outcome not accepted: the engine no longer has this task for this worker',
          );
          return 'lost';
        }
        if (err instanceof WorkflowError && err.kind === 'rejected') return this.refused(task, outcome, err);
        if (attempt >= this.opts.reportAttempts) {
          this.log.error(
            { err, taskId: task.id, topic: task.topicName, outcome: outcome.kind, attempts: attempt },
            'could not report a job outcome; the task comes back when its lock expires',
          );
          return 'unreported';
        }
        await new Promise((r) => setTimeout(r, this.opts.reportRetryMs * 2 ** (attempt - 1)));
      }
    }
  }

  /**
   * The engine refused the outcome itself (e.g. a variable it cannot store): retrying would repeat that for ever,
   * so the task becomes an incident that says why. A refused failure is left to come back when its lock expires.
   */
  private async refused(task: LockedExternalTask, outcome: JobOutcome, err: unknown): Promise<JobReport> {
    const reason = err instanceof WorkflowError ? err.detail : err instanceof Error ? err.message : String(err);
    this.log.error(
      { err, taskId: task.id, topic: task.topicName, outcome: outcome.kind },
      'the engine refused a job outcome',
    );
    if (outcome.kind === 'fail') return 'unreported';
    const incident: JobOutcome = {
      kind: 'fail',
      errorMessage: `Step "${task.topicName}" did its work, but the engine refused to store its result: ${reason}. Retrying runs the step again (its effects are not repeated). What you can do: if the reason names a variable of the instance, correct it and press "Retry"; otherwise report it to the system administrators with this text (task ${task.id}).`,
      retries: 0,
      retryBackOffMs: 0,
    };
    const report = await this.report(task, incident);
    // The handler's outcome did not reach the engine either way.
    return report === 'lost' ? 'lost' : 'unreported';
  }
}

function isNotOurs(err: unknown): boolean {
  if (!(err instanceof WorkflowError)) return false;
  return err.kind === 'gone' || err.kind === 'not-found' || (err.kind === 'rejected' && NOT_OURS.test(err.detail));
}

export function toJob(task: LockedExternalTask, defaultRetries: number, fetchLockMs?: number): Job {
  const headers = { ...(task.extensionProperties ?? {}) };
  // The engine's own clock (moved ahead on test stacks): the lock's end less the lock the poll asked for.
  const lockEnd = task.lockExpirationTime
    ? Date.parse(task.lockExpirationTime.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'))
    : Number.NaN;
  const engineNow = fetchLockMs !== undefined && Number.isFinite(lockEnd) ? new Date(lockEnd - fetchLockMs) : null;
  const fromDiagram = Number.parseInt(headers.retries ?? '', 10);
  return {
    id: task.id,
    topic: task.topicName,
    instanceId: task.processInstanceId,
    activityInstanceId: task.activityInstanceId,
    elementId: task.activityId,
    processId: task.processDefinitionKey,
    businessKey: task.businessKey ?? null,
    // null until the first failure reports a count.
    retries: task.retries ?? (Number.isInteger(fromDiagram) && fromDiagram >= 0 ? fromDiagram : defaultRetries),
    variables: fromTypedVariables(task.variables),
    headers,
    failureDetails: task.errorDetails ?? null,
    engineNow,
  };
}

function outcomeRequest(taskId: string, workerId: string, outcome: JobOutcome): { path: string; body: unknown } {
  const base = `/external-task/${encodeURIComponent(taskId)}`;
  switch (outcome.kind) {
    case 'complete':
      return { path: `${base}/complete`, body: { workerId, variables: toTypedVariables(outcome.variables) } };
    case 'fail':
      return {
        path: `${base}/failure`,
        body: {
          workerId,
          errorMessage: outcome.errorMessage,
          ...(outcome.errorDetails === undefined ? {} : { errorDetails: outcome.errorDetails }),
          retries: Math.max(0, outcome.retries),
          retryTimeout: Math.max(0, Math.round(outcome.retryBackOffMs)),
        },
      };
    case 'bpmn-error':
      return {
        path: `${base}/bpmnError`,
        body: {
          workerId,
          errorCode: outcome.errorCode,
          errorMessage: outcome.errorMessage,
          variables: toTypedVariables(outcome.variables),
        },
      };
  }
}
