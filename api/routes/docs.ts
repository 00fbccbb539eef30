import path from 'node:path';
import type Router from '@koa/router';
import send from 'koa-send';

const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS = new Set([
  'swagger-ui.css',
  'swagger-ui.css.map',
  'swagger-ui-bundle.js',
  'swagger-ui-bundle.js.map',
  'favicon-16x16.png',
  'favicon-32x32.png',
]);

// The docs page comes from the swagger-ui-dist package (no CDN), with its start-up script served as a file
// so that the page works under a Content-Security-Policy without inline scripts. validatorUrl: null keeps
// swagger-ui from asking validator.swagger.io about our document.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PLUS Flow API</title>
<link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<noscript>The API documentation needs JavaScript. The raw OpenAPI document is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
<main id="swagger-ui"></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n`;

/** GET /api/openapi.json, the docs page at /api/docs, and its assets from node_modules. */
export function mountDocs(router: Router, document: () => unknown): void {
  router.get('/api/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = document();
  });
  router.get('/api/docs', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = PAGE;
  });
  router.get('/api/docs/init.js', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.body = INIT;
  });
  router.get('/api/docs/assets/:file', async (ctx) => {
    const file = String(ctx.params.file);
    if (!ASSETS.has(file)) return; // falls through to the 404 problem
    await send(ctx, file, {
      root: SWAGGER_DIR,
      gzip: false,
      brotli: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=86400'),
    });
  });
}
