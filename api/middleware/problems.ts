import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { WorkflowError } from '../../workflow/port';
import { HttpProblem, PROBLEM_TYPES, STATUS_TITLES, type Problem } from '../problem';

/**
 * The error handler. Every error, and every 4xx/5xx answer that has no body yet (no route matched, a method
 * not allowed), leaves as an RFC 9457 `application/problem+json` document with the request id. Unexpected
 * errors become a 500 that leaks nothing and is logged with the request id, so the log line can be found.
 */
export function problems(baseLog: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status >= 400 && ctx.body == null) throw statusProblem(ctx);
    } catch (err) {
      const log = (ctx.state.log as Logger | undefined) ?? baseLog;
      const { problem, headers } = toProblem(err, ctx);
      const engineErr =
        err instanceof WorkflowError
          ? err
          : err instanceof Error && err.cause instanceof WorkflowError
            ? err.cause
            : undefined;
      if (engineErr) {
        const { operation, kind, detail } = engineErr;
        log.warn({ engine: { operation, kind, detail }, status: problem.status }, 'engine call failed');
      } else if (!(err instanceof HttpProblem) && problem.status >= 500) {
        // unexpected: the only place a stack trace goes, and only to the log
        log.error({ err }, 'request failed');
      } else if (problem.status >= 500) {
        log.warn({ problem: { title: problem.title, detail: problem.detail } }, 'answered with a server-side problem');
      }
      ctx.status = problem.status;
      for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { ...problem, instance: ctx.path, requestId: ctx.state.requestId as string | undefined };
      ctx.type = 'application/problem+json';
    }
  };
}

interface Mapped {
  problem: Problem;
  headers: Record<string, string>;
}

/** A status set without a body (the router's 404/405/501, a middleware's bare `ctx.status = 4xx`). */
function statusProblem(ctx: Context): HttpProblem {
  const where = `${ctx.method} ${ctx.path}`;
  switch (ctx.status) {
    case 404:
      return new HttpProblem(
        404,
        'Not found',
        ctx.path.startsWith('/api/')
          ? `There is no API route ${where}. The API's routes are listed at /api/docs.`
          : `There is nothing at ${ctx.path}. The web application starts at /, the API documentation is at /api/docs.`,
        { type: PROBLEM_TYPES.notFound },
      );
    case 405: {
      const allow = ctx.response.get('Allow');
      return new HttpProblem(
        405,
        'Method not allowed',
        `${ctx.method} is not allowed on ${ctx.path}; this resource accepts ${allow || 'other methods'} (see /api/docs).`,
        {
          type: PROBLEM_TYPES.methodNotAllowed,
        },
      );
    }
    case 501:
      return new HttpProblem(501, 'Not implemented', `This server does not support the HTTP method ${ctx.method}.`, {
        type: PROBLEM_TYPES.notImplemented,
      });
    default:
      return new HttpProblem(
        ctx.status,
        STATUS_TITLES[ctx.status] ?? `HTTP ${ctx.status}`,
        `The request to ${where} failed with status ${ctx.status}.`,
      );
  }
}

/** The problem type of a thrown problem that names none. */
const DEFAULT_TYPES: Record<number, string> = {
  401: PROBLEM_TYPES.unauthenticated,
  403: PROBLEM_TYPES.forbidden,
  404: PROBLEM_TYPES.notFound,
  409: PROBLEM_TYPES.conflict,
};

export function toProblem(err: unknown, ctx: Context): Mapped {
  if (err instanceof HttpProblem) {
    return {
      problem: {
        type:
          err.extra.type ??
          DEFAULT_TYPES[err.status] ??
          (err.status >= 500 ? PROBLEM_TYPES.internal : PROBLEM_TYPES.badRequest),
        title: err.title,
        status: err.status,
        detail: err.detail,
        ...(err.extra.errors ? { errors: err.extra.errors } : {}),
        ...withoutStandardMembers(err.extra.extensions),
      },
      headers: err.extra.headers ?? {},
    };
  }
  if (err instanceof WorkflowError)
    return {
      problem: engineProblem(err, String(ctx.state.requestId)),
      headers: err.kind === 'unavailable' ? { 'Retry-After': '30' } : {},
    };
  return { problem: httpErrorProblem(err, ctx), headers: {} };
}

const STANDARD = new Set(['type', 'title', 'status', 'detail', 'instance', 'requestId', 'errors']);
function withoutStandardMembers(extensions: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions).filter(([k]) => !STANDARD.has(k)));
}

/** Errors thrown by Koa, the body parser (http-errors with `status`/`expose`) and everything unexpected. */
function httpErrorProblem(err: unknown, ctx: Context): Problem {
  const e = (err ?? {}) as {
    status?: unknown;
    statusCode?: unknown;
    expose?: boolean;
    message?: string;
    type?: string;
  };
  const raw = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  const status = raw >= 400 && raw <= 599 ? raw : 500;
  // co-body's JSON.parse errors (by name: an error from another realm fails instanceof)
  if (status === 400 && (err as { name?: unknown } | null)?.name === 'SyntaxError') {
    const message = String(e.message ?? 'parse error');
    const what = /only supports object and array/.test(message)
      ? 'it must be a JSON object'
      : message.replace(/\.$/, '');
    return {
      type: PROBLEM_TYPES.malformedJson,
      title: 'Malformed JSON',
      status,
      detail: `The request body is not valid JSON (${what}). Check quotes, commas and brackets, and send a JSON object.`,
    };
  }
  if (status === 413 || e.type === 'entity.too.large') {
    return {
      type: PROBLEM_TYPES.payloadTooLarge,
      title: STATUS_TITLES[413]!,
      status: 413,
      detail:
        "The request body is larger than this request's limit (1 MB for most requests, see /api/docs). Send less data per request.",
    };
  }
  if (status === 415) {
    return {
      type: PROBLEM_TYPES.unsupportedMediaType,
      title: STATUS_TITLES[415]!,
      status,
      detail: `${e.expose && e.message ? `${e.message}. ` : ''}Send JSON with "Content-Type: application/json".`,
    };
  }
  if (status < 500) {
    return {
      type: status === 404 ? PROBLEM_TYPES.notFound : PROBLEM_TYPES.badRequest,
      title: STATUS_TITLES[status] ?? `HTTP ${status}`,
      status,
      detail: e.expose && e.message ? e.message : 'The request could not be processed.',
    };
  }
  return {
    type: PROBLEM_TYPES.internal,
    title: STATUS_TITLES[500]!,
    status: 500,
    detail: `Something went wrong on our side and the request was not completed. Try again; if it keeps failing, tell the administrator the request id ${String(ctx.state.requestId)}.`,
  };
}

/**
 * Workflow errors, generically, by kind. Routes that know what not-found, gone or conflict mean for their resource
 * map them more precisely with `engineCall` (engine-call.ts); these are the fall-backs. The engine's own words
 * (`detail`) go to the log, and into the answer only where they tell the user what to fix (a rejected request).
 */
export function engineProblem(err: WorkflowError, requestId: string): Problem {
  switch (err.kind) {
    case 'rejected':
      return {
        type: PROBLEM_TYPES.engineRejected,
        title: 'Rejected by the workflow engine',
        status: 400,
        detail: `The workflow engine rejected the request: ${err.detail}`,
      };
    case 'not-found':
      return {
        type: PROBLEM_TYPES.notFound,
        title: 'Not found in the workflow engine',
        status: 404,
        detail:
          'The workflow engine does not know this item; it may have been completed or cancelled meanwhile. Reload the page.',
      };
    case 'gone':
      return {
        type: PROBLEM_TYPES.conflict,
        title: 'Already completed or cancelled',
        status: 409,
        detail:
          'This item was already completed or cancelled in the workflow engine, so nothing was changed. Reload the page to see where it stands.',
      };
    case 'conflict':
      return {
        type: PROBLEM_TYPES.conflict,
        title: 'Conflict',
        status: 409,
        detail: 'Someone else changed this item meanwhile. Reload it and try again.',
      };
    case 'unauthorized':
      return {
        type: PROBLEM_TYPES.engineUnavailable,
        title: 'Workflow engine refused the API',
        status: 502,
        detail: `The workflow engine refused the API's credentials; nothing was changed. Tell the administrator, quoting request id ${requestId}.`,
      };
    case 'unavailable':
      return {
        type: PROBLEM_TYPES.engineUnavailable,
        title: 'Workflow engine unavailable',
        status: 503,
        detail: `The workflow engine is not reachable right now, so nothing was changed. Try again in a minute; if it persists, tell the administrator (request id ${requestId}).`,
      };
    case 'timeout':
      return {
        type: PROBLEM_TYPES.engineUnavailable,
        title: 'Workflow engine did not answer in time',
        status: 504,
        detail:
          'The workflow engine did not answer in time: the change may or may not have been made. Reload and check before trying again.',
      };
    case 'failed':
    default:
      return {
        type: PROBLEM_TYPES.engineUnavailable,
        title: 'Workflow engine error',
        status: 502,
        detail: `The workflow engine failed to process the request. Try again; if it keeps failing, tell the administrator (request id ${requestId}).`,
      };
  }
}
