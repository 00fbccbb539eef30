import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../prisma/generated/client';
import { HttpProblem } from '../problem';
import type { OidcClient, PendingSignIn } from './oidc';
import type { LoadedSession } from './sessions';

/**
 * Sign-in, sign-out and the session on every request. Cookies: `plusflow_session` (the session token;
 * HttpOnly, SameSite=Lax, Secure on HTTPS) and, during a sign-in, `plusflow_signin` (state, nonce and PKCE
 * verifier; signed, 15 minutes, only sent to /auth/callback). Changes need the session's CSRF token in the
 * `X-CSRF-Token` header (the UI reads it from GET /api/me); a cross-site form cannot send it.
 */
export const SESSION_COOKIE = 'plusflow_session';
const SIGNIN_COOKIE = 'plusflow_signin';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SessionLoader {
  load(token: string): Promise<LoadedSession | undefined>;
}

export interface SessionManager extends SessionLoader {
  create(
    userId: number,
    meta: { ip?: string; userAgent?: string },
  ): Promise<{ token: string; csrfToken: string; expiresAt: Date }>;
  destroy(token: string): Promise<void>;
}

declare module 'koa' {
  interface DefaultState {
    session?: LoadedSession;
  }
}

/**
 * Loads the session named by the cookie, if any; never refuses (routes decide what they need). Only the API and
 * sign-in paths need it: static files and health checks do not cost a database lookup.
 */
export function loadSession(sessions: SessionLoader | undefined): Middleware {
  return async (ctx, next) => {
    const token =
      ctx.path.startsWith('/api/') || ctx.path.startsWith('/auth/') ? ctx.cookies.get(SESSION_COOKIE) : undefined;
    if (token && sessions) {
      const s = await sessions.load(token);
      if (s) ctx.state.session = s;
    }
    await next();
  };
}

/** The signed-in session, or 401 saying how to sign in. */
export function requireSession(ctx: Context): LoadedSession {
  const s = ctx.state.session;
  if (!s)
    throw new HttpProblem(
      401,
      'Not signed in',
      'Sign in first (GET /auth/login), or sign in again: the session ended after a period without activity.',
    );
  return s;
}

/** For changes: the CSRF token must match the session's. */
export function checkCsrf(ctx: Context, s: LoadedSession): void {
  if (SAFE_METHODS.has(ctx.method)) return;
  if (ctx.get('x-csrf-token') !== s.csrfToken) {
    throw new HttpProblem(
      403,
      'Missing or wrong CSRF token',
      'Send the X-CSRF-Token header with the token from GET /api/me. Reload the page if it was open for a long time.',
    );
  }
}

function isLocalPath(p: unknown): p is string {
  return typeof p === 'string' && p.startsWith('/') && !p.startsWith('//') && !p.startsWith('/\\');
}

export function authRoutes(deps: {
  oidc: OidcClient;
  sessions: SessionManager;
  prisma: PrismaClient;
  secureCookies: boolean;
  log: Logger;
}): Router {
  const router = new Router();
  const cookie = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.secureCookies,
    signed: true,
    overwrite: true,
  };

  router.get('/auth/login', async (ctx) => {
    const returnTo = isLocalPath(ctx.query.returnTo) ? ctx.query.returnTo : '/';
    const lang = ctx.query.lang === 'en' ? 'en' : 'lv';
    let begun: { url: string; pending: PendingSignIn };
    try {
      begun = await deps.oidc.begin({ returnTo, lang });
    } catch (err) {
      deps.log.error({ err }, 'identity provider not reachable');
      throw new HttpProblem(
        503,
        'Sign-in is not available',
        'The identity provider does not answer. Try again in a minute; if it persists, tell the administrator.',
      );
    }
    ctx.cookies.set(SIGNIN_COOKIE, Buffer.from(JSON.stringify(begun.pending)).toString('base64url'), {
      ...cookie,
      path: '/auth/callback',
      maxAge: 15 * 60_000,
    });
    ctx.redirect(begun.url);
  });

  router.get('/auth/callback', async (ctx) => {
    const raw = ctx.cookies.get(SIGNIN_COOKIE, { signed: true });
    if (!raw)
      throw new HttpProblem(
        400,
        'Sign-in expired',
        'The sign-in took too long or was started in another browser. Start again at /auth/login.',
      );
    ctx.cookies.set(SIGNIN_COOKIE, null, { ...cookie, path: '/auth/callback' });
    const pending = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PendingSignIn;
    let username: string;
    try {
      ({ username } = await deps.oidc.finish(new URL(ctx.href), pending));
    } catch (err) {
      deps.log.warn({ err }, 'sign-in callback refused');
      throw new HttpProblem(
        400,
        'Sign-in failed',
        'The identity provider’s answer could not be accepted (expired or replayed). Start again at /auth/login.',
      );
    }
    const user = await deps.prisma.user.findUnique({ where: { username } });
    if (!user?.active) {
      await deps.prisma.auditLog.create({
        data: { actor: username, action: 'auth.refused', entityType: 'user', entityId: username, ip: ctx.ip },
      });
      throw new HttpProblem(
        403,
        'No access to PLUS Flow',
        `The identity provider knows ${username}, but PLUS Flow has no active staff account for them. Ask an administrator.`,
      );
    }
    const s = await deps.sessions.create(user.id, { ip: ctx.ip, userAgent: ctx.get('user-agent') });
    ctx.cookies.set(SESSION_COOKIE, s.token, { ...cookie, signed: false, path: '/', expires: s.expiresAt });
    await deps.prisma.auditLog.create({
      data: { actor: username, action: 'auth.signed-in', entityType: 'user', entityId: String(user.id), ip: ctx.ip },
    });
    ctx.redirect(pending.returnTo);
  });

  router.post('/auth/logout', async (ctx) => {
    const s = requireSession(ctx);
    checkCsrf(ctx, s);
    const token = ctx.cookies.get(SESSION_COOKIE);
    if (token) await deps.sessions.destroy(token);
    ctx.cookies.set(SESSION_COOKIE, null, { ...cookie, signed: false, path: '/' });
    await deps.prisma.auditLog.create({
      data: {
        actor: s.actor.username,
        action: 'auth.signed-out',
        entityType: 'user',
        entityId: String(s.actor.id),
        ip: ctx.ip,
      },
    });
    ctx.status = 204;
  });

  return router;
}
