import type { Logger } from 'pino';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkerServices } from '../services';
import { isPermanent, isTransient } from '../../integrations/common/errors';
import { retryBackoffMs } from './backoff';
import { BpmnError, type AnyJobWorker } from './definition';
import { partnerName, type PartnerStatusRecorder, type RetryPolicy } from './partners';

/** The subset of an activated job that a handler run needs; independent of the engine for testing. */
export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  bpmnProcessId: string;
  retries: number;
  variables: Record<string, unknown>;
  customHeaders: Record<string, unknown>;
  /** The case id, as the instance's business key. */
  businessKey?: string | null;
  /** The retry state the last failure left (errorDetails), null before any failure. */
  failureDetails?: string | null;
  /** The engine's clock at the fetch; the worker's clock when unknown. */
  engineNow?: Date | null;
}

export type JobOutcome =
  | { kind: 'complete'; variables: Record<string, unknown> }
  | { kind: 'fail'; errorMessage: string; errorDetails?: string; retries: number; retryBackOffMs: number }
  | { kind: 'bpmn-error'; errorCode: string; errorMessage: string; variables: Record<string, unknown> };

/**
 * Validates the job's variables, runs the handler and turns its result or error into the command to send
 * to the engine. Never throws: every path ends in complete, fail or BPMN error.
 */
export async function runJob(
  def: AnyJobWorker,
  job: ActivatedJob,
  deps: {
    log: Logger;
    prisma: PrismaClient;
    services: WorkerServices;
    retry?: RetryPolicy;
    partners?: PartnerStatusRecorder;
  },
): Promise<JobOutcome> {
  const outcome = await runHandler(def, job, deps);
  // A step that waited for a partner and is now done, refused or an incident no longer waits.
  if (
    deps.partners &&
    job.failureDetails &&
    !(outcome.kind === 'fail' && outcome.retries > 0 && outcome.errorDetails)
  ) {
    await deps.partners.settled(`${job.type}:${job.elementInstanceKey}`);
  }
  return outcome;
}

/** The retry state of a job whose variables did not fit at the first read (see runHandler). */
export const REREAD_VARIABLES = '{"reread":"variables"}';
const REREAD_AFTER_MS = 1_000;

async function runHandler(
  def: AnyJobWorker,
  job: ActivatedJob,
  deps: {
    log: Logger;
    prisma: PrismaClient;
    services: WorkerServices;
    retry?: RetryPolicy;
    partners?: PartnerStatusRecorder;
  },
): Promise<JobOutcome> {
  const log = deps.log.child({
    jobKey: job.key,
    jobType: job.type,
    processInstanceKey: job.processInstanceKey,
    elementId: job.elementId,
  });
  const parsed = def.input.safeParse(job.variables);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    if (job.failureDetails !== REREAD_VARIABLES) {
      // Read once more before blaming the data: the engine can hand out a JSON variable as null while another
      // transaction replaces it (it reads the value's bytes after the variable row, and the update deletes the old
      // bytes). A second read a moment later sees the committed value.
      log.warn({ issues: parsed.error.issues }, 'job variables do not fit; reading them again');
      return {
        kind: 'fail',
        errorMessage: `Job "${job.type}" read process variables that do not fit (${fields}); reading them again.`,
        errorDetails: REREAD_VARIABLES,
        retries: Math.max(job.retries, 1),
        retryBackOffMs: REREAD_AFTER_MS,
      };
    }
    // Read twice, wrong twice: retrying cannot fix bad input. An incident with the fields a supervisor must correct.
    const errorMessage = `Job "${job.type}" got invalid process variables — ${fields}. Correct the variables on the instance, then retry the incident.`;
    log.error({ issues: parsed.error.issues }, 'invalid job variables');
    return { kind: 'fail', errorMessage, retries: 0, retryBackOffMs: 0 };
  }
  const ctx = {
    jobKey: job.key,
    jobType: job.type,
    processInstanceKey: job.processInstanceKey,
    elementInstanceKey: job.elementInstanceKey,
    elementId: job.elementId,
    bpmnProcessId: job.bpmnProcessId,
    retries: job.retries,
    customHeaders: job.customHeaders,
    // The element instance is unique per activation of the task in the instance, and stable across redeliveries.
    idempotencyKey: `${job.type}:${job.elementInstanceKey}`,
    log,
    prisma: deps.prisma,
    services: deps.services,
  };
  try {
    const variables = await def.handler(parsed.data, ctx);
    return { kind: 'complete', variables };
  } catch (err) {
    if (err instanceof BpmnError) {
      log.info({ errorCode: err.code }, 'business error thrown to the process');
      return { kind: 'bpmn-error', errorCode: err.code, errorMessage: err.message, variables: err.variables };
    }
    const reason = err instanceof Error ? err.message : String(err);
    const now = job.engineNow ?? new Date();
    const state = readRetryState(job.failureDetails);
    const since = state?.since ?? now;
    const tries = (state?.tries ?? 0) + 1;
    const where = {
      instanceId: job.processInstanceKey,
      businessKey: job.businessKey ?? null,
      publicUrl: deps.retry?.publicUrl,
    };
    const away = isTransient(err)
      ? { system: err.system, retryAfterMs: err.retryAfterMs }
      : isDatabaseOutage(err)
        ? { system: 'database', retryAfterMs: undefined }
        : null;
    if (away && deps.retry) {
      // A partner (or our database) that does not answer: retried with back-off until its horizon, then an incident.
      const horizonMs = deps.retry.horizonMs(away.system);
      const until = new Date(since.getTime() + horizonMs);
      const partner = away.system === 'database' ? 'the PLUS database (busy or restarting)' : partnerName(away.system);
      if (now < until) {
        const backOffMs = retryBackoffMs(tries, away.retryAfterMs);
        log.warn({ err, partner: away.system, tries, since, until }, 'partner did not answer; retrying');
        if (away.system !== 'database')
          await deps.partners?.waiting({
            jobKey: ctx.idempotencyKey,
            system: away.system,
            jobType: job.type,
            description: def.description,
            instanceId: job.processInstanceKey,
            businessKey: job.businessKey ?? null,
            since,
            tries,
            lastError: reason,
          });
        return {
          kind: 'fail',
          errorMessage: `${def.description}: ${partner} does not answer (${reason}), since ${stamp(since)}; try ${tries}. Retrying automatically until ${stamp(until)}; nothing to do yet.`,
          errorDetails: JSON.stringify({
            partner: away.system,
            since: since.toISOString(),
            tries,
          } satisfies RetryState),
          // Tries are not what runs out: time is. The engine only needs some left.
          retries: Math.max(1, job.retries),
          retryBackOffMs: backOffMs,
        };
      }
      log.error(
        { err, partner: away.system, tries, since },
        'partner did not answer within its retry horizon; incident',
      );
      return incident(
        `${def.description} has failed since ${stamp(since)}: ${partner} did not answer in ${tries} tries over ${duration(now.getTime() - since.getTime())} (last: ${reason}). ` +
          `Automatic retries stopped after ${duration(horizonMs)}, the horizon set for ${partner}. ` +
          `What you can do: check whether ${partner} works again (partner status: ${link(where.publicUrl, '#/monitor')}; ask its support if not), then press "Retry" on this incident: ` +
          `the step runs once more and sends nothing twice. Open the instance: ${caseRef(where)}.`,
        { partner: away.system, since: since.toISOString(), tries },
      );
    }
    if (isPermanent(err)) {
      // The partner refused, or our request broke the contract: the same request would be refused again.
      log.error({ err, partner: err.system }, 'partner refused the request; incident');
      return incident(
        `${def.description} failed: ${partnerName(err.system)} refused the request (${reason}). Retrying would be refused the same way. ` +
          `What you can do: correct the case data the refusal names (instance: ${caseRef(where)}), then press "Retry" on this incident; or cancel the instance with a reason if the step is no longer needed.`,
        { partner: err.system, since: since.toISOString(), tries },
      );
    }
    // Anything else (a database hiccup, a bug): the diagram's tries with back-off, then an incident.
    const retries = Math.max(0, job.retries - 1);
    log.warn({ err, retriesLeft: retries }, 'job failed');
    if (retries > 0) {
      return {
        kind: 'fail',
        errorMessage: `${def.description} failed: ${reason}. Retrying automatically (${retries} tries left).`,
        errorDetails: JSON.stringify({ since: since.toISOString(), tries } satisfies RetryState),
        retries,
        retryBackOffMs: retryBackoffMs(tries),
      };
    }
    return incident(
      `${def.description} has failed since ${stamp(since)}, ${tries} ${tries === 1 ? 'try' : 'tries'}: ${reason}. ` +
        `What you can do: if the message names data of the case, correct it (instance: ${caseRef(where)}) and press "Retry" on this incident; otherwise report it to the system administrators with this text, the step ${job.type} and the instance ${job.processInstanceKey}.`,
      { since: since.toISOString(), tries },
    );
  }
}

/** What a failed try leaves for the next one, in the failure's errorDetails (kept by the engine with the task). */
interface RetryState {
  partner?: string;
  since: string;
  tries: number;
}

function readRetryState(details: string | null | undefined): { since: Date; tries: number } | null {
  if (!details) return null;
  try {
    const s = JSON.parse(details) as Partial<RetryState>;
    const since = typeof s.since === 'string' ? new Date(s.since) : null;
    if (!since || Number.isNaN(since.getTime()) || typeof s.tries !== 'number') return null;
    return { since, tries: s.tries };
  } catch {
    return null;
  }
}

function incident(errorMessage: string, state: RetryState): JobOutcome {
  return { kind: 'fail', errorMessage, errorDetails: JSON.stringify(state), retries: 0, retryBackOffMs: 0 };
}

/** A moment as supervisors read it: date and minute, UTC said. */
const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function duration(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (min < 120) return `${min} min`;
  const h = Math.round(min / 60);
  return h < 48 ? `${h} h` : `${Math.round(h / 24)} days`;
}

const link = (publicUrl: string | undefined, hash: string) => (publicUrl ? `${publicUrl}/${hash}` : hash);

function caseRef(w: { instanceId: string; businessKey: string | null; publicUrl: string | undefined }): string {
  return `${link(w.publicUrl, `#/monitor/instances/${w.instanceId}`)}${w.businessKey ? ` (case id ${w.businessKey})` : ''}`;
}

/**
 * Our own database unreachable or overloaded for a moment (a restart, a fail-over, a transaction that could not start
 * or ran out of time on a busy machine): as transient as a partner's outage, so the step waits it out instead of
 * spending its few tries in seconds (npm run chaos restarts PostgreSQL under load).
 */
export function isDatabaseOutage(err: unknown): boolean {
  const e = err as { name?: unknown; code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'PrismaClientInitializationError') return true;
  if (
    typeof e.code === 'string' &&
    ['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', '57P01', '57P03', 'ECONNREFUSED', 'ECONNRESET'].includes(
      e.code,
    )
  )
    return true;
  return (
    typeof e.message === 'string' &&
    /Can't reach database server|Connection terminated|(server|Server has) closed the connection|terminating connection due to administrator command|the database system is (starting up|shutting down)|Transaction API error: (Unable to start a transaction|A query cannot be executed on an expired transaction|Transaction already closed)/i.test(
      e.message,
    )
  );
}
