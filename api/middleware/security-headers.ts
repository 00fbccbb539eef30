import type { Middleware } from 'koa';

/**
 * Browser security headers on every answer (set first, so problem answers carry them too). The policy
 * allows same-origin resources only: no inline scripts anywhere, no CDN, no framing. Inline *styles* are allowed
 * on the two documents whose libraries need them — the API docs page (swagger-ui) and the web UI (the Camunda
 * modeler, its properties panel and the form editor set style attributes) — never on API answers; fonts may be
 * data: URIs (the BPMN symbol font is embedded in bpmn-js's stylesheet).
 */
export function contentSecurityPolicy(path: string): string {
  const documentWithInlineStyles =
    path === '/' || path === '/index.html' || path === '/api/docs' || path.startsWith('/api/docs/');
  const styles = documentWithInlineStyles ? "'self' 'unsafe-inline'" : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styles}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('Content-Security-Policy', contentSecurityPolicy(ctx.path));
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
    ctx.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    // API answers are never cached by default (they will carry personal data); static files override this.
    ctx.set('Cache-Control', 'no-store');
    await next();
  };
}
