import type { Context, Next } from 'koa';

/** Conservative browser security headers; the API docs page needs inline styles (swagger-ui), nothing else does. */
export function securityHeaders() {
  return async (ctx: Context, next: Next) => {
    await next();
    const styles = ctx.path.startsWith('/api/docs') ? "'self' 'unsafe-inline'" : "'self'";
    ctx.set('Content-Security-Policy', `default-src 'self'; img-src 'self' data:; style-src ${styles}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
  };
}
