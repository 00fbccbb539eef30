import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import type { Histogram } from 'prom-client';

/** Request id (X-Request-Id in and out), one access log line per request, and the duration histogram. */
export function requestContext(log: Logger, duration: Histogram<'method' | 'route' | 'status'>) {
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = /^[A-Za-z0-9._-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? (ctx.status === 404 ? 'unmatched' : ctx.path.startsWith('/api/') ? 'unmatched' : 'static');
      duration.observe({ method: ctx.method, route: String(route), status: String(ctx.status) }, seconds);
      if (!ctx.path.startsWith('/health') && ctx.path !== '/metrics') {
        log.info({ requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(seconds * 1000) }, 'request');
      }
    }
  };
}
