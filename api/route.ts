import type { Context } from 'koa';
import type Router from '@koa/router';
import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Logger } from 'pino';
import { bodyParser } from '@koa/bodyparser';
import { z } from './zod';
import { inspectInput } from './input-safety';
import { HttpProblem, PROBLEM_TYPES, ProblemSchema, type FieldError } from './problem';
import { checkCsrf, requireSession } from './auth/http';
import { can, type Actor, type Permission } from './auth/policy';

/**
 * Routes are declared once, as data: the zod schemas of path parameters, query, body and responses both
 * validate at run time and describe the route in the OpenAPI document. Handlers receive parsed, typed input
 * and can only answer with a status they declared.
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  /** Validated before it is sent; a handler that breaks its own contract answers 500. */
  schema?: z.ZodType;
  /** Defaults to application/json (application/problem+json for 4xx/5xx). */
  contentType?: string;
}
export type Responses = Record<number, ResponseSpec>;

/** What a handler may answer: one of the declared statuses, with the body its schema describes. */
export type RouteResult<R extends Responses> = {
  [S in keyof R]: R[S] extends { schema: infer T extends z.ZodType }
    ? { status: S; body: z.input<T>; headers?: Record<string, string> }
    : { status: S; body?: undefined; headers?: Record<string, string> };
}[keyof R];

export interface RouteInput<P, Q, B> {
  /** The signed-in staff member (a placeholder with no roles on public routes). */
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  ctx: Context;
  /** The request's logger (carries the request id). */
  log: Logger;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends Responses> {
  method: Method;
  /** Koa path, e.g. `/api/tasks/:taskKey/complete`; `{taskKey}` in the OpenAPI document. */
  path: string;
  /** OpenAPI operationId: stable, used by generated clients. */
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /**
   * Who may call it: `public` (no session), `signed-in` (any staff member), or a permission of
   * api/auth/policy.ts. Changes on non-public routes also need the CSRF token. Default: `signed-in`.
   */
  access?: 'public' | 'signed-in' | Permission;
  params?: P;
  query?: Q;
  /** A JSON body. Declaring one makes the body required and `Content-Type: application/json` mandatory. */
  body?: B;
  /**
   * The largest body in bytes (default 1 MB). A route whose schema allows more must raise it so that every body
   * its schema accepts also fits: `jsonBytesFor` gives the bound for a number of characters.
   */
  bodyLimit?: number;
  responses: R;
  handler: (input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<RouteResult<R>>;
}

/** A route with its types erased, ready to mount. */
export interface Route {
  readonly spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType, Responses>;
}

type Empty = z.ZodObject<Record<string, never>>;

export function defineRoute<
  P extends z.ZodType = Empty,
  Q extends z.ZodType = Empty,
  B extends z.ZodType = z.ZodUndefined,
  const R extends Responses = Responses,
>(spec: RouteSpec<P, Q, B, R>): Route {
  return { spec: spec as unknown as Route['spec'] };
}

/** Koa's `:name` path parameters in OpenAPI's `{name}` notation. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * The bytes `chars` characters of JSON strings can take at most: 6 per character (a `\u001f` escape; a character
 * outside the BMP is two `\uXXXX` escapes for its two UTF-16 units), plus 4 kB for the rest of the body.
 */
export function jsonBytesFor(chars: number): number {
  return chars * 6 + 4096;
}

function describeBytes(n: number): string {
  return n >= 1024 * 1024
    ? `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`
    : `${Math.ceil(n / 1024)} kB`;
}

export function openApiPath(koaPath: string): string {
  return koaPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Registers the routes on the router (validation included) and describes them in the OpenAPI registry. */
export function mountRoutes(router: Router, registry: OpenAPIRegistry, routes: Route[]): void {
  for (const { spec } of routes) {
    registry.registerPath(describe(spec));
    const limit = spec.bodyLimit ?? DEFAULT_BODY_LIMIT;
    // Bodies are read only by routes that declare one, and only after authorization.
    const parse = spec.body ? bodyParser({ enableTypes: ['json'], jsonLimit: limit, encoding: 'utf-8' }) : undefined;
    router[spec.method](spec.path, async (ctx) => {
      const actor = authorize(ctx, spec.access ?? 'signed-in');
      if (parse) await readBody(ctx, parse, limit);
      const parsed = validateAll([
        ['path', spec.params, () => ctx.params],
        ['query', spec.query, () => ctx.query],
        ['body', spec.body, () => requestBody(ctx)],
      ]);
      const [params, query, body] = parsed as [never, never, never];
      const log = ctx.state.log as Logger | undefined;
      if (!log) throw new Error('request logger missing: mount requestContext() before the routes');
      const result = await spec.handler({ actor, params, query, body, ctx, log });
      send(ctx, spec, result);
    });
  }
}

const ANONYMOUS: Actor = { id: 0, username: 'anonymous', fullName: '', roles: [], department: null };

/** Authentication (session), CSRF for changes and the route's permission; before the body is even validated. */
function authorize(
  ctx: Context,
  access: NonNullable<RouteSpec<z.ZodType, z.ZodType, z.ZodType, Responses>['access']>,
): Actor {
  if (access === 'public') return ANONYMOUS;
  const session = requireSession(ctx);
  checkCsrf(ctx, session);
  if (access !== 'signed-in' && !can(session.actor, access)) {
    throw new HttpProblem(
      403,
      'Not allowed',
      `Your roles (${session.actor.roles.join(', ') || 'none'}) do not allow this (${access}). Ask your department head if you need it.`,
    );
  }
  return session.actor;
}

/** Reads the JSON body within the route's limit; a charset other than UTF-8 is refused, not misread. */
async function readBody(ctx: Context, parse: ReturnType<typeof bodyParser>, limit: number): Promise<void> {
  const charset = ctx.request.charset;
  if (ctx.request.is('json') && charset && !/^utf-?8$/i.test(charset)) {
    throw new HttpProblem(
      415,
      'Unsupported character set',
      `The request body is declared as ${charset}; send it in UTF-8 ("Content-Type: application/json; charset=utf-8", or no charset).`,
      {
        type: PROBLEM_TYPES.unsupportedMediaType,
      },
    );
  }
  try {
    await parse(ctx, async () => {});
  } catch (err) {
    const e = err as { status?: number; type?: string };
    if (e.status === 413 || e.type === 'entity.too.large') {
      throw new HttpProblem(
        413,
        'Request body too large',
        `The request body is larger than this request's limit of ${describeBytes(limit)}. Send less data per request.`,
        {
          type: PROBLEM_TYPES.payloadTooLarge,
        },
      );
    }
    if (e.type === 'encoding.unsupported' || e.status === 415) {
      throw new HttpProblem(415, 'Unsupported character set', 'Send the request body in UTF-8.', {
        type: PROBLEM_TYPES.unsupportedMediaType,
      });
    }
    throw err;
  }
}

function requestBody(ctx: Context): unknown {
  // `is()` is null when the request has no body at all, false when it has one of another type.
  const type = ctx.request.is('json');
  if (type === null || ctx.request.length === 0) return undefined;
  if (type === false) {
    throw new HttpProblem(
      415,
      'Unsupported media type',
      `Send the request body as JSON with the header "Content-Type: application/json" (got "${ctx.get('Content-Type') || 'no Content-Type'}").`,
      {
        type: PROBLEM_TYPES.unsupportedMediaType,
      },
    );
  }
  return (ctx.request as { body?: unknown }).body;
}

function send(
  ctx: Context,
  spec: Route['spec'],
  result: { status: number; body?: unknown; headers?: Record<string, string> },
): void {
  const declared = spec.responses[result.status];
  if (!declared)
    throw new Error(`${spec.method.toUpperCase()} ${spec.path} answered ${result.status}, which it does not declare`);
  let body = result.body;
  if (declared.schema) {
    const r = declared.schema.safeParse(body);
    if (!r.success) {
      throw new Error(
        `${spec.method.toUpperCase()} ${spec.path} answered ${result.status} with a body that breaks its schema: ${z.prettifyError(r.error)}`,
      );
    }
    body = r.data;
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) ctx.set(name, value);
  ctx.status = result.status;
  if (body !== undefined) {
    ctx.body = body;
    ctx.type = declared.contentType ?? (result.status >= 400 ? 'application/problem+json' : 'application/json');
  }
}

const PART_NAMES = { path: 'path', query: 'query string', body: 'request body' } as const;

/** Validates every part of the request, so that one answer lists all the fields at fault. */
function validateAll(parts: [FieldError['in'], z.ZodType | undefined, () => unknown][]): unknown[] {
  const errors: FieldError[] = [];
  const values = parts.map(([part, schema, read]) => {
    if (!schema) return part === 'body' ? undefined : read();
    const raw = read();
    // Text PostgreSQL cannot store and JSON too deep for recursive code are refused before the schema walks it.
    const faults = inspectInput(raw);
    if (faults.length) {
      errors.push(...faults.map((f) => ({ in: part, path: f.path, message: f.message })));
      return undefined;
    }
    const r = schema.safeParse(raw, { error: plainWords });
    if (r.success) return r.data;
    errors.push(...r.error.issues.map((i) => ({ in: part, path: i.path.map(String).join('.'), message: i.message })));
    return undefined;
  });
  if (errors.length === 0) return values;
  const list = errors.map((e) => `${e.path || `the ${PART_NAMES[e.in]}`} ${e.message}`).join('; ');
  throw new HttpProblem(
    422,
    'Invalid request',
    `The request is not valid: ${list}. Correct ${errors.length > 1 ? 'these' : 'this'} and send it again.`,
    {
      type: PROBLEM_TYPES.validation,
      errors,
    },
  );
}

/** Zod issues in plain words; messages a schema sets itself (e.g. on a regex) take precedence. */
const plainWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${article(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return `must be at least ${issue.minimum} characters long`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} items`;
      return undefined;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return undefined;
    default:
      return undefined;
  }
};

function article(expected: string): string {
  const words: Record<string, string> = {
    object: 'an object',
    array: 'a list',
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    record: 'an object',
  };
  return words[expected] ?? `a value of type ${expected}`;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

/** The OpenAPI operation of a route, with the problem answers every route can give added. */
function describe(spec: Route['spec']): RouteConfig {
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    const contentType = r.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json');
    responses[status] = {
      description: r.description,
      ...(r.schema ? { content: { [contentType]: { schema: r.schema } } } : {}),
    };
  }
  const problem = (description: string): ResponseConfig => ({
    description,
    content: { 'application/problem+json': { schema: ProblemSchema } },
  });
  if (spec.body) {
    responses['400'] ??= problem('the body is not valid JSON');
    responses['413'] ??= problem(`the body is larger than ${describeBytes(spec.bodyLimit ?? DEFAULT_BODY_LIMIT)}`);
    responses['415'] ??= problem('the body is not sent as application/json in UTF-8');
  }
  if (spec.params || spec.query || spec.body)
    responses['422'] ??= problem('the request breaks its schema; `errors` lists the fields at fault');
  responses['500'] ??= problem('unexpected error; quote the requestId when reporting it');
  const access = spec.access ?? 'signed-in';
  if (access !== 'public') {
    responses['401'] ??= problem('not signed in, or the session ended');
    responses['403'] ??= problem(
      access === 'signed-in'
        ? 'changes need the X-CSRF-Token header'
        : `needs the permission ${access} (or the X-CSRF-Token header is missing)`,
    );
  }
  return {
    ...(access === 'public' ? {} : { security: [{ session: [] }] }),
    // Who may call it, for generated clients and the fuzz and access-matrix tests (test/api/).
    'x-plusflow-access': access,
    method: spec.method,
    path: openApiPath(spec.path),
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    request: {
      ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
      ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
      ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
    },
    responses,
  };
}
