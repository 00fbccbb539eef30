import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { EngineError } from '../engine-rest';
import { HttpProblem, PROBLEM_TYPES, type Problem } from '../problem';

/**
 * Turns every error, and every 4xx/5xx without a body, into an `application/problem+json` answer. Unknown
 * errors become a 500 that names the request id (to find the log line) and leaks no internals.
 */
export function problems(log: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new HttpProblem(404, 'Not found', `There is no resource at ${ctx.method} ${ctx.path}. See /api/docs for the API.`, { type: PROBLEM_TYPES.notFound });
      }
    } catch (err) {
      const problem = toProblem(err, ctx);
      if (problem.status >= 500) log.error({ err, requestId: ctx.state.requestId }, 'request failed');
      ctx.status = problem.status;
      ctx.type = 'application/problem+json';
      ctx.body = { ...problem, instance: ctx.path, requestId: ctx.state.requestId as string };
    }
  };
}

function toProblem(err: unknown, ctx: Context): Problem {
  if (err instanceof HttpProblem) {
    return { type: err.extra.type ?? PROBLEM_TYPES.badRequest, title: err.title, status: err.status, detail: err.detail, ...(err.extra.errors ? { errors: err.extra.errors } : {}) };
  }
  if (err instanceof EngineError) return engineProblem(err);
  const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string };
  const status = e.status ?? e.statusCode ?? 500;
  if (status === 405) {
    return { type: PROBLEM_TYPES.methodNotAllowed, title: 'Method not allowed', status, detail: `${ctx.method} is not supported on ${ctx.path}; allowed: ${String(ctx.response.get('Allow') || 'see /api/docs')}.` };
  }
  if (status === 400 && /json/i.test(`${e.type ?? ''} ${e.message ?? ''}`)) {
    return { type: PROBLEM_TYPES.badRequest, title: 'Malformed JSON', status, detail: `The request body is not valid JSON (${e.message ?? 'parse error'}). Send a JSON object.` };
  }
  if (status >= 400 && status < 500) {
    return { type: PROBLEM_TYPES.badRequest, title: 'Bad request', status, detail: e.expose && e.message ? e.message : 'The request could not be processed.' };
  }
  return {
    type: PROBLEM_TYPES.internal,
    title: 'Internal error',
    status: 500,
    detail: `Something went wrong on our side. Try again; if it keeps failing, report request id ${String(ctx.state.requestId)} to the administrator.`,
  };
}

function engineProblem(err: EngineError): Problem {
  switch (err.status) {
    case 404:
      return { type: PROBLEM_TYPES.notFound, title: 'Task not found', status: 404, detail: 'The engine does not know this task any more: it was completed or cancelled. Reload the inbox.' };
    case 409:
      return { type: PROBLEM_TYPES.conflict, title: 'Conflict', status: 409, detail: `The engine refused the change because the task changed meanwhile (${err.detail}). Reload the task and try again.` };
    case 400:
      return { type: PROBLEM_TYPES.badRequest, title: 'Rejected by the engine', status: 400, detail: err.detail };
    default:
      return { type: PROBLEM_TYPES.engineUnavailable, title: 'Workflow engine unavailable', status: 503, detail: `${err.detail} Try again in a minute; operations are not lost.` };
  }
}
