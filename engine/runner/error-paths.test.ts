import net from 'node:net';
import { loadConfig } from '../../platform/config';
import { UserFacingError } from '../../platform/errors';
import { ensurePostgres } from '../../platform/db/ensure-postgres';
import { requireMaven } from './maven';
import { assertPortsFree } from './ports';

// Bad configuration must stop start-up with a message that names the problem and the fix.
async function messageOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(UserFacingError);
    return (err as Error).message;
  }
  throw new Error('expected a UserFacingError');
}

describe('start-up errors', () => {
  it('names a port that is in use and how to shift the ports', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const msg = await messageOf(assertPortsFree('127.0.0.1', [{ name: 'engine REST', port }]));
      expect(msg).toContain(`Port ${port} (engine REST)`);
      expect(msg).toContain('PLUSFLOW_ENGINE_PORT');
    } finally {
      server.close();
    }
  });

  it('says how to install Maven when mvn is not on the PATH', async () => {
    const msg = await messageOf(() => requireMaven({ PATH: '/nonexistent' }));
    expect(msg).toContain('Maven');
    expect(msg).toContain('apt-get install maven');
  });

  it('refuses an explicit DATABASE_URL that does not answer, without falling back', async () => {
    const cfg = loadConfig({ DATABASE_URL: 'postgresql://app:secret@127.0.0.1:1/plusflow' });
    const msg = await messageOf(ensurePostgres(cfg));
    expect(msg).toContain('postgresql://app:***@127.0.0.1:1/plusflow');
    expect(msg).not.toContain('secret');
    expect(msg).toContain('unset DATABASE_URL');
  });

  it('reports invalid environment values by name', () => {
    expect(() => loadConfig({ PLUSFLOW_ENGINE_NODES: 'two' })).toThrow(/PLUSFLOW_ENGINE_NODES/);
    expect(() => loadConfig({ API_PORT: '70000' })).toThrow(/API_PORT/);
  });
});
