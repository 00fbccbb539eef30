import fc from 'fast-check';

/**
 * Malformed and boundary requests for every operation of the API's OpenAPI document (api/fuzz.it.test.ts).
 * Everything comes from the document: the operations, who may call them (`x-plusflow-access`), their parameters
 * and body schemas, so a new route is fuzzed without touching the suite. fast-check draws the requests from a
 * fixed seed, so a run is repeatable, and its combinators mix valid values with hostile ones per field.
 *
 * Ids in paths are drawn near the top of their range (or as random UUIDs), so that no request names a real row:
 * the suite runs on the shared test database and must not change what other tests rely on.
 */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  $ref?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. `/api/clients/{id}`. */
  path: string;
  operationId: string;
  access: string;
  parameters: Parameter[];
  body?: JsonSchema;
  /** The statuses the operation declares. */
  responses: number[];
}

export interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        'x-plusflow-access'?: string;
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        responses: Record<string, unknown>;
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const resolve = (s: JsonSchema): JsonSchema =>
    s.$ref ? resolve(doc.components!.schemas![s.$ref.replace('#/components/schemas/', '')]!) : s;
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody?.content['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        access: op['x-plusflow-access'] ?? 'signed-in',
        parameters: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) })),
        ...(body ? { body: deepResolve(body, resolve) } : {}),
        responses: Object.keys(op.responses).map(Number),
      });
    }
  }
  return ops;
}

function deepResolve(s: JsonSchema, resolve: (s: JsonSchema) => JsonSchema): JsonSchema {
  const r = resolve(s);
  return {
    ...r,
    ...(r.properties
      ? { properties: Object.fromEntries(Object.entries(r.properties).map(([k, v]) => [k, deepResolve(v, resolve)])) }
      : {}),
    ...(r.items ? { items: deepResolve(r.items, resolve) } : {}),
  };
}

/** Text that broke or could break something further down: NUL, lone surrogates, odd number spellings, impossible dates, LIKE wildcards, sheer length. */
export const HOSTILE_TEXT = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udc00y',
  '%',
  '_',
  '\\',
  '%_\\%',
  "' OR 1=1 --",
  '../../etc/passwd',
  '😀'.repeat(40),
  'ā'.repeat(300),
  'x'.repeat(3000),
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  'null',
  '[]',
  '{}',
  '-1',
  '0',
  '-0',
  '1e309',
  'NaN',
  'Infinity',
  '2147483647',
  '2147483648',
  '4294967296',
  '9223372036854775807',
  '18446744073709551616',
  '99999999999999999999',
  '0x10',
  '+1',
  ' 1',
  '1 ',
  '01',
  '1.5',
  '1e3',
  '2024-13-01',
  '0000-00-00',
  '2023-02-29',
  '2024-02-30',
  '99999-01-01',
  'true',
  ',',
  'ACTIVE,',
  ',ACTIVE',
  'BPMN',
  'FORM',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
  '933E9538-F02E-11F1-B676-02FC00000001',
];

/** JSON values of every kind at their edges. */
const HOSTILE_JSON: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.0,
  2147483647,
  2147483648,
  -2147483649,
  9007199254740991,
  1e20,
  1e308,
  -1e308,
  [],
  [null],
  {},
  { '': '' },
  { constructor: { prototype: {} } },
  ...HOSTILE_TEXT,
];

/** The list above, and any text with a NUL or an unpaired surrogate inside (what PostgreSQL refuses). */
const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => `${s}\ud800${s}`) },
);
const hostileJson = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_JSON) },
  { weight: 1, arbitrary: hostileText },
);

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A valid value of a schema (as the schema says), with its boundaries drawn more often than the rest. */
function valid(s: JsonSchema, where: 'path' | 'query' | 'body'): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf ?? s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => valid(x, where)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'integer': {
      const min = s.minimum ?? -2147483648;
      const max = s.maximum ?? 2147483647;
      // A path id names one row: stay near the top of the range, where no row of the test database is.
      if (where === 'path' && max > 100_000) return fc.integer({ min: max - 10_000, max });
      return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'string': {
      if (s.format === 'date')
        return fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }).map(isoDay);
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 200));
      return fc
        .string({ unit: 'binary', minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 2_000) })
        .filter((x) => !x.includes('\u0000'));
    }
    case 'array':
      return fc.array(s.items ? valid(s.items, where) : fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 });
    case 'object': {
      const props = s.properties ?? {};
      if (Object.keys(props).length === 0 && s.additionalProperties !== false) {
        return fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
      }
      const required = new Set(s.required ?? []);
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valid(v, where)])), {
        requiredKeys: [...required] as never[],
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** A value for a field: mostly valid, sometimes hostile, so that a request is often otherwise valid up to one field. */
function field(s: JsonSchema, where: 'path' | 'query' | 'body'): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: valid(s, where) },
    { weight: 2, arbitrary: where === 'body' ? hostileJson : hostileText },
  );
}

/** A JSON body: the schema's object with hostile fields, missing or unknown fields, or something else entirely. */
function jsonBody(s: JsonSchema): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const fields = Object.keys(props).length
    ? fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, field(v, 'body')])), { requiredKeys: [] })
    : valid(s, 'body');
  return fc.oneof(
    { weight: 6, arbitrary: fields },
    { weight: 2, arbitrary: valid(s, 'body') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid(s, 'body'), fc.string({ maxLength: 10 }), hostileJson)
        .map(([b, k, v]) => (b && typeof b === 'object' ? { ...b, [`x${k}`]: v } : b)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid(s, 'body'), hostileText)
        .map(([b, t]) => (b && typeof b === 'object' ? deepen(b as Record<string, unknown>, t) : b)),
    },
    { weight: 1, arbitrary: hostileJson },
  );
}

/** A NUL or odd text deep inside every object-valued field (variables and the like). */
function deepen(b: Record<string, unknown>, t: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(b).map(([k, v]) => [
      k,
      v && typeof v === 'object' && !Array.isArray(v) ? { ...v, [t || 'k']: { nested: [t] } } : v,
    ]),
  );
}

export interface FuzzRequest {
  operationId: string;
  method: string;
  /** Path with the query string. */
  url: string;
  contentType?: string;
  body?: string;
  /** Sent without the CSRF token: a change must be refused. */
  withoutCsrf: boolean;
}

/** Raw bodies no schema describes: malformed JSON, another media type or charset, deep nesting, nothing at all. */
const rawBody = fc.oneof(
  fc.constantFrom(
    { contentType: 'application/json', body: '{"a":' },
    { contentType: 'application/json', body: '' },
    { contentType: 'application/json', body: '\u0000' },
    { contentType: 'application/json', body: '{"a":1,"a":2}' },
    { contentType: 'application/json', body: '{"__proto__":{"polluted":true}}' },
    { contentType: 'application/json', body: `{"variables":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}` },
    { contentType: 'application/json', body: `{"variables":{"a":${'['.repeat(20000)}${']'.repeat(20000)}}}` },
    {
      contentType: 'application/json',
      body: '{"reason":"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000","content":"\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800"}',
    },
    { contentType: 'application/json; charset=utf-16le', body: '{"reason":"sūtīts UTF-16"}' },
    { contentType: 'application/json; charset=iso-8859-1', body: '{"reason":"Latin-1 teksts"}' },
    { contentType: 'text/plain', body: '{"reason":"plain text body"}' },
    { contentType: 'application/x-www-form-urlencoded', body: 'reason=form+body' },
    {
      contentType: 'application/xml',
      body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]><x>&x;</x>',
    },
  ),
);

/** Percent-encoding that also sends lone surrogates (as their 3 bytes, invalid UTF-8), which encodeURIComponent refuses. */
function enc(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text
    .split(/([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/)
    .map((part) => {
      if (part.length !== 1 || part.charCodeAt(0) < 0xd800 || part.charCodeAt(0) > 0xdfff)
        return encodeURIComponent(part);
      const c = part.charCodeAt(0);
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

/**
 * A path parameter as one path segment that reaches the operation: an empty value or a dot segment would be
 * normalised away by the URL parser (`/a/./b` and `/a/%2e/b` are `/a/b`) and ask another route, so those get a
 * leading space.
 */
function segment(v: unknown): string {
  const e = enc(v);
  return e === '' || /^(\.|%2e){1,2}$/i.test(e) ? `%20${e}` : e;
}

/** The arbitrary of one operation's requests. */
export function requestArbitrary(op: Operation): fc.Arbitrary<Omit<FuzzRequest, 'withoutCsrf'>> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const path = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, field(p.schema, 'path')]))) as fc.Arbitrary<
    Record<string, unknown>
  >;
  const query = fc.tuple(
    fc.record(Object.fromEntries(queryParams.map((p) => [p.name, field(p.schema, 'query')])), {
      requiredKeys: [],
    }) as fc.Arbitrary<Record<string, unknown>>,
    fc.option(fc.tuple(fc.constantFrom('unknown', ...queryParams.map((p) => p.name)), hostileText), { freq: 5 }),
  );
  const body = op.body
    ? fc.oneof(
        {
          weight: 5,
          arbitrary: jsonBody(op.body).map((b) => ({
            contentType: 'application/json',
            body: b === undefined ? '' : JSON.stringify(b),
          })),
        },
        { weight: 1, arbitrary: rawBody },
      )
    : fc.constant(undefined);
  return fc.tuple(path, query, body).map(([p, [q, extra], b]) => {
    const url = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => segment(p[name]));
    const pairs = Object.entries(q).map(([k, v]) => `${enc(k)}=${enc(v)}`);
    // An extra pair: an unknown parameter, or a known one a second time (then it arrives as a list).
    if (extra) pairs.push(`${enc(extra[0])}=${enc(extra[1])}`);
    return {
      operationId: op.operationId,
      method: op.method,
      url: pairs.length ? `${url}?${pairs.join('&')}` : url,
      ...(b ? { contentType: b.contentType, body: b.body } : {}),
    };
  });
}

/** `count` requests spread evenly over the operations, drawn from `seed`. Every tenth change goes without the CSRF token. */
export function fuzzRequests(ops: Operation[], count: number, seed: number): FuzzRequest[] {
  const per = Math.ceil(count / ops.length);
  return ops.flatMap((op, i) =>
    fc
      .sample(requestArbitrary(op), { seed: seed + i, numRuns: per })
      .map((r, n) => ({ ...r, withoutCsrf: op.method !== 'GET' && op.access !== 'public' && n % 10 === 0 })),
  );
}

/** What is wrong with an answer, if anything: a 5xx, a 4xx without a problem document that explains, a change accepted without the CSRF token. */
export function verdict(
  op: Operation,
  req: FuzzRequest,
  status: number,
  contentType: string | null,
  text: string,
): string | undefined {
  if (status === 500 || (status > 500 && !op.responses.includes(status))) return `answered ${status}`;
  if (req.withoutCsrf && status < 400) return `accepted a change without the CSRF token (${status})`;
  if (status < 400) return undefined;
  if (!contentType?.startsWith('application/problem+json'))
    return `answered ${status} as ${contentType ?? 'no content type'}, not a problem document`;
  let p: { status?: unknown; title?: unknown; detail?: unknown; type?: unknown };
  try {
    p = JSON.parse(text) as typeof p;
  } catch {
    return `answered ${status} with a problem document that is not JSON`;
  }
  if (p.status !== status) return `problem document says status ${String(p.status)}, the answer ${status}`;
  if (typeof p.title !== 'string' || !p.title.trim())
    return `answered ${status} with a problem document without a title`;
  if (typeof p.type !== 'string' || !p.type) return `answered ${status} with a problem document without a type`;
  // An explanation is a sentence, not a placeholder.
  if (typeof p.detail !== 'string' || p.detail.trim().length < 20 || p.detail === 'The request could not be processed.')
    return `answered ${status} without an explanation (detail: ${JSON.stringify(p.detail)})`;
  return undefined;
}
