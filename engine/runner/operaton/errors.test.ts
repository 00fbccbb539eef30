import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../platform/config';
import { UserFacingError } from '../../../platform/errors';
import { requireMavenForApp } from './app-jar';
import { startEngine } from './process';
import { ensureEngineSchema } from './schema';

// Bad configuration stops the engine's start with the problem and the fix, before any JVM is started.
async function problemOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(UserFacingError);
    return (err as Error).message;
  }
  throw new Error('expected a UserFacingError');
}

describe('Operaton runner start-up errors', () => {
  let cacheDir: string;
  beforeEach(() => (cacheDir = mkdtempSync(path.join(os.tmpdir(), 'plusflow-operaton-errors-'))));
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('names the port in use, the node and the setting that moves it', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const cfg = loadConfig({ PLUSFLOW_CACHE_DIR: cacheDir, PLUSFLOW_ENGINE_PORT: String(port - 1) });
      const msg = await problemOf(startEngine(cfg, { node: 1 }));
      expect(msg).toContain(`Port ${port} (engine node 1, Operaton REST) on 127.0.0.1 is already in use`);
      expect(msg).toContain('PLUSFLOW_ENGINE_PORT');
    } finally {
      server.close();
    }
  });

  it('does not start nodes that PLUSFLOW_ENGINE_URLS says run elsewhere', async () => {
    const cfg = loadConfig({ PLUSFLOW_CACHE_DIR: cacheDir, PLUSFLOW_ENGINE_URLS: 'http://engine-1:8090' });
    expect(await problemOf(startEngine(cfg))).toContain('Unset PLUSFLOW_ENGINE_URLS');
  });

  it('says what Maven is needed for and how to install it', () => {
    return problemOf(() => requireMavenForApp({ PATH: '/nonexistent' })).then((msg) => {
      expect(msg).toContain('builds the engine app (engine/app)');
      expect(msg).toContain('apt-get install maven');
    });
  });

  it('names an unreachable database without its password', async () => {
    const msg = await problemOf(ensureEngineSchema('postgresql://app:secret@127.0.0.1:1/plusflow'));
    expect(msg).toContain("Cannot connect to the engine's database postgresql://app:***@127.0.0.1:1/plusflow");
    expect(msg).not.toContain('secret');
  });
});
