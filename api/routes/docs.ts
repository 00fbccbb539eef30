import path from 'node:path';
import type Router from '@koa/router';
import send from 'koa-send';

const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));

// The docs page is served from the swagger-ui-dist package (no CDN) with its start-up script as a file,
// so the page works under a strict Content-Security-Policy.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PLUS Flow API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

export function mountDocs(router: Router, document: () => unknown): void {
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = document();
  });
  router.get('/api/docs', (ctx) => {
    ctx.type = 'text/html';
    ctx.body = PAGE;
  });
  router.get('/api/docs/init.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = INIT;
  });
  router.get('/api/docs/assets/:file', async (ctx) => {
    const file = String(ctx.params.file);
    if (!/^[a-z0-9.-]+\.(css|js|png)$/i.test(file)) return;
    ctx.set('Cache-Control', 'public, max-age=86400');
    await send(ctx, file, { root: SWAGGER_DIR });
  });
}
