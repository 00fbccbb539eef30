import type { z } from 'zod';
import {
  PermanentIntegrationError,
  TransientIntegrationError,
  type CallDescription,
  type RemoteProblem,
} from './errors';
import { formatIssues } from './outbox';

/** Settings every client takes. The base URL includes the system prefix, e.g. http://127.0.0.1:4000/tis. */
export interface ClientOptions {
  baseUrl: string;
  /** Per request, connection to last byte. Default 10 s: below the worker's job timeout, so a retry is possible. */
  timeoutMs?: number;
  /** Extra headers on every request (credentials once the real systems need them). */
  headers?: Record<string, string>;
  /** For tests; the global fetch by default. */
  fetch?: typeof fetch;
  /** Hears whether each call reached the system (partner status for supervisors); must not throw. */
  observer?: CallObserver;
}

/**
 * What a call said about the system's availability: `reachable` when it answered (also with a refusal or a broken
 * answer: the system is there), not when it timed out, was unreachable or answered 5xx/429.
 */
export type CallObserver = (system: string, outcome: { reachable: true } | { reachable: false; error: string }) => void;

/** Per call: cancellation from the caller and a correlation id for the counterpart's logs. */
export interface CallOptions {
  signal?: AbortSignal;
  requestId?: string;
  timeoutMs?: number;
}

/** Outbound writes must say how to recognise a retry: derive the key from the job (stable across redeliveries). */
export interface WriteOptions extends CallOptions {
  idempotencyKey: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

interface Request<T> {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** The outbound contract: a body that breaks it is our bug, refused before it leaves (never retried). */
  bodySchema?: z.ZodType;
  idempotencyKey?: string;
  /** The 2xx answer's contract. */
  schema: z.ZodType<T>;
  /** A 404 with this problem code means "nothing there" (e.g. NO_DATA): answer null instead of failing. */
  absentCode?: string;
}

/**
 * JSON over HTTP with the error classification of errors.ts. One instance per system; stateless apart from
 * its settings, so one client can be shared by all jobs of a worker.
 */
export class JsonHttpClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(
    readonly system: string,
    private readonly options: ClientOptions,
  ) {
    if (!/^https?:\/\//.test(options.baseUrl))
      throw new Error(`${system} client: baseUrl "${options.baseUrl}" must be an http(s) URL`);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async request<T>(req: Request<T> & { absentCode: string }, opts?: CallOptions): Promise<T | null>;
  async request<T>(req: Request<T>, opts?: CallOptions): Promise<T>;
  async request<T>(req: Request<T>, opts: CallOptions = {}): Promise<T | null> {
    const observer = this.options.observer;
    if (!observer) return this.send(req, opts);
    try {
      const answer = await this.send(req, opts);
      observer(this.system, { reachable: true });
      return answer;
    } catch (err) {
      if (err instanceof TransientIntegrationError) observer(this.system, { reachable: false, error: err.message });
      // A request refused before it left says nothing about the system.
      else if (err instanceof PermanentIntegrationError && err.reason !== 'invalid-request')
        observer(this.system, { reachable: true });
      throw err;
    }
  }

  private async send<T>(req: Request<T>, opts: CallOptions): Promise<T | null> {
    const url = this.url(req.path, req.query);
    const call: CallDescription = {
      system: this.system,
      operation: req.operation,
      method: req.method,
      url,
      ...(req.idempotencyKey ? { idempotencyKey: req.idempotencyKey } : {}),
    };
    if (req.method !== 'GET' && !req.idempotencyKey?.trim()) {
      throw new PermanentIntegrationError(
        call,
        'invalid-request',
        `${req.method} needs an Idempotency-Key (derive it from the job, stable across retries); not sent`,
      );
    }
    let body = req.body;
    if (req.bodySchema) {
      const checked = req.bodySchema.safeParse(body);
      if (!checked.success)
        throw new PermanentIntegrationError(
          call,
          'invalid-request',
          `the request breaks the contract, not sent: ${formatIssues(checked.error).join('; ')}`,
        );
      body = checked.data;
    }
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    const headers: Record<string, string> = { Accept: 'application/json', ...this.options.headers };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (req.idempotencyKey) headers['Idempotency-Key'] = req.idempotencyKey;
    if (opts.requestId) headers['X-Request-Id'] = opts.requestId;

    let status: number;
    let text: string;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: req.method,
        headers,
        signal,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      status = response.status;
      text = await response.text(); // inside the try: the timeout covers the body too
    } catch (err) {
      // The caller's own cancellation is not a failure of the counterpart: pass it on untouched.
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (timeout.aborted) {
        throw new TransientIntegrationError(
          call,
          'timeout',
          `no answer from ${req.method} ${url} within ${timeoutMs} ms; the request may or may not have been processed, a retry with the same Idempotency-Key is safe`,
          { cause: err },
        );
      }
      throw new TransientIntegrationError(
        call,
        'network',
        `${req.method} ${url} failed before an answer arrived (${networkReason(err)})`,
        { cause: err },
      );
    }

    const json = parseJson(text);
    if (status >= 200 && status < 300) {
      const parsed = req.schema.safeParse(json.ok ? json.value : undefined);
      if (!parsed.success) {
        throw new PermanentIntegrationError(
          call,
          'contract',
          `answered ${status} with a body that breaks the contract: ${formatIssues(parsed.error).join('; ')}`,
          { status },
        );
      }
      return parsed.data;
    }

    const problem = json.ok ? asProblem(json.value) : undefined;
    if (status === 404 && req.absentCode && problem?.code === req.absentCode) return null;
    throw classify(call, status, problem, response.headers.get('Retry-After'));
  }

  private url(path: string, query?: Record<string, string | number | undefined>): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) qs.set(k, String(v));
    const q = qs.toString();
    return `${this.baseUrl}${path}${q ? `?${q}` : ''}`;
  }
}

/** Status → what the caller can do about it. */
export function classify(
  call: CallDescription,
  status: number,
  problem: RemoteProblem | undefined,
  retryAfter: string | null,
): TransientIntegrationError | PermanentIntegrationError {
  const what = `${status}${problem?.code ? ` ${problem.code}` : ''}${problem?.detail ? `: ${problem.detail}` : problem?.title ? `: ${problem.title}` : ''}`;
  const retryAfterMs = parseRetryAfter(retryAfter);
  const extra = { status, ...(problem ? { problem } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status >= 500) return new TransientIntegrationError(call, 'server-error', `server error ${what}`, extra);
  if (status === 429 || status === 408)
    return new TransientIntegrationError(call, 'throttled', `asked to slow down (${what})`, extra);
  // The first request with this Idempotency-Key is still being processed: come back shortly.
  if (status === 409 && problem?.code === 'IDEMPOTENCY_KEY_IN_USE')
    return new TransientIntegrationError(
      call,
      'in-progress',
      `an earlier attempt is still in progress (${what})`,
      extra,
    );
  return new PermanentIntegrationError(call, 'rejected', `rejected the request (${what})`, extra);
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function asProblem(value: unknown): RemoteProblem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const errors = Array.isArray(v.errors)
    ? v.errors.filter(
        (e): e is { path: string; message: string } =>
          typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string',
      )
    : undefined;
  const problem: RemoteProblem = {};
  for (const k of ['type', 'title', 'detail', 'code'] as const) {
    const s = str(k);
    if (s !== undefined) problem[k] = s;
  }
  if (errors?.length) problem.errors = errors;
  return problem;
}

/** undici wraps the socket error in `cause`; its code says most (ECONNREFUSED, ECONNRESET, ENOTFOUND). */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return err instanceof Error ? err.message : String(err);
}
