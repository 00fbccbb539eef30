import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../platform/config';
import { hydrateEmbeddedPostgres } from '../platform/db/ensure-postgres';
import { generatePrismaClient } from '../prisma/generate';

/**
 * Runs after `npm install` / `npm ci`. npm 11 does not run dependencies' install scripts here, so the
 * steps that packages would normally do for themselves are done explicitly, and offline:
 *  1. restore the shared-library symlinks of the embedded PostgreSQL binaries (used only when no server runs);
 *  2. generate the Prisma client from prisma/schema.prisma;
 *  3. build the web UI into modeler-ui/dist.
 */
async function main(): Promise<void> {
  const steps: [string, () => Promise<void> | void][] = [
    ['embedded PostgreSQL binaries', () => hydrateEmbeddedPostgres()],
    ['Prisma client', () => generatePrismaClient()],
    ['web UI', () => buildUi()],
  ];
  for (const [name, run] of steps) {
    const t0 = Date.now();
    await run();
    console.log(`postinstall: ${name} ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

function buildUi(): void {
  if (!existsSync(path.join(REPO_ROOT, 'modeler-ui', 'index.html'))) return;
  const r = spawnSync(
    process.execPath,
    [
      path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'),
      'build',
      'modeler-ui',
      '--logLevel',
      'warn',
    ],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error('The web UI build failed (see the vite output above).');
}

main().catch((err: unknown) => {
  console.error(`postinstall failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
