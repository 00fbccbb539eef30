import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { PermanentIntegrationError, TransientIntegrationError } from './errors';
import { JsonHttpClient } from './http';

/** A server that answers whatever the test scripts for the next request; hangs when told to. */
interface Script {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  hang?: boolean;
}
let server: Server;
let baseUrl: string;
let next: Script = { status: 200, body: '{}' };
const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ ...(req.method ? { method: req.method } : {}), headers: req.headers, body });
      if (next.hang) return;
      res.writeHead(next.status, { 'Content-Type': 'application/json', ...next.headers });
      res.end(next.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sys`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  seen.length = 0;
});

const Thing = z.object({ id: z.string() });
const client = (timeoutMs = 2_000) => new JsonHttpClient('sys', { baseUrl, timeoutMs });
const get = (c = client()) => c.request({ operation: 'getThing', method: 'GET', path: '/things/1', schema: Thing });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'x', title: 't', status, detail: `detail ${code}`, code, ...extra });

describe('JSON HTTP client: error classification', () => {
  it('returns the parsed body on 2xx', async () => {
    next = { status: 200, body: '{"id":"1","extra":true}' };
    await expect(get()).resolves.toEqual({ id: '1' });
  });

  it.each([
    [500, 'server-error'],
    [502, 'server-error'],
    [503, 'server-error'],
    [504, 'server-error'],
    [429, 'throttled'],
    [408, 'throttled'],
  ])('%i is transient (%s)', async (status, reason) => {
    next = { status, body: problem(status, 'X') };
    const err = await get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientIntegrationError);
    expect(err).toMatchObject({ reason, status, retryable: true, system: 'sys', operation: 'getThing' });
  });

  it('reads Retry-After', async () => {
    next = { status: 503, body: problem(503, 'BUSY'), headers: { 'Retry-After': '2' } };
    await expect(get()).rejects.toMatchObject({ retryAfterMs: 2000 });
  });

  it('treats 409 IDEMPOTENCY_KEY_IN_USE as transient and other 409s as permanent', async () => {
    next = { status: 409, body: problem(409, 'IDEMPOTENCY_KEY_IN_USE') };
    await expect(get()).rejects.toMatchObject({ reason: 'in-progress', retryable: true });
    next = { status: 409, body: problem(409, 'ALREADY_DONE') };
    await expect(get()).rejects.toBeInstanceOf(PermanentIntegrationError);
  });

  it.each([400, 401, 403, 404, 422])('%i is permanent and carries the problem', async (status) => {
    next = { status, body: problem(status, 'UNKNOWN_RULING', { errors: [{ path: 'rulingId', message: 'unknown' }] }) };
    const err = (await get().catch((e: unknown) => e)) as PermanentIntegrationError;
    expect(err).toBeInstanceOf(PermanentIntegrationError);
    expect(err).toMatchObject({ reason: 'rejected', status, retryable: false, code: 'UNKNOWN_RULING' });
    expect(err.problem?.errors).toEqual([{ path: 'rulingId', message: 'unknown' }]);
    expect(err.message).toMatch(/^sys getThing: rejected the request \(\d+ UNKNOWN_RULING: detail UNKNOWN_RULING\)/);
  });

  it('calls a 2xx outside the contract (wrong shape, not JSON) a permanent contract error', async () => {
    next = { status: 200, body: '{"name":"x"}' };
    await expect(get()).rejects.toMatchObject({ reason: 'contract', retryable: false });
    next = { status: 200, body: '<html>' };
    await expect(get()).rejects.toMatchObject({ reason: 'contract' });
  });

  it('answers null for a 404 with the absent code, and fails for any other 404', async () => {
    const c = client();
    const lookup = () =>
      c.request({ operation: 'lookup', method: 'GET', path: '/p', schema: Thing, absentCode: 'NO_DATA' });
    next = { status: 404, body: problem(404, 'NO_DATA') };
    await expect(lookup()).resolves.toBeNull();
    next = { status: 404, body: problem(404, 'NOT_FOUND') };
    await expect(lookup()).rejects.toBeInstanceOf(PermanentIntegrationError);
  });

  it('times out as a transient error, within the timeout', async () => {
    next = { status: 200, hang: true };
    const started = Date.now();
    const err = await get(client(150)).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('passes the caller’s own cancellation on untouched', async () => {
    next = { status: 200, hang: true };
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('shutting down')), 50);
    await expect(
      client().request({ operation: 'x', method: 'GET', path: '/', schema: Thing }, { signal: ac.signal }),
    ).rejects.toThrow('shutting down');
  });

  it('treats a refused connection as a transient network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const c = new JsonHttpClient('sys', { baseUrl: `http://127.0.0.1:${port}` });
    await expect(c.request({ operation: 'x', method: 'GET', path: '/', schema: Thing })).rejects.toMatchObject({
      reason: 'network',
      retryable: true,
      message: expect.stringMatching(/ECONNREFUSED/),
    });
  });
});

describe('JSON HTTP client: writes', () => {
  const Body = z.object({ n: z.number() }).strict();

  it('sends the Idempotency-Key, JSON body and request id', async () => {
    next = { status: 201, body: '{"id":"7"}' };
    await client().request(
      {
        operation: 'create',
        method: 'POST',
        path: '/things',
        body: { n: 1 },
        bodySchema: Body,
        idempotencyKey: 'job-42',
        schema: Thing,
      },
      { requestId: 'req-1' },
    );
    expect(seen[0]).toMatchObject({ method: 'POST', body: '{"n":1}' });
    expect(seen[0]!.headers).toMatchObject({
      'idempotency-key': 'job-42',
      'content-type': 'application/json',
      'x-request-id': 'req-1',
    });
  });

  it('refuses, without sending, a write with no Idempotency-Key or a body that breaks the contract', async () => {
    await expect(
      client().request({ operation: 'create', method: 'POST', path: '/things', body: { n: 1 }, schema: Thing }),
    ).rejects.toMatchObject({ reason: 'invalid-request' });
    await expect(
      client().request({
        operation: 'create',
        method: 'POST',
        path: '/things',
        body: { n: 'one' },
        bodySchema: Body,
        idempotencyKey: 'k',
        schema: Thing,
      }),
    ).rejects.toMatchObject({
      reason: 'invalid-request',
      retryable: false,
    });
    expect(seen).toHaveLength(0);
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => new JsonHttpClient('sys', { baseUrl: 'localhost:4000/tis' })).toThrow(/baseUrl/);
  });
});
