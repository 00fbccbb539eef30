import type { Logger } from 'pino';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkerServices } from '../services';
import { retryBackoffMs } from './backoff';
import { BpmnError, type AnyJobWorker } from './definition';

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
}

export type JobOutcome =
  | { kind: 'complete'; variables: Record<string, unknown> }
  | { kind: 'fail'; errorMessage: string; retries: number; retryBackOffMs: number }
  | { kind: 'bpmn-error'; errorCode: string; errorMessage: string; variables: Record<string, unknown> };

/**
 * Validates the job's variables, runs the handler and turns its result or error into the command to send
 * to the engine. Never throws: every path ends in complete, fail or BPMN error.
 */
export async function runJob(
  def: AnyJobWorker,
  job: ActivatedJob,
  deps: { log: Logger; prisma: PrismaClient; services: WorkerServices },
): Promise<JobOutcome> {
  const log = deps.log.child({ jobKey: job.key, jobType: job.type, processInstanceKey: job.processInstanceKey, elementId: job.elementId });
  const parsed = def.input.safeParse(job.variables);
  if (!parsed.success) {
    // Retrying cannot fix bad input: raise an incident at once, with the fields a supervisor must correct.
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
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
    const retries = Math.max(0, job.retries - 1);
    const reason = err instanceof Error ? err.message : String(err);
    const errorMessage =
      retries > 0
        ? `${def.description} failed: ${reason}. Retrying automatically (${retries} attempts left).`
        : `${def.description} failed after all retries: ${reason}. Fix the cause (see the worker log for job ${job.key}), then retry the incident.`;
    log.warn({ err, retriesLeft: retries }, 'job failed');
    return { kind: 'fail', errorMessage, retries, retryBackOffMs: retries > 0 ? retryBackoffMs(retries) : 0 };
  }
}
