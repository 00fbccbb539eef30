import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/**
 * Simulators answer errors as RFC 9457 problem documents, like the API, plus a `code` that clients switch on
 * (NO_DATA, UNKNOWN_RULING, IDEMPOTENCY_KEY_IN_USE…): the status says whether to retry, the code says why.
 */
export const PROBLEM_BASE = 'https://simulators.plusflow.vpd.gov.lv/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

/** Thrown by handlers and the kit; becomes a problem answer. */
export class SimProblem extends Error {
  override readonly name = 'SimProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { errors?: { path: string; message: string }[]; headers?: Record<string, string> } = {},
  ) {
    super(`${status} ${code}: ${detail}`);
  }

  body(): ProblemBody {
    return {
      type: `${PROBLEM_BASE}${this.code.toLowerCase().replace(/_/g, '-')}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
    };
  }
}

/** Errors of every kind (ours, the body parser's, the router's bare 404/405) as problem answers. */
export function problems(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null)
        throw new SimProblem(
          404,
          'NOT_FOUND',
          'Not found',
          `There is no route ${ctx.method} ${ctx.path}. See docs/simulators.md.`,
        );
      if (ctx.status === 405 && ctx.body == null) {
        throw new SimProblem(
          405,
          'METHOD_NOT_ALLOWED',
          'Method not allowed',
          `${ctx.method} is not allowed on ${ctx.path} (allowed: ${ctx.response.get('Allow') || 'none'}).`,
        );
      }
    } catch (err) {
      const problem = toSimProblem(err);
      if (problem.status >= 500 && !(err instanceof SimProblem))
        log.error({ err, path: ctx.path }, 'simulator request failed');
      ctx.status = problem.status;
      for (const [k, v] of Object.entries(problem.extra.headers ?? {})) ctx.set(k, v);
      ctx.body = { ...problem.body(), instance: ctx.path };
      ctx.type = 'application/problem+json';
    }
  };
}

function toSimProblem(err: unknown): SimProblem {
  if (err instanceof SimProblem) return err;
  const e = (err ?? {}) as { status?: unknown; expose?: unknown; message?: unknown; name?: unknown };
  const status = typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : 500;
  if (status === 400 && e.name === 'SyntaxError')
    return new SimProblem(400, 'MALFORMED_JSON', 'Malformed JSON', `The body is not valid JSON: ${String(e.message)}`);
  if (status === 415)
    return new SimProblem(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported media type',
      'Send JSON with "Content-Type: application/json".',
    );
  if (status < 500)
    return new SimProblem(
      status,
      'BAD_REQUEST',
      'Bad request',
      e.expose && typeof e.message === 'string' ? e.message : 'The request could not be processed.',
    );
  return new SimProblem(500, 'INTERNAL', 'Internal error', 'The simulator failed; see its log.');
}
