import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { UserFacingError } from '../../platform/errors';

export interface NamedPort {
  name: string;
  port: number;
}

/** Fails with the port, who holds it (when `ss` or `lsof` can tell) and the fix, if any port is taken. */
export async function assertPortsFree(host: string, ports: NamedPort[]): Promise<void> {
  for (const { name, port } of ports) {
    if (await isFree(host, port)) continue;
    const holder = whoListens(port);
    throw new UserFacingError(
      `Port ${port} (${name}) on ${host} is already in use${holder ? ` by ${holder}` : ''}.`,
      `Stop that process, or choose other ports (e.g. PLUSFLOW_ENGINE_PORT=9090 or API_PORT=3300 npm start).`,
    );
  }
}

/** True when a server could listen on host:port right now. */
export function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** "java (pid 1234)", or undefined when neither tool is there or the process belongs to another user. */
export function whoListens(port: number): string | undefined {
  const ss = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8', timeout: 5_000 });
  const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(ss.stdout ?? '');
  if (m) return `${m[1]} (pid ${m[2]})`;
  const lsof = spawnSync('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], {
    encoding: 'utf8',
    timeout: 5_000,
  });
  const pid = /^p(\d+)$/m.exec(lsof.stdout ?? '')?.[1];
  const cmd = /^c(.+)$/m.exec(lsof.stdout ?? '')?.[1];
  return pid ? `${cmd ?? 'a process'} (pid ${pid})` : undefined;
}
