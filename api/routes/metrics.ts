import type Router from '@koa/router';
import type { Registry } from 'prom-client';

/** GET /metrics in the Prometheus text format (not in the OpenAPI document: it is not JSON). */
export function mountMetrics(router: Router, registry: Registry): void {
  router.get('/metrics', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
}
