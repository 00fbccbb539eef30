import pino from 'pino';
import request from 'supertest';
import { createApp } from './app';
import { EngineError, type EngineRestClient } from './engine-rest';
import type { HealthChecks, HealthResult } from './routes/health';

const up: HealthResult = { status: 'up', latencyMs: 1 };
const checks = (over: Partial<Record<keyof HealthChecks, HealthResult>> = {}): HealthChecks => ({
  engine: async () => over.engine ?? up,
  database: async () => over.database ?? up,
  workers: async () => over.workers ?? up,
});
const completions: { key: string; variables: Record<string, unknown> }[] = [];
const engine: EngineRestClient = {
  topology: async () => ({}),
  completeUserTask: async (key, variables) => {
    if (key === '404') throw new EngineError(404, 'NOT_FOUND', 'no user task 404');
    if (key === '409') throw new EngineError(409, 'INVALID_STATE', 'task is being completed');
    if (key === '503') throw new EngineError(503, 'Engine unavailable', 'The workflow engine did not answer (ECONNREFUSED).');
    if (key === '500') throw new Error('boom with internals');
    completions.push({ key, variables });
  },
  assignUserTask: async () => undefined,
  unassignUserTask: async () => undefined,
};
const server = (c = checks()) => createApp({ log: pino({ level: 'silent' }), checks: c, engine, uiDir: '/nonexistent' }).app.callback();

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.stringMatching(/^https:/) });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

describe('API', () => {
  it('reports health 200 when all checks are up and 503 with the failing check otherwise', async () => {
    const ok = await request(server()).get('/health');
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('up');
    const down = await request(server(checks({ engine: { status: 'down', detail: 'not answering yet', latencyMs: 3 } }))).get('/health');
    expect(down.status).toBe(503);
    expect(down.body.checks.engine).toEqual({ status: 'down', detail: 'not answering yet', latencyMs: 3 });
  });

  it('completes a task through the engine and answers 204', async () => {
    const res = await request(server()).post('/api/tasks/2251799813685263/complete').send({ variables: { confirmed: true } });
    expect(res.status).toBe(204);
    expect(completions.at(-1)).toEqual({ key: '2251799813685263', variables: { confirmed: true } });
  });

  it('maps engine answers to problems that say what to do', async () => {
    const gone = await request(server()).post('/api/tasks/404/complete').send({});
    expectProblem(gone, 404);
    expect(gone.body.detail).toMatch(/Reload the inbox/);
    const conflict = await request(server()).post('/api/tasks/409/complete').send({});
    expectProblem(conflict, 409);
    const unavailable = await request(server()).post('/api/tasks/503/complete').send({});
    expectProblem(unavailable, 503);
    expect(unavailable.body.detail).toMatch(/Try again/);
  });

  it('hides internals of unexpected errors behind a request id', async () => {
    const res = await request(server()).post('/api/tasks/500/complete').set('X-Request-Id', 'req-123').send({});
    expectProblem(res, 500);
    expect(JSON.stringify(res.body)).not.toMatch(/boom|stack/);
    expect(res.body.detail).toContain('req-123');
  });

  it('rejects invalid input with the fields at fault', async () => {
    const res = await request(server()).post('/api/tasks/not-a-key/complete').send({ variables: 'x' });
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['taskKey']);
    const body = await request(server()).post('/api/tasks/1/complete').send({ variables: 'x' });
    expect(body.body.errors).toEqual([{ path: 'variables', message: expect.any(String) }]);
  });

  it('answers malformed JSON, unknown paths and wrong methods with problems', async () => {
    const bad = await request(server()).post('/api/tasks/1/complete').set('content-type', 'application/json').send('{oops');
    expectProblem(bad, 400);
    expect(bad.body.title).toBe('Malformed JSON');
    expectProblem(await request(server()).get('/api/nothing-here'), 404);
    expectProblem(await request(server()).delete('/api/tasks/1/complete'), 405);
  });

  it('publishes an OpenAPI 3.1 document of its routes and a docs page', async () => {
    const doc = await request(server()).get('/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health', '/api/tasks/{taskKey}/complete']));
    expect(doc.body.paths['/api/tasks/{taskKey}/complete'].post.responses['409']).toBeDefined();
    const page = await request(server()).get('/api/docs');
    expect(page.text).toContain('/api/docs/init.js');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const asset = await request(server()).get('/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });

  it('exposes Prometheus metrics with the request histogram by route template', async () => {
    const app = server();
    await request(app).get('/health');
    const res = await request(app).get('/metrics');
    expect(res.text).toContain('plusflow_http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/route="\/health"/);
  });
});
