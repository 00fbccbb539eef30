import type { Context } from 'koa';
import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from './zod';
import { HttpProblem, PROBLEM_TYPES } from './problem';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Koa path, e.g. `/api/tasks/:taskKey/complete`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler: (input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; ctx: Context }) => Promise<{ status: number; body?: unknown }>;
}

export type AnyRoute = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

/** Declares a route once: the same zod schemas validate requests and describe it in the OpenAPI document. */
export function defineRoute<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodUnknown>(
  spec: RouteSpec<P, Q, B>,
): AnyRoute {
  return spec as unknown as AnyRoute;
}

export function mountRoutes(router: Router, registry: OpenAPIRegistry, routes: AnyRoute[]): void {
  for (const route of routes) {
    registry.registerPath({
      method: route.method,
      path: route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      request: {
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema ? { content: { [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: { schema: r.schema } } } : {}),
          },
        ]),
      ),
    });
    router[route.method](route.path, async (ctx) => {
      const params = parse('path parameters', route.params, ctx.params);
      const query = parse('query parameters', route.query, ctx.query);
      const body = parse('request body', route.body, (ctx.request as { body?: unknown }).body);
      const out = await route.handler({ params, query, body, ctx });
      ctx.status = out.status;
      if (out.body !== undefined) ctx.body = out.body;
    });
  }
}

function parse(what: string, schema: z.ZodType | undefined, value: unknown): never {
  if (!schema) return value as never;
  const r = schema.safeParse(value);
  if (r.success) return r.data as never;
  throw new HttpProblem(422, 'Invalid request', `The ${what} are not valid; correct the fields listed in "errors" and send the request again.`, {
    type: PROBLEM_TYPES.validation,
    errors: r.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
  });
}
