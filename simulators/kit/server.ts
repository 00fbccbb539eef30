import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { UserFacingError } from '../../platform/errors';
import type { Simulator } from './app';

export interface SimulatorServer {
  server: Server;
  /** http://host:port — append "/<system>" for a client's baseUrl. */
  url: string;
  port: number;
  /**
   * Stops accepting, lets answers in flight finish, then cuts what is left after `timeoutMs` (requests held
   * by an injected timeout would otherwise keep the process alive).
   */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Serves several simulators on one port, each under its prefix (/tis, /viis, …), plus GET /health and an
 * index at /. Dispatch is by the first path segment, so each simulator stays an independent Koa app.
 */
export async function serveSimulators(
  simulators: Simulator[],
  opts: { host?: string; port?: number; log?: Logger } = {},
): Promise<SimulatorServer> {
  const host = opts.host ?? '127.0.0.1';
  const bySystem = new Map(simulators.map((s) => [s.system, s.app.callback()]));
  const server = http.createServer((req, res) => {
    const system = (req.url ?? '/').split(/[/?]/)[1] ?? '';
    const handler = bySystem.get(system);
    if (handler) return void handler(req, res);
    root(req, res, simulators);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      throw new UserFacingError(
        `Port ${opts.port} on ${host} is already in use, so the simulators cannot start.`,
        `Stop the other process ("ss -ltnp | grep :${opts.port}" shows it) or set SIMULATORS_PORT to a free port.`,
      );
    }
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${host}:${port}`,
    stop: (timeoutMs = 5_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          opts.log?.warn({ timeoutMs }, 'simulator requests still running are cut');
          server.closeAllConnections();
        }, timeoutMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

function root(req: IncomingMessage, res: ServerResponse, simulators: Simulator[]): void {
  const path = (req.url ?? '/').split('?')[0];
  const json = (status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET' && path === '/health')
    return json(200, { status: 'UP', simulators: simulators.map((s) => s.system) });
  if (req.method === 'GET' && path === '/') {
    return json(200, {
      simulators: simulators.map((s) => ({
        system: s.system,
        title: s.title,
        prefix: s.prefix,
        admin: `${s.prefix}/_admin`,
      })),
      docs: 'docs/simulators.md',
    });
  }
  json(
    404,
    {
      type: 'https://simulators.plusflow.vpd.gov.lv/problems/not-found',
      title: 'Not found',
      status: 404,
      code: 'NOT_FOUND',
      detail: `No simulator serves ${path}; see GET / for the list.`,
    },
    'application/problem+json',
  );
}
