import Koa from 'koa';
import Router from '@koa/router';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import pino from 'pino';
import { Histogram, Registry } from 'prom-client';
import request from 'supertest';
import { z } from './zod';
import { problems } from './middleware/problems';
import { requestContext } from './middleware/request-context';
import { defineRoute, mountRoutes, openApiPath } from './route';
import { openApiDocument } from './openapi';

function appWith(...routes: ReturnType<typeof defineRoute>[]) {
  const log = pino({ level: 'silent' });
  const duration = new Histogram({
    name: 'd',
    help: 'd',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [new Registry()],
  });
  const router = new Router();
  const registry = new OpenAPIRegistry();
  mountRoutes(router, registry, routes);
  const app = new Koa().use(requestContext(log, duration)).use(problems(log)).use(router.routes());
  return { server: app.callback(), registry };
}

describe('route declarations', () => {
  it('validates and coerces the query, and documents it', async () => {
    const { server, registry } = appWith(
      defineRoute({
        method: 'get',
        path: '/api/things/:id',
        access: 'public',
        operationId: 'getThing',
        summary: 's',
        tags: ['t'],
        params: z.object({ id: z.string() }),
        query: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          state: z.enum(['open', 'closed']).optional(),
        }),
        responses: { 200: { description: 'ok', schema: z.object({ id: z.string(), limit: z.number() }) } },
        handler: async ({ params, query }) => ({ status: 200, body: { id: params.id, limit: query.limit } }),
      }),
    );
    expect((await request(server).get('/api/things/a?limit=5')).body).toEqual({ id: 'a', limit: 5 });
    expect((await request(server).get('/api/things/a')).body).toEqual({ id: 'a', limit: 20 });
    const bad = await request(server).get('/api/things/a?limit=0&state=gone');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { in: 'query', path: 'limit', message: expect.stringMatching(/>=\s*1|at least 1/) },
      { in: 'query', path: 'state', message: 'must be one of: "open", "closed"' },
    ]);
    const doc = openApiDocument(registry, '1');
    expect(doc.paths?.['/api/things/{id}']?.get?.parameters).toHaveLength(3);
  });

  it('answers 500 when a handler breaks its own response schema, without leaking it', async () => {
    const { server } = appWith(
      defineRoute({
        method: 'get',
        path: '/broken',
        access: 'public',
        operationId: 'broken',
        summary: 's',
        tags: ['t'],
        responses: { 200: { description: 'ok', schema: z.object({ count: z.number() }) } },
        handler: async () => ({ status: 200, body: { count: 'many' as unknown as number } }),
      }),
    );
    const res = await request(server).get('/broken');
    expect(res.status).toBe(500);
    expect(res.body.detail).not.toContain('count');
  });

  it('converts Koa path parameters for OpenAPI', () => {
    expect(openApiPath('/api/tasks/:taskKey/complete')).toBe('/api/tasks/{taskKey}/complete');
  });
});
