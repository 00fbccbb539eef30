import { existsSync, type ReadStream } from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import send from 'koa-send';
import { HttpProblem, PROBLEM_TYPES } from '../problem';

/** Paths that belong to the API; never looked up on disk. */
const NOT_UI = /^\/(api|health|metrics)(\/|$)/;

/**
 * Serves the built web UI (Vite output) at /. Vite puts content-hashed files under /assets/, which may be
 * cached for a year; index.html and everything else is revalidated on every visit so that a new release
 * shows at once (Last-Modified + If-Modified-Since gives a cheap 304).
 */
export function staticUi(uiDir: string): Middleware {
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || NOT_UI.test(ctx.path)) return next();
    let served: string | undefined;
    try {
      served = await send(ctx, ctx.path, {
        root: uiDir,
        index: 'index.html',
        hidden: false,
        gzip: false,
        brotli: false,
        setHeaders: (res, file) => {
          const hashed =
            path.relative(uiDir, file).startsWith(`assets${path.sep}`) && /[-.][A-Za-z0-9_-]{8,}\.\w+$/.test(file);
          res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    } catch (err) {
      // not there, or a path that tries to leave the folder (400/403 from koa-send): both are "not found"
      if (![400, 403, 404].includes((err as { status?: number }).status ?? 500)) throw err;
    }
    if (!served) {
      if ((ctx.path === '/' || ctx.path === '/index.html') && !existsSync(path.join(uiDir, 'index.html'))) {
        throw new HttpProblem(
          404,
          'Web UI not built',
          `The web UI has not been built into ${uiDir}. Run "npm run ui:build" and reload.`,
          { type: PROBLEM_TYPES.notFound },
        );
      }
      return next();
    }
    ctx.state.staticFile = served;
    if (ctx.fresh) {
      (ctx.body as ReadStream | null)?.destroy?.();
      ctx.status = 304;
    }
  };
}
