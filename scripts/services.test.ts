import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { killChild, startService } from './services';

// Real child processes (node + tsx) on loopback ports: how the stack runs its services.
jest.setTimeout(30_000);

let logDir: string;
beforeEach(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'plusflow-services-'));
});
afterEach(() => rm(logDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

/** Files this process holds open (Linux: /proc/self/fd). */
async function openFiles(): Promise<string[]> {
  const fds = await readdir('/proc/self/fd');
  return (await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')))).filter(Boolean);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (await check()) return true;
  }
  return false;
}

const tiny = (port: number, extra: string[] = []) => ({
  name: 'tiny',
  script: 'test/support/tiny-service.ts',
  args: [String(port), ...extra],
  env: process.env,
  logDir,
  healthUrl: `http://127.0.0.1:${port}/health`,
  timeoutMs: 20_000,
});

test('a service killed with SIGKILL leaves everything it printed in its log, and its log file is closed', async () => {
  const port = await freePort();
  const service = await startService(tiny(port));
  const closed = new Promise<void>((resolve) => service.child.once('close', () => resolve()));
  await killChild(service.child);
  await closed;
  // The log stream ends on the child's 'close' and then lets go of the file (before: only stop() ended it).
  await expect(waitUntil(async () => !(await openFiles()).includes(service.logFile))).resolves.toBe(true);
  const log = await readFile(service.logFile, 'utf8');
  expect(log).toContain('tiny service listening');
  expect(log).toContain('tiny service warning');
  expect(service.child.signalCode).toBe('SIGKILL');
  // Nothing answers any more: the next start on this port is not refused.
  await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
});

test('a service that exits during start-up is reported with its exit code and last log lines', async () => {
  const port = await freePort();
  await expect(startService(tiny(port, ['crash']))).rejects.toThrow(
    /tiny exited during start-up \(code 3\)[\s\S]*bad configuration: no port/,
  );
});

test('a service is not started where something already answers its health URL', async () => {
  const port = await freePort();
  const squatter = http.createServer((_req, res) => res.end('ok')).listen(port, '127.0.0.1');
  try {
    await expect(startService(tiny(port))).rejects.toThrow(/tiny cannot start: something already answers/);
  } finally {
    squatter.close();
  }
});
