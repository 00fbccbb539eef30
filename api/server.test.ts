import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { UserFacingError } from '../platform/errors';
import { listen } from './server';

function get(
  port: number,
  path: string,
  agent?: http.Agent,
): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, ...(agent ? { agent } : {}) }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body,
            ...(res.headers.connection ? { connection: res.headers.connection } : {}),
          }),
        );
      })
      .on('error', reject);
  });
}

/** An app whose /slow answers when the test says so. */
function slowApp() {
  let release: () => void = () => undefined;
  const started = new Promise<void>((resolveStarted) => {
    app.use(async (ctx) => {
      if (ctx.path === '/slow') {
        resolveStarted();
        await new Promise<void>((r) => (release = r));
      }
      ctx.body = 'done';
    });
  });
  return { app, started, release: () => release() };
}
const app = new Koa();

describe('API server', () => {
  it('finishes requests in flight on stop, refuses new connections, closes keep-alive ones', async () => {
    const slow = slowApp();
    const api = await listen(slow.app, '127.0.0.1', 0);
    const port = (api.server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true });
    expect((await get(port, '/', agent)).status).toBe(200); // leaves an idle keep-alive connection
    const inFlight = get(port, '/slow', agent);
    await slow.started;
    const stopped = api.stop(5_000);
    await expect(get(port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    slow.release();
    await expect(inFlight).resolves.toEqual({ status: 200, body: 'done', connection: 'close' });
    await expect(stopped).resolves.toBe(0);
    agent.destroy();
  });

  it('cuts requests that outlive the deadline and says how many', async () => {
    const hanging = new Koa().use(() => new Promise(() => undefined));
    const api = await listen(hanging, '127.0.0.1', 0);
    const port = (api.server.address() as AddressInfo).port;
    const request = get(port, '/').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await expect(api.stop(100)).resolves.toBe(1);
    await expect(request).resolves.toMatchObject({ code: 'ECONNRESET' });
  });

  it('explains a port in use', async () => {
    const first = await listen(new Koa(), '127.0.0.1', 0);
    const port = (first.server.address() as AddressInfo).port;
    const second = listen(new Koa(), '127.0.0.1', port);
    await expect(second).rejects.toBeInstanceOf(UserFacingError);
    await expect(second).rejects.toThrow(new RegExp(`Port ${port} on 127.0.0.1 is already in use[\\s\\S]*API_PORT`));
    await first.stop();
  });
});

describe('requests Node refuses before Koa', () => {
  it('answers a 100 kB URL with a problem document (431), not a bare status line', async () => {
    const app = new Koa();
    app.use((ctx) => (ctx.body = 'ok'));
    const api = await listen(app, '127.0.0.1', 0);
    try {
      const port = (api.server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/tasks?client=${'x'.repeat(100_000)}`);
      expect(res.status).toBe(431);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = (await res.json()) as { status: number; detail: string };
      expect(body.status).toBe(431);
      expect(body.detail).toContain('larger than 16 kB');
    } finally {
      await api.stop(1_000);
    }
  });
});
