import { fuzzRequests, operationsOf, verdict, type OpenApiDoc } from './openapi-fuzz';

const doc: OpenApiDoc = {
  paths: {
    '/api/things/{id}': {
      get: {
        operationId: 'getThing',
        'x-plusflow-access': 'clients:read',
        parameters: [
          { in: 'path', name: 'id', required: true, schema: { type: 'integer', minimum: 1, maximum: 2147483647 } },
        ],
        responses: { '200': {} },
      },
      post: {
        operationId: 'changeThing',
        'x-plusflow-access': 'tasks:work',
        parameters: [
          { in: 'path', name: 'id', required: true, schema: { type: 'integer', minimum: 1, maximum: 2147483647 } },
        ],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Change' } } } },
        responses: { '204': {} },
      },
    },
  },
  components: {
    schemas: {
      Change: {
        type: 'object',
        properties: { reason: { type: 'string', minLength: 10 } },
        required: ['reason'],
        additionalProperties: false,
      },
    },
  },
};

describe('requests generated from an OpenAPI document', () => {
  const ops = operationsOf(doc);

  it('covers every operation, repeatably from the seed, with ids in paths that name no real row', () => {
    const a = fuzzRequests(ops, 400, 17017);
    expect(a).toEqual(fuzzRequests(ops, 400, 17017));
    expect(a).not.toEqual(fuzzRequests(ops, 400, 1));
    expect(new Set(a.map((r) => r.operationId))).toEqual(new Set(['getThing', 'changeThing']));
    // Ids in their canonical spelling (the others are refused before any lookup).
    const ids = a
      .map((r) => /^\/api\/things\/([1-9]\d*)$/.exec(r.url.split('?')[0]!)?.[1])
      .filter((x): x is string => !!x)
      .map(Number);
    expect(ids.length).toBeGreaterThan(100);
    expect(Math.min(...ids)).toBeGreaterThan(2_000_000_000);
    expect(a.filter((r) => r.withoutCsrf).every((r) => r.method === 'POST')).toBe(true);
    expect(a.filter((r) => r.method === 'POST' && r.body?.includes('\\u0000')).length).toBeGreaterThan(0);
  });

  it('finds fault with a 500, a bare 4xx, a vague problem and a change accepted without the CSRF token', () => {
    const [get, post] = ops;
    const req = { operationId: 'x', method: 'GET', url: '/', withoutCsrf: false };
    const problem = (status: number, detail = 'There is no thing 5. Check the id in the list.') =>
      JSON.stringify({ type: 'https://x/y', title: 'T', status, detail });
    expect(verdict(get!, req, 500, 'application/problem+json', problem(500))).toBe('answered 500');
    expect(verdict(get!, req, 404, 'text/plain', 'Not Found')).toMatch(/not a problem document/);
    expect(
      verdict(get!, req, 400, 'application/problem+json', problem(400, 'The request could not be processed.')),
    ).toMatch(/without an explanation/);
    expect(verdict(post!, { ...req, method: 'POST', withoutCsrf: true }, 204, null, '')).toMatch(
      /without the CSRF token/,
    );
    expect(verdict(get!, req, 404, 'application/problem+json', problem(404))).toBeUndefined();
    expect(verdict(get!, req, 200, 'application/json', '{}')).toBeUndefined();
  });
});
