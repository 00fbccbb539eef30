import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../platform/config';

/**
 * Runs a Prisma CLI offline. The env stubs stop Prisma from looking for native engines, which cannot be
 * downloaded on these machines and are not needed: the client runs on a driver adapter (Prisma 7), and
 * diffs run on Prisma 6's WebAssembly schema engine.
 */
export function runPrisma(pkg: 'prisma' | 'prisma6', args: string[]): string {
  const entry = require.resolve(`${pkg}/build/index.js`, { paths: [REPO_ROOT] });
  const r = spawnSync(process.execPath, [entry, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
      PRISMA_QUERY_ENGINE_LIBRARY: '/bin/true',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`prisma ${args[0]} failed:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}
