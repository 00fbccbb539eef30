import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { StoredResponse } from './idempotency';
import { SimProblem } from './problem';
import { validationProblem, type SimResponse, type SimRoute } from './route';

/** Small Koa helpers of the simulator pipeline (app.ts). */

export function parseBody(ctx: Context, r: SimRoute): { value: unknown } {
  const raw = (ctx.request as { body?: unknown }).body;
  if (!r.body) return { value: raw };
  if (ctx.request.is('json') === false)
    throw new SimProblem(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported media type',
      'Send the body as JSON with "Content-Type: application/json".',
    );
  const parsed = r.body.safeParse(raw);
  if (!parsed.success) throw validationProblem(422, 'body', parsed.error);
  return { value: parsed.data };
}

export function stored(r: SimResponse): StoredResponse {
  return { status: r.status, body: r.body ?? null, headers: r.headers ?? {} };
}

export function send(ctx: Context, r: SimResponse): void {
  ctx.status = r.status;
  for (const [k, v] of Object.entries(r.headers ?? {})) if (k.toLowerCase() !== 'content-type') ctx.set(k, v);
  if (r.body !== undefined && r.body !== null) {
    ctx.body = r.body;
    ctx.type = r.headers?.['Content-Type'] ?? (r.status >= 400 ? 'application/problem+json' : 'application/json');
  }
}

/** Holds the request until the client gives up (the usual case) or `ms` pass, then answers 504. */
export async function hang(ctx: Context, ms: number, rate: number): Promise<never> {
  await waitOrClose(ctx, ms);
  // When the client is gone this answer is never written; it is what the received log shows.
  throw new SimProblem(
    504,
    'INJECTED_TIMEOUT',
    'Injected timeout',
    `Fault injection held the request for up to ${ms} ms (timeoutRate ${rate}).`,
  );
}

export function waitOrClose(ctx: Context, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (ctx.res.destroyed || ctx.res.writableEnded) return resolve(true);
    const onClose = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      ctx.res.off('close', onClose);
      resolve(false);
    }, ms);
    ctx.res.once('close', onClose);
  });
}

export function requestLog(log: Logger): Middleware {
  return async (ctx, next) => {
    const started = Date.now();
    const reqLog = log.child({ requestId: ctx.get('X-Request-Id') || undefined });
    ctx.state.log = reqLog;
    try {
      await next();
    } finally {
      const line = {
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Date.now() - started,
        idempotencyKey: ctx.get('Idempotency-Key') || undefined,
      };
      if (ctx.path.includes('/_admin')) reqLog.debug(line, 'admin request');
      else reqLog.info(line, 'request');
    }
  };
}
