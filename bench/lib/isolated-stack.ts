import { chmod, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureDistribution } from '../../engine/runner';
import { loadConfig, type StackConfig } from '../../platform/config';
import type { ScratchDatabase } from './scratch-db';

/**
 * A stack configuration on ports, a cache directory and a database of its own, so a benchmark never touches the
 * dev or test stack (the test suite uses offsets 100 and 200, benchmarks 300). The Camunda distribution is fetched if missing and shared (symlinked). The stack's child services read
 * their settings from the environment, so it is set for this process too.
 */
export async function isolatedConfig(base: StackConfig, server: string, db: ScratchDatabase, name: string): Promise<{ cfg: StackConfig; cleanup: () => Promise<void> }> {
  // Fetched once per machine (Maven Central) into the shared cache, then linked; not part of any timing.
  await ensureDistribution(base, () => undefined);
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), `plusflow-${name}-`));
  // An embedded PostgreSQL (chaos) runs as the `postgres` OS user when we are root: it must reach its data here.
  await chmod(cacheDir, 0o755);
  await symlink(path.join(base.cacheDir, 'camunda'), path.join(cacheDir, 'camunda'));
  const url = new URL(server);
  url.pathname = `/${db.name}`;
  const env = {
    PLUSFLOW_STACK: 'test',
    PLUSFLOW_CACHE_DIR: cacheDir,
    DATABASE_URL: url.toString(),
    CAMUNDA_PORT_OFFSET: '300',
    API_PORT: '3300',
    IDENTITY_PORT: '3301',
    SIMULATORS_PORT: '4300',
    WORKERS_METRICS_PORT: '9300',
    LOG_LEVEL: 'warn',
  };
  Object.assign(process.env, env);
  return { cfg: loadConfig({ ...process.env, ...env }), cleanup: () => rm(cacheDir, { recursive: true, force: true }) };
}
