import type { Logger } from 'pino';
import type { z } from 'zod';
import { SimProblem } from './problem';

/**
 * Routes of a simulator are data: method, path, optional body schema and a handler that returns the answer
 * as a value (so the kit can store and replay it for a repeated Idempotency-Key).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface SimRequest<B = unknown> {
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  body: B;
  headers: Record<string, string | string[] | undefined>;
  /** The simulator's clock (fixed in tests). */
  now: Date;
  log: Logger;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SimRoute<B = unknown> {
  method: HttpMethod;
  /** Relative to the system prefix, Koa syntax: "/execution-notices/:noticeId". */
  path: string;
  /** Validates the JSON body; failing requests get 422 VALIDATION with the fields at fault. */
  body?: z.ZodType<B>;
  /** Requires an Idempotency-Key and replays answers for repeats. Default: true for POST. */
  idempotent?: boolean;
  handle(req: SimRequest<B>): SimResponse | Promise<SimResponse>;
}

/** Declares a route with a typed body and erases the type for the route table. */
export function route<B = unknown>(r: SimRoute<B>): SimRoute {
  return r as unknown as SimRoute;
}

export const ok = (body: unknown, status = 200, headers?: Record<string, string>): SimResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

/** Validates query parameters; a bad one is a 400 naming it. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const r = schema.safeParse(query);
  if (r.success) return r.data;
  throw validationProblem(400, 'query', r.error);
}

export function validationProblem(status: number, part: 'query' | 'body', error: z.ZodError): SimProblem {
  const errors = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const list = errors.map((e) => `${e.path || `the ${part}`}: ${e.message}`).join('; ');
  return new SimProblem(status, 'VALIDATION', 'Invalid request', `The ${part} is not valid: ${list}.`, { errors });
}
