import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { UserFacingError } from '../../platform/errors';

/** Fails with the port, who holds it (when `ss` can tell) and the fix, if any port is taken. */
export async function assertPortsFree(host: string, ports: { name: string; port: number }[]): Promise<void> {
  for (const { name, port } of ports) {
    if (await isFree(host, port)) continue;
    const holder = whoListens(port);
    throw new UserFacingError(
      `Port ${port} (${name}) on ${host} is already in use${holder ? ` by ${holder}` : ''}.`,
      `Stop that process, or shift the engine's ports with CAMUNDA_PORT_OFFSET (e.g. CAMUNDA_PORT_OFFSET=1000 npm start).`,
    );
  }
}

export function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function whoListens(port: number): string | undefined {
  const out = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(out.stdout ?? '');
  return m ? `${m[1]} (pid ${m[2]})` : undefined;
}
