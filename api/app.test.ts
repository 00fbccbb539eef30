import { publicProcesses } from '../processes/registry';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { loadConfig } from '../platform/config';
import { createApp, type ApiDeps } from './app';
import { CalendarDate, DbId } from './zod';
import type { Variables } from '../workflow/port';
import { fakeWorkflow, wid, workflowError } from './test-support/fake-workflow';
import type { HealthChecks, HealthResult } from './health';
import type { SessionManager } from './auth/http';
import type { Actor } from './auth/policy';
import type { TaskReader } from './routes/tasks';

const config = loadConfig({ PLUSFLOW_STACK: 'test' });
const up: HealthResult = { status: 'up', detail: 'fine', latencyMs: 1 };
const checks = (over: Partial<Record<keyof HealthChecks, HealthResult>> = {}): HealthChecks => ({
  engine: async () => over.engine ?? up,
  database: async () => over.database ?? up,
  workers: async () => over.workers ?? up,
});

/** A fake engine: the task id's last digits name the answer the test wants. */
const completions: { key: string; variables: Variables | undefined }[] = [];
const workflow = fakeWorkflow({
  completeTask: async (key, variables) => {
    // Operaton answers a completed task with 500 "Cannot find task"; the adapter calls that 'gone'.
    if (key === wid(410))
      throw workflowError('gone', `Cannot find task with id ${key}: task is null`, 'POST /task/{id}/complete');
    if (key === wid(404)) throw workflowError('not-found', `No task ${key}`, 'POST /task/{id}/complete');
    if (key === wid(409))
      throw workflowError(
        'conflict',
        'ENGINE-03005 Execution of UPDATE TaskEntity failed: concurrent update',
        'POST /task/{id}/complete',
      );
    if (key === wid(400)) throw workflowError('rejected', 'variables must be a document');
    if (key === wid(401)) throw workflowError('unauthorized', 'engine answered 401');
    if (key === wid(503))
      throw workflowError('unavailable', 'the engine at http://127.0.0.1:8090 did not answer (connection refused)');
    if (key === wid(504)) throw workflowError('timeout', 'the engine did not answer within 10000 ms');
    if (key === wid(502)) throw workflowError('failed', 'NullPointerException in the engine');
    if (key === wid(500)) throw new Error('boom with internals: password=secret');
    completions.push({ key, variables });
  },
  // Operaton answers claiming a claimed task with 500 TaskAlreadyClaimedException; the adapter calls that 'conflict'.
  claimTask: async (key) => {
    if (key === wid(409))
      throw workflowError('conflict', `Task '${key}' is already claimed by someone else.`, 'POST /task/{id}/claim');
  },
});

/** A fake session store: the token "officer" is Ilze, an officer in Rīga centre. */
const ilze: Actor = {
  id: 1,
  username: 'ilze.berzina',
  fullName: 'Ilze Bērziņa',
  roles: ['officer'],
  department: { id: 1, code: 'riga-centre', name: 'Rīgas centra nodaļa' },
};
const CSRF = 'csrf-token-of-the-test-session';
const sessions: SessionManager = {
  load: async (token) =>
    token === 'officer' ? { actor: ilze, csrfToken: CSRF, expiresAt: new Date(Date.now() + 3_600_000) } : undefined,
  create: async () => ({ token: 'officer', csrfToken: CSRF, expiresAt: new Date() }),
  destroy: async () => undefined,
};
/** A fake read model: every id is an open task of Ilze's group, except wid(77) (another department) and wid(88) (unknown). */
const tasks: TaskReader = {
  list: async () => ({ items: [], total: 0, counts: { mine: 0, group: 0, department: 0, overdue: 0, soon: 0 } }),
  form: async () => ({ formId: null, schema: null, data: {}, draftSavedAt: null }),
  saveDraft: async () => new Date(),
  completed: async () => undefined,
  types: async () => [],
  find: async (key) =>
    key === wid(88)
      ? undefined
      : {
          userTaskKey: key,
          processInstanceKey: wid(1),
          bpmnProcessId: 'community-service',
          caseProcessId: 'community-service',
          elementId: 'ConfirmHours',
          assignee: null,
          candidateGroups: [key === wid(77) ? 'officer.liepaja' : 'officer.riga-centre'],
          dueDate: null,
          createdAt: new Date().toISOString(),
          priority: 50,
          caseId: 1,
          caseNumber: 'PL-2026-000001',
          clientId: 1,
          clientName: 'Jānis Ozoliņš',
          departmentCode: key === wid(77) ? 'liepaja' : 'riga-centre',
          departmentName: key === wid(77) ? 'Liepājas nodaļa' : 'Rīgas centra nodaļa',
          state: 'CREATED',
        },
};
/** Signed in as Ilze, with the CSRF token. */
const authed = (r: request.Test) => r.set('cookie', 'plusflow_session=officer').set('x-csrf-token', CSRF);

function logCapture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, stream) };
}

const server = (over: Partial<ApiDeps> = {}) =>
  createApp({
    config,
    logger: pino({ level: 'silent' }),
    checks: checks(),
    workflow,
    uiDir: '/nonexistent',
    sessions,
    tasks,
    ...over,
  }).callback();

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    type: expect.stringMatching(/^https:\/\//),
    instance: expect.any(String),
  });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.ts:\d+/); // no stack frames
}

describe('health', () => {
  it('answers 200 with every check when all components are up', async () => {
    const res = await request(server()).get('/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.body).toEqual({ status: 'up', checks: { engine: up, database: up, workers: up } });
  });

  it('answers 503 as a problem that names what is down, with every check attached', async () => {
    const down: HealthResult = { status: 'down', detail: 'not answering (connection refused)', latencyMs: 3 };
    const res = await request(server({ checks: checks({ engine: down }) })).get('/health');
    expectProblem(res, 503);
    expect(res.body.detail).toMatch(/engine \(not answering \(connection refused\)\)/);
    expect(res.body.checks.engine).toEqual(down);
    expect(res.body.checks.database).toEqual(up);
    expect(res.headers['retry-after']).toBe('10');
  });

  it('answers 200 degraded, not 503, when only a partner system is unreachable', async () => {
    const partner: HealthResult = {
      status: 'degraded',
      detail: 'TIS (courts) unreachable since 2026-12-04 21:39 UTC, 3 waiting',
      latencyMs: 2,
    };
    const res = await request(server({ checks: { ...checks(), partners: async () => partner } })).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'degraded',
      checks: { engine: up, database: up, workers: up, partners: partner },
    });
  });

  it('counts a check that throws as down instead of failing /health', async () => {
    const broken: HealthChecks = { ...checks(), database: async () => Promise.reject(new Error('pool exploded')) };
    const res = await request(server({ checks: broken })).get('/health');
    expectProblem(res, 503);
    expect(res.body.checks.database).toMatchObject({ status: 'down', detail: 'pool exploded' });
  });

  it('answers liveness without asking anything', async () => {
    const never: HealthChecks = {
      engine: () => new Promise(() => undefined),
      database: () => new Promise(() => undefined),
      workers: () => new Promise(() => undefined),
    };
    const res = await request(server({ checks: never })).get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'up' });
  });
});

describe('POST /api/tasks/{taskKey}/complete', () => {
  it('completes the task through the engine and answers 204; ids reach the engine as given', async () => {
    const key = '974aa7ae-f02e-11f1-b676-02fc00000001'; // an id as the engine makes them
    const res = await authed(request(server()).post(`/api/tasks/${key}/complete`)).send({
      variables: { confirmed: true, note: 'ok' },
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(completions.at(-1)).toEqual({ key, variables: { confirmed: true, note: 'ok' } });
  });

  it('answers 409 when the engine says the task is gone or busy: someone else completed it a moment ago', async () => {
    for (const key of [wid(410), wid(404), wid(409)]) {
      const res = await authed(request(server()).post(`/api/tasks/${key}/complete`)).send({ variables: {} });
      expectProblem(res, 409);
      expect(res.body.type).toMatch(/conflict$/);
      expect(res.body.detail).toBe(
        'Someone else completed or took this task a moment ago. Reload the inbox to see where it stands.',
      );
    }
  });

  it('answers 409 with a sentence when claiming a task someone else claimed a moment ago', async () => {
    const res = await authed(request(server()).post(`/api/tasks/${wid(409)}/claim`));
    expectProblem(res, 409);
    expect(res.body.type).toMatch(/conflict$/);
    expect(res.body.detail).toBe(
      'Someone else completed or took this task a moment ago. Reload the inbox to see where it stands.',
    );
    expect(workflow.calls.filter((c) => c.method === 'claimTask').at(-1)?.args).toEqual([wid(409), 'ilze.berzina']);
  });

  it('refuses without a session (401), without the CSRF token (403), and for another department’s task (403)', async () => {
    expectProblem(
      await request(server())
        .post(`/api/tasks/${wid(5)}/complete`)
        .send({ variables: {} }),
      401,
    );
    const noCsrf = await request(server())
      .post(`/api/tasks/${wid(5)}/complete`)
      .set('cookie', 'plusflow_session=officer')
      .send({ variables: {} });
    expectProblem(noCsrf, 403);
    expect(noCsrf.body.detail).toContain('X-CSRF-Token');
    const other = await authed(request(server()).post(`/api/tasks/${wid(77)}/complete`)).send({ variables: {} });
    expectProblem(other, 403);
    expect(other.body.detail).toContain('Liepājas nodaļa');
    expectProblem(await authed(request(server()).post(`/api/tasks/${wid(88)}/complete`)).send({ variables: {} }), 404);
  });

  it('maps other engine answers generically and logs the engine’s own words', async () => {
    const { lines, logger } = logCapture();
    const app = server({ logger });
    const rejected = await authed(request(app).post(`/api/tasks/${wid(400)}/complete`)).send({ variables: {} });
    expectProblem(rejected, 400);
    expect(rejected.body.detail).toContain('variables must be a document');
    const refused = await authed(request(app).post(`/api/tasks/${wid(401)}/complete`)).send({ variables: {} });
    expectProblem(refused, 502);
    expect(refused.body.detail).toMatch(/refused the API's credentials.*administrator/);
    const failed = await authed(request(app).post(`/api/tasks/${wid(502)}/complete`)).send({ variables: {} });
    expectProblem(failed, 502);
    expect(failed.body.detail).toMatch(/failed to process the request\. Try again/);
    expect(failed.body.detail).not.toContain('NullPointerException');
    const unavailable = await authed(request(app).post(`/api/tasks/${wid(503)}/complete`)).send({ variables: {} });
    expectProblem(unavailable, 503);
    expect(unavailable.body.detail).toMatch(/nothing was changed\. Try again in a minute/);
    expect(unavailable.headers['retry-after']).toBe('30');
    const slow = await authed(request(app).post(`/api/tasks/${wid(504)}/complete`)).send({ variables: {} });
    expectProblem(slow, 504);
    expect(slow.body.detail).toMatch(/may or may not have been made/);
    const conflict = await authed(request(app).post(`/api/tasks/${wid(409)}/complete`)).send({ variables: {} });
    const warned = lines.find(
      (l) => l.msg === 'engine call failed' && l.requestId === conflict.headers['x-request-id'],
    );
    expect(warned).toMatchObject({
      engine: {
        kind: 'conflict',
        operation: 'POST /task/{id}/complete',
        detail: expect.stringContaining('concurrent update'),
      },
      status: 409,
    });
  });

  it('hides unexpected errors behind a 500 with the request id, and logs them with it', async () => {
    const { lines, logger } = logCapture();
    const res = await authed(request(server({ logger })).post(`/api/tasks/${wid(500)}/complete`))
      .set('X-Request-Id', 'req-123')
      .send({ variables: {} });
    expectProblem(res, 500);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(JSON.stringify(res.body)).not.toMatch(/boom|secret|stack/);
    expect(res.body.detail).toContain('req-123');
    const logged = lines.find((l) => l.msg === 'request failed');
    expect(logged).toMatchObject({ requestId: 'req-123', err: { message: expect.stringContaining('boom') } });
  });

  it('lists invalid fields in plain words (422)', async () => {
    const res = await authed(request(server()).post('/api/tasks/not-a-key/complete')).send({ variables: {} });
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([
      {
        in: 'path',
        path: 'taskKey',
        message: 'must be a workflow id: a UUID in lower-case hex such as 933e9538-f02e-11f1-b676-02fc00000001',
      },
    ]);
    // Only the engine's ids: not the old 64-bit keys, not upper case, not with anything around them.
    for (const bad of [
      '2251799813685263',
      wid(1).toUpperCase(),
      `${wid(1)}x`,
      `x${wid(1)}`,
      wid(1).replace(/-/g, ''),
    ]) {
      const r = await authed(request(server()).post(`/api/tasks/${encodeURIComponent(bad)}/complete`)).send({
        variables: {},
      });
      expectProblem(r, 422);
    }
    const body = await authed(request(server()).post(`/api/tasks/${wid(1)}/complete`)).send({ variables: 'yes' });
    expectProblem(body, 422);
    expect(body.body.errors).toEqual([{ in: 'body', path: 'variables', message: 'must be an object, not text' }]);
    expect(body.body.detail).toBe(
      'The request is not valid: variables must be an object, not text. Correct this and send it again.',
    );
    const both = await authed(request(server()).post('/api/tasks/abc/complete')).send({ variables: [1], variable: {} });
    expect(both.body.errors).toEqual([
      { in: 'path', path: 'taskKey', message: expect.stringContaining('workflow id') },
      { in: 'body', path: 'variables', message: 'must be an object, not a list' },
      { in: 'body', path: '', message: 'has unknown field: variable' },
    ]);
    const missing = await authed(request(server()).post(`/api/tasks/${wid(1)}/complete`)).send({});
    expect(missing.body.errors).toEqual([{ in: 'body', path: 'variables', message: 'is required' }]);
    const none = await authed(request(server()).post(`/api/tasks/${wid(1)}/complete`));
    expectProblem(none, 422);
    expect(none.body.errors).toEqual([{ in: 'body', path: '', message: 'is required' }]);
    expect(none.body.detail).toBe(
      'The request is not valid: the request body is required. Correct this and send it again.',
    );
  });

  it('refuses a body that is not JSON (415) instead of completing the task without variables', async () => {
    const res = await authed(request(server()).post(`/api/tasks/${wid(1)}/complete`))
      .set('content-type', 'text/plain')
      .send('{"variables":{}}');
    expectProblem(res, 415);
    expect(res.body.detail).toContain('Content-Type: application/json');
  });

  it('says what is wrong with malformed JSON (400)', async () => {
    const res = await authed(request(server()).post(`/api/tasks/${wid(1)}/complete`))
      .set('content-type', 'application/json')
      .send('{"variables": {oops}}');
    expectProblem(res, 400);
    expect(res.body.title).toBe('Malformed JSON');
    expect(res.body.detail).toMatch(/^The request body is not valid JSON \(.*position.*\)/);
    const scalar = await authed(request(server()).post(`/api/tasks/${wid(1)}/complete`))
      .set('content-type', 'application/json')
      .send('"text"');
    expectProblem(scalar, 400);
    expect(scalar.body.detail).toContain('it must be a JSON object');
  });

  it('refuses a body over 1 MB (413)', async () => {
    const big = JSON.stringify({ variables: { blob: 'x'.repeat(1_100_000) } });
    const res = await authed(request(server()).post(`/api/tasks/${wid(1)}/complete`))
      .set('content-type', 'application/json')
      .send(big);
    expectProblem(res, 413);
    expect(res.body.detail).toContain('limit of 1 MB');
  });
});

describe('input PostgreSQL or recursive code cannot take: refused once, in the validation layer (issue 17)', () => {
  const draft = (body: unknown) =>
    authed(request(server()).put(`/api/tasks/${wid(1)}/draft`))
      .set('content-type', 'application/json')
      .send(JSON.stringify(body));

  it('refuses a NUL character or an unpaired surrogate in query strings, field values and field names (422)', async () => {
    const q = await authed(request(server()).get('/api/tasks?client=a%00b'));
    expectProblem(q, 422);
    expect(q.body.errors).toEqual([
      { in: 'query', path: 'client', message: 'must not contain the NUL character (U+0000)' },
    ]);
    const value = await draft({ variables: { note: 'a\u0000b' } });
    expectProblem(value, 422);
    expect(value.body.errors).toEqual([
      { in: 'body', path: 'variables.note', message: 'must not contain the NUL character (U+0000)' },
    ]);
    const key = await draft({ variables: { 'a\u0000': 1 } });
    expect(key.body.errors).toEqual([
      { in: 'body', path: 'variables', message: 'has a field name that must not contain the NUL character (U+0000)' },
    ]);
    const lone = await authed(request(server()).put(`/api/tasks/${wid(1)}/draft`))
      .set('content-type', 'application/json')
      .send('{"variables":{"x":"\\ud800"}}');
    expectProblem(lone, 422);
    expect(lone.body.errors[0].message).toContain('unpaired surrogate');
    expect((await draft({ variables: { ok: 'Bērziņa 😀' } })).status).toBe(200);
  });

  it('refuses JSON nested deeper than 32 levels without walking it (a 10 kB body 5,000 levels deep)', async () => {
    const deep = `{"variables":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const res = await authed(request(server()).put(`/api/tasks/${wid(1)}/draft`))
      .set('content-type', 'application/json')
      .send(deep);
    expectProblem(res, 422);
    expect(res.body.errors[0].message).toBe('is nested more than 32 levels deep');
    const lists = await authed(request(server()).put(`/api/tasks/${wid(1)}/draft`))
      .set('content-type', 'application/json')
      .send(`{"variables":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`);
    expectProblem(lists, 422);
  });

  it('takes whole numbers in one spelling and within an integer column, and real dates only', async () => {
    for (const page of [
      '0x10',
      '+1',
      ' 1',
      '1 ',
      '01',
      '1e3',
      '1.0',
      '-1',
      '0',
      '100001',
      '2147483648',
      '99999999999999999999',
    ]) {
      const res = await authed(request(server()).get(`/api/tasks?page=${encodeURIComponent(page)}`));
      expectProblem(res, 422);
      expect(res.body.errors[0]).toMatchObject({ in: 'query', path: 'page' });
    }
    expect((await authed(request(server()).get('/api/tasks?page=2&pageSize=200'))).status).toBe(200);
    const doc = { DbId, CalendarDate };
    expect(doc.DbId().safeParse('2147483647')).toEqual({ success: true, data: 2147483647 });
    expect(doc.DbId().safeParse('2147483648').success).toBe(false);
    for (const bad of ['2024-13-01', '0000-00-00', '2023-02-29', '2024-04-31', '0000-01-01', '2024-1-01'])
      expect(doc.CalendarDate().safeParse(bad).success).toBe(false);
    expect(doc.CalendarDate().safeParse('2024-02-29').success).toBe(true);
  });

  it('refuses a body declared in another charset than UTF-8 (415) instead of misreading it', async () => {
    for (const charset of ['utf-16le', 'iso-8859-1', 'latin1']) {
      const res = await authed(request(server()).put(`/api/tasks/${wid(1)}/draft`))
        .set('content-type', `application/json; charset=${charset}`)
        .send('{"variables":{}}');
      expectProblem(res, 415);
      expect(res.body.detail).toContain('UTF-8');
    }
    expect(
      (
        await authed(request(server()).put(`/api/tasks/${wid(1)}/draft`))
          .set('content-type', 'application/json; charset=UTF-8')
          .send('{"variables":{}}')
      ).status,
    ).toBe(200);
  });

  it('reads no body before authorization: without a session a change answers 401 whatever its body', async () => {
    const res = await request(server())
      .put(`/api/tasks/${wid(1)}/draft`)
      .set('content-type', 'application/json; charset=utf-16')
      .send('x'.repeat(2_000_000));
    expectProblem(res, 401);
  });
});

describe('problems for every 4xx/5xx', () => {
  it('answers unknown routes with 404 and where to look', async () => {
    const api = await request(server()).get('/api/nothing-here');
    expectProblem(api, 404);
    expect(api.body.detail).toBe(
      "There is no API route GET /api/nothing-here. The API's routes are listed at /api/docs.",
    );
    expect(api.body.instance).toBe('/api/nothing-here');
    expectProblem(await request(server()).get('/no/such/page'), 404);
  });

  it('answers a wrong method with 405 and the Allow header', async () => {
    const res = await request(server()).delete(`/api/tasks/${wid(1)}/complete`);
    expectProblem(res, 405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body.detail).toBe(
      `DELETE is not allowed on /api/tasks/${wid(1)}/complete; this resource accepts POST (see /api/docs).`,
    );
    const health = await request(server()).post('/health');
    expectProblem(health, 405);
    expect(health.headers.allow).toContain('GET');
  });

  it('gives every answer a request id: the caller’s when it is sane, a new one otherwise', async () => {
    const given = await request(server()).get('/health/live').set('X-Request-Id', 'abc-1');
    expect(given.headers['x-request-id']).toBe('abc-1');
    const bad = await request(server()).get('/health/live').set('X-Request-Id', 'id <script>');
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const long = await request(server()).get('/health/live').set('X-Request-Id', 'x'.repeat(200));
    expect(long.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await request(server()).get('/health/live');
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one access log line per request, with the route template', async () => {
    const { lines, logger } = logCapture();
    await authed(request(server({ logger })).post(`/api/tasks/${wid(76)}/complete`))
      .set('X-Request-Id', 'log-1')
      .send({ variables: {} });
    expect(lines.filter((l) => l.msg === 'request' && l.requestId === 'log-1')).toEqual([
      expect.objectContaining({
        level: 30,
        method: 'POST',
        path: `/api/tasks/${wid(76)}/complete`,
        route: '/api/tasks/:taskKey/complete',
        status: 204,
        ms: expect.any(Number),
      }),
    ]);
  });
});

describe('OpenAPI and docs', () => {
  it('publishes an OpenAPI 3.1 document generated from the route declarations', async () => {
    const res = await request(server()).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'PLUS Flow API', version: expect.any(String) });
    const op = doc.paths['/api/tasks/{taskKey}/complete'].post;
    expect(op.operationId).toBe('completeTask');
    expect(op.parameters).toEqual([
      expect.objectContaining({
        name: 'taskKey',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ type: 'string' }),
      }),
    ]);
    expect(op.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CompleteTask' });
    expect(Object.keys(op.responses).sort()).toEqual([
      '204',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '422',
      '500',
      '502',
      '503',
      '504',
    ]);
    expect(op.security).toEqual([{ session: [] }]);
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'plusflow_session',
    });
    expect(op.responses['409'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    expect(doc.components.schemas.Problem.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail']),
    );
    expect(doc.components.schemas.CompleteTask.required).toEqual(['variables']);
    expect(doc.paths['/health'].get.responses['503'].content['application/problem+json']).toBeDefined();
  });

  it('serves the docs page and swagger-ui from node_modules under a CSP without inline scripts', async () => {
    const page = await request(server()).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script src="/api/docs/init.js"></script>');
    expect(page.text).not.toMatch(/<script>(?!<)/);
    expect(page.text).not.toMatch(/https?:\/\/(?!plusflow)/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const init = await request(server()).get('/api/docs/init.js');
    expect(init.text).toContain("url: '/api/openapi.json'");
    const asset = await request(server()).get('/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=86400');
    expectProblem(await request(server()).get('/api/docs/assets/package.json'), 404);
  });
});

describe('metrics', () => {
  it('exposes default metrics and the request duration histogram by route template and status', async () => {
    const app = server();
    await request(app).get('/health');
    await authed(request(app).post(`/api/tasks/${wid(2251799813)}/complete`)).send({ variables: {} });
    await request(app).get('/api/nothing');
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('# TYPE plusflow_api_http_request_duration_seconds histogram');
    expect(res.text).toMatch(
      /plusflow_api_http_request_duration_seconds_count\{method="POST",route="\/api\/tasks\/:taskKey\/complete",status="204"\} 1/,
    );
    expect(res.text).toMatch(
      /plusflow_api_http_request_duration_seconds_count\{method="GET",route="unmatched-api",status="404"\} 1/,
    );
    expect(res.text).not.toContain(wid(2251799813));
    expect(res.text).toContain('plusflow_api_process_cpu_user_seconds_total');
  });
});

describe('web UI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plusflow-ui-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="lv"><title>PLUS Flow</title></html>');
  writeFileSync(path.join(dir, 'assets', 'index-B2x9_kQd.js'), 'console.log(1)');
  const ui = () => server({ uiDir: dir });

  it('serves index.html at / for revalidation on every visit, with the security headers', async () => {
    const res = await request(ui()).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    // Scripts only from the origin; inline styles are allowed for the modeler's libraries, never inline scripts.
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    const again = await request(ui()).get('/').set('If-Modified-Since', res.headers['last-modified']!);
    expect(again.status).toBe(304);
  });

  it('lets browsers keep content-hashed assets for a year', async () => {
    const res = await request(ui()).get('/assets/index-B2x9_kQd.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('never serves files outside the UI folder, and API paths never come from disk', async () => {
    expectProblem(await request(ui()).get('/%2e%2e/package.json'), 404);
    expectProblem(await request(ui()).get('/..%2fpackage.json'), 404);
    expectProblem(await request(ui()).get('/api/index.html'), 404);
  });

  it('says how to build the UI when it is missing', async () => {
    const res = await request(server()).get('/');
    expectProblem(res, 404);
    expect(res.body.detail).toContain('npm run ui:build');
  });

  it('marks API answers as not cacheable', async () => {
    const res = await request(server()).get('/health');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('the process registry', () => {
  it('tells a signed-in user every active process module with its names and case kind, and nobody else', async () => {
    expectProblem(await request(server()).get('/api/processes'), 401);
    const res = await authed(request(server()).get('/api/processes'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: publicProcesses() });
    const cases = (
      res.body as { items: { role: string; caseKind: string | null; label: { lv: string; en: string } }[] }
    ).items.filter((p) => p.role === 'case');
    expect(cases.length).toBeGreaterThan(0);
    for (const p of cases)
      expect(p).toMatchObject({
        caseKind: expect.any(String),
        label: { lv: expect.any(String), en: expect.any(String) },
      });
  });
});
