import type { Logger } from 'pino';
import type { z } from 'zod';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkerServices } from '../services';

/**
 * What one job type does. Handlers are plain async functions: they get validated variables and a context,
 * and return the variables to set. Failures are expressed by throwing:
 *   - BpmnError: a business outcome the diagram models (error boundary event);
 *   - TransientIntegrationError (a partner does not answer): retried with back-off until the partner's retry
 *     horizon (partners.ts), then an incident;
 *   - PermanentIntegrationError (the partner refused): an incident at once, retrying cannot help;
 *   - anything else: retried with back-off for the diagram's tries, then an incident.
 */
export interface JobWorkerDefinition<In = unknown, Out extends Record<string, unknown> = Record<string, unknown>> {
  /** Job type: the external task's topic in the BPMN (`camunda:topic`), namespaced `<process>.<step>`. */
  type: string;
  /** One line for logs, metrics and the docs. */
  description: string;
  /** Input contract; a job whose variables do not satisfy it raises an incident that names the bad fields. */
  input: z.ZodType<In>;
  /** Activation timeout: after it the engine hands the job to another worker (at-least-once). */
  timeoutMs?: number;
  handler: (variables: In, ctx: JobContext) => Promise<Out>;
}

export interface JobContext {
  jobKey: string;
  jobType: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  bpmnProcessId: string;
  retries: number;
  customHeaders: Record<string, unknown>;
  /** Stable across redeliveries of the same job: use it as the idempotency key of every side effect. */
  idempotencyKey: string;
  log: Logger;
  prisma: PrismaClient;
  /** External-system clients, the engine's REST API and the clock (workers/services.ts). */
  services: WorkerServices;
}

/** A business outcome the process model handles with an error boundary event. */
export class BpmnError extends Error {
  override readonly name = 'BpmnError';
  constructor(
    readonly code: string,
    message: string,
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A worker with its types checked at definition and erased for the registry and host. */
export type AnyJobWorker = JobWorkerDefinition<unknown, Record<string, unknown>>;

export function defineJobWorker<In, Out extends Record<string, unknown>>(
  def: JobWorkerDefinition<In, Out>,
): AnyJobWorker {
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(def.type)) {
    throw new Error(`Job type "${def.type}" must look like "<process>.<step>" in lower-case kebab segments`);
  }
  return def as unknown as AnyJobWorker;
}
