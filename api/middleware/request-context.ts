import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Histogram } from 'prom-client';

export type DurationHistogram = Histogram<'method' | 'route' | 'status'>;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Probes and scrapes: logged at debug only, so the access log shows people's requests. */
const QUIET = /^\/(health(\/.*)?|metrics)$/;

/**
 * The outermost middleware. Gives each request an id (the caller's X-Request-Id when it is sane, a new
 * UUID otherwise, echoed in the answer), a pino child logger carrying it (`ctx.state.log`), one access log
 * line, and an observation of the duration histogram labelled by route template, not by raw path.
 */
export function requestContext(log: Logger, duration: DurationHistogram): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const reqLog = log.child({ requestId });
    ctx.state.requestId = requestId;
    ctx.state.log = reqLog;
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(ctx);
      duration.observe({ method: ctx.method, route, status: String(ctx.status) }, seconds);
      const line = {
        method: ctx.method,
        path: ctx.path,
        route,
        status: ctx.status,
        ms: Math.round(seconds * 10_000) / 10,
      };
      if (QUIET.test(ctx.path)) reqLog.debug(line, 'request');
      else reqLog.info(line, 'request');
    }
  };
}

/** Bounded label values: the matched route template, or one of a few buckets for everything else. */
function routeLabel(ctx: { _matchedRoute?: unknown; state: Record<string, unknown>; path: string }): string {
  if (typeof ctx._matchedRoute === 'string') return ctx._matchedRoute;
  if (typeof ctx.state.staticFile === 'string') return 'static';
  return ctx.path.startsWith('/api/') ? 'unmatched-api' : 'unmatched';
}
