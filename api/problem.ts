import { z } from './zod';

/**
 * RFC 9457 problem details. Every 4xx/5xx answer of the API is one of these (`application/problem+json`),
 * with a `detail` that tells the reader what went wrong and what to do about it.
 */

/** One field at fault in a request: where it is, and what is wrong with it in plain words. */
export interface FieldError {
  /** Which part of the request: the path, the query string or the JSON body. */
  in: 'path' | 'query' | 'body';
  /** Dotted path of the field inside that part, e.g. `variables.decision`; empty for the part as a whole. */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  /** Extension members (RFC 9457 §3.2), e.g. `checks` on an unhealthy /health. */
  [extension: string]: unknown;
}

const BASE = 'https://plusflow.vpd.gov.lv/problems/';

/** Problem type URIs: stable identifiers clients may switch on (they are not fetched). */
export const PROBLEM_TYPES = {
  badRequest: `${BASE}bad-request`,
  malformedJson: `${BASE}malformed-json`,
  validation: `${BASE}validation`,
  /** A diagram with a DOCTYPE (entities: expansion bombs, external files) is refused at save. */
  xmlDoctype: `${BASE}xml-doctype`,
  /** A diagram nested deeper than any BPMN needs. */
  xmlTooDeep: `${BASE}xml-too-deep`,
  notFound: `${BASE}not-found`,
  methodNotAllowed: `${BASE}method-not-allowed`,
  unsupportedMediaType: `${BASE}unsupported-media-type`,
  payloadTooLarge: `${BASE}payload-too-large`,
  conflict: `${BASE}conflict`,
  unauthenticated: `${BASE}unauthenticated`,
  forbidden: `${BASE}forbidden`,
  unhealthy: `${BASE}unhealthy`,
  engineRejected: `${BASE}engine-rejected`,
  engineUnavailable: `${BASE}engine-unavailable`,
  notImplemented: `${BASE}not-implemented`,
  internal: `${BASE}internal`,
} as const;

/**
 * An error that is meant to reach the client as a problem document. Throw it from routes and middleware;
 * the error handler (middleware/problems.ts) adds `instance` and `requestId`.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: {
      type?: string;
      errors?: FieldError[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(`${status} ${title}: ${detail}`, extra.cause === undefined ? undefined : { cause: extra.cause });
  }
}

export const FieldErrorSchema = z.object({
  in: z.enum(['path', 'query', 'body']),
  path: z.string().openapi({ description: 'dotted path of the field; empty for the whole part', example: 'variables' }),
  message: z.string().openapi({ example: 'must be an object, not text' }),
});

/** The problem document as it appears in the OpenAPI description. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: PROBLEM_TYPES.conflict }),
    title: z.string().openapi({ example: 'Task is being changed' }),
    status: z.number().int().openapi({ example: 409 }),
    detail: z
      .string()
      .openapi({ example: 'The task was already completed or is being completed by someone else. Reload the inbox.' }),
    instance: z.string().optional().openapi({ example: '/api/tasks/974aa7ae-f02e-11f1-b676-02fc00000001/complete' }),
    requestId: z
      .string()
      .optional()
      .openapi({ description: 'also in the X-Request-Id header; quote it when reporting a problem' }),
    errors: z
      .array(FieldErrorSchema)
      .optional()
      .openapi({ description: 'the fields at fault (validation problems only)' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details (application/problem+json)' });

/** Titles for statuses that reach the client without a more specific problem. */
export const STATUS_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  411: 'Length required',
  413: 'Request body too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Invalid request',
  429: 'Too many requests',
  431: 'Request headers too large',
  500: 'Internal error',
  501: 'Not implemented',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};
