import { describeFetchError } from '../../platform/errors';
import { WorkflowError, type WorkflowErrorKind } from '../port';

/**
 * A typed call to Operaton's REST API (`/engine-rest`) with the service account's HTTP Basic credentials. Several
 * engine nodes share one database, so any node can answer: calls go to the first node that answers, and a node
 * that did not answer is tried last next time. Errors become WorkflowErrors with a kind callers can act on.
 */
export interface OperatonConnection {
  /** Base URLs of the engine nodes, e.g. `http://127.0.0.1:8090` (without `/engine-rest`). */
  nodes: readonly string[];
  user: string;
  password: string;
  /** Per call, including reading the answer. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RestCall {
  method: Method;
  /** Path below /engine-rest, or an absolute path starting with `/plusflow` (our own endpoints). */
  path: string;
  body?: unknown;
  /** For long polls: longer than the default timeout. */
  timeoutMs?: number;
  /** Only this node (long polls are per node). */
  node?: string;
  signal?: AbortSignal;
}

export class OperatonRest {
  private order: string[];
  private readonly auth: string;
  private readonly doFetch: typeof fetch;

  constructor(private readonly conn: OperatonConnection) {
    if (conn.nodes.length === 0) throw new Error('Operaton connection needs at least one engine node URL');
    this.order = conn.nodes.map((n) => n.replace(/\/+$/, ''));
    this.auth = `Basic ${Buffer.from(`${conn.user}:${conn.password}`).toString('base64')}`;
    this.doFetch = conn.fetch ?? fetch;
  }

  get nodes(): readonly string[] {
    return this.conn.nodes.map((n) => n.replace(/\/+$/, ''));
  }

  /** Calls the first node that answers; returns the parsed JSON answer (undefined for 204). */
  async call<T = unknown>(c: RestCall): Promise<T> {
    const operation = `${c.method} ${c.path.split('?')[0]}`;
    const nodes = c.node ? [c.node] : [...this.order];
    let lastError: WorkflowError | undefined;
    for (const node of nodes) {
      try {
        return (await this.callNode(node, c, operation)) as T;
      } catch (err) {
        if (!(err instanceof WorkflowError) || (err.kind !== 'unavailable' && err.kind !== 'timeout') || c.node)
          throw err;
        lastError = err;
        // Tried last from now on, until it answers again.
        this.order = [...this.order.filter((n) => n !== node), node];
      }
    }
    throw lastError ?? new WorkflowError('unavailable', 'no engine node configured', operation);
  }

  private async callNode(node: string, c: RestCall, operation: string): Promise<unknown> {
    const url = c.path.startsWith('/plusflow') ? `${node}${c.path}` : `${node}/engine-rest${c.path}`;
    const timeoutMs = c.timeoutMs ?? this.conn.timeoutMs ?? 10_000;
    const multipart = c.body instanceof FormData;
    let res: Response;
    let text: string;
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      res = await this.doFetch(url, {
        method: c.method,
        headers: {
          authorization: this.auth,
          accept: 'application/json',
          ...(c.body === undefined || multipart ? {} : { 'content-type': 'application/json' }),
        },
        ...(c.body === undefined ? {} : { body: multipart ? (c.body as FormData) : JSON.stringify(c.body) }),
        signal: c.signal ? AbortSignal.any([timeout, c.signal]) : timeout,
      });
      text = await res.text();
    } catch (err) {
      const name = (err as { name?: unknown } | null)?.name;
      if (name === 'TimeoutError')
        throw new WorkflowError(
          'timeout',
          `the engine at ${node} did not answer within ${timeoutMs} ms`,
          operation,
          err,
        );
      if (name === 'AbortError')
        throw new WorkflowError('unavailable', `the call to ${node} was abandoned`, operation, err);
      throw new WorkflowError(
        'unavailable',
        `the engine at ${node} did not answer (${describeFetchError(err)})`,
        operation,
        err,
      );
    }
    if (!res.ok) {
      const { type, message } = parseEngineError(text);
      throw new WorkflowError(
        classify(res.status, type, message),
        `${res.status} ${type ?? ''} ${message ?? text.slice(0, 500)}`.replace(/\s+/g, ' ').trim(),
        operation,
      );
    }
    return text.trim() ? JSON.parse(text) : undefined;
  }
}

function parseEngineError(text: string): { type?: string; message?: string } {
  try {
    const p = JSON.parse(text) as { type?: unknown; message?: unknown };
    return {
      ...(typeof p.type === 'string' ? { type: p.type } : {}),
      ...(typeof p.message === 'string' ? { message: p.message } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Operaton answers several user errors with 500 (ENGINE.md §7): completing a completed task, claiming a claimed
 * one. Its exception type and message say what happened; this turns them into kinds.
 */
export function classify(status: number, type: string | undefined, message: string | undefined): WorkflowErrorKind {
  const m = message ?? '';
  if (status === 401 || status === 403) return 'unauthorized';
  if (type === 'TaskAlreadyClaimedException') return 'conflict';
  // Two commands on the same instance at once: the loser's transaction is rolled back (ENGINE-03005).
  if (type === 'OptimisticLockingException' || /updated by another transaction concurrently|ENGINE-03005/.test(m))
    return 'conflict';
  if (/Cannot find task with id|task is null|Cannot find external task|ExternalTask .* does not exist/i.test(m))
    return 'gone';
  if (status === 404 || /No process instance found|does(n't| not) exist|not found/i.test(m)) return 'not-found';
  if (type === 'MismatchingMessageCorrelationException') return 'rejected';
  if (status === 400 || status === 422 || type === 'ParseException' || type === 'ProcessEngineException')
    return 'rejected';
  return 'failed';
}

/** `2026-12-07T20:46:53.000+0000`: the only date format Operaton's REST API accepts in queries and bodies. */
export function engineDate(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}
