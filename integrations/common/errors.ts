/**
 * Failures of calls to external systems, split by what the caller should do:
 *
 *  - TransientIntegrationError (`retryable`): timeout, network failure, 5xx, 429/408, an idempotent request
 *    still in progress. The job fails and the engine retries it with back-off, carrying the same
 *    Idempotency-Key, so a retry of a request that did go through is answered, not repeated.
 *  - PermanentIntegrationError: the counterpart refused the request (4xx: validation, unknown reference,
 *    business rule) or answered outside the contract. Retrying cannot help: a handler throws a BPMN error
 *    when the diagram models the outcome (`code` says which), otherwise raises an incident at once.
 *
 * Clients never retry themselves: the engine's job retries already give back-off, visibility and incidents,
 * and retries inside a job would stack timeouts past the job's activation timeout.
 */

export type TransientReason = 'timeout' | 'network' | 'server-error' | 'throttled' | 'in-progress';
/** rejected: the counterpart said no (4xx); contract: its answer broke the contract; invalid-request: ours did, not sent. */
export type PermanentReason = 'rejected' | 'contract' | 'invalid-request';

/** The problem document (RFC 9457) a counterpart answered with, when it sent one. */
export interface RemoteProblem {
  type?: string;
  title?: string;
  detail?: string;
  /** Machine-readable reason, e.g. UNKNOWN_RULING, NO_DATA, RECIPIENT_NOT_ACTIVE. */
  code?: string;
  errors?: { path: string; message: string }[];
}

export interface CallDescription {
  /** System slug, e.g. "tis". */
  system: string;
  /** Client operation, e.g. "sendExecutionNotice". */
  operation: string;
  method: string;
  url: string;
  idempotencyKey?: string;
}

export abstract class IntegrationError extends Error {
  abstract readonly retryable: boolean;
  readonly system: string;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly idempotencyKey: string | undefined;

  constructor(
    call: CallDescription,
    message: string,
    /** HTTP status when the counterpart answered. */
    readonly status?: number,
    readonly problem?: RemoteProblem,
    options?: { cause?: unknown },
  ) {
    super(`${call.system} ${call.operation}: ${message}`, options);
    this.system = call.system;
    this.operation = call.operation;
    this.method = call.method;
    this.url = call.url;
    this.idempotencyKey = call.idempotencyKey;
  }

  /** The counterpart's reason code, if any (switch on this to pick a BPMN error). */
  get code(): string | undefined {
    return this.problem?.code;
  }
}

export class TransientIntegrationError extends IntegrationError {
  override readonly name = 'TransientIntegrationError';
  readonly retryable = true;
  constructor(
    call: CallDescription,
    readonly reason: TransientReason,
    message: string,
    extra: { status?: number; problem?: RemoteProblem; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(call, message, extra.status, extra.problem, { cause: extra.cause });
    this.retryAfterMs = extra.retryAfterMs;
  }
  /** From Retry-After, when the counterpart said when to come back. */
  readonly retryAfterMs: number | undefined;
}

export class PermanentIntegrationError extends IntegrationError {
  override readonly name = 'PermanentIntegrationError';
  readonly retryable = false;
  constructor(
    call: CallDescription,
    readonly reason: PermanentReason,
    message: string,
    extra: { status?: number; problem?: RemoteProblem; cause?: unknown } = {},
  ) {
    super(call, message, extra.status, extra.problem, { cause: extra.cause });
  }
}

export function isTransient(err: unknown): err is TransientIntegrationError {
  return err instanceof TransientIntegrationError;
}

export function isPermanent(err: unknown): err is PermanentIntegrationError {
  return err instanceof PermanentIntegrationError;
}
