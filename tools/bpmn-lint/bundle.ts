import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';

/**
 * bpmn.io's packages ship ES modules only (bpmn-moddle, min-dash, moddle) or untranspiled ones importing JSON
 * (@camunda/linting); jest's CommonJS sandbox can load neither. esbuild (here through vite) bundles such a package
 * once per version into one CommonJS file under .cache/bpmn-lint/, which Node, tsx and jest all `require`.
 */
const ROOT = path.resolve(__dirname, '../..');

export function requireBundled<T>(pkg: string, entry: string): T {
  const pkgFile = require.resolve(`${pkg}/package.json`);
  const version = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string }).version;
  const bundle = path.join(ROOT, '.cache/bpmn-lint', `${pkg.replace(/[@/]/g, '_')}-${version}.cjs`);
  if (!existsSync(bundle)) {
    mkdirSync(path.dirname(bundle), { recursive: true });
    const tmp = `${bundle}.${process.pid}.tmp`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    esbuild.buildSync({
      entryPoints: [path.join(path.dirname(pkgFile), entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: tmp,
      logLevel: 'error',
    });
    // Atomic: a concurrent run sees no bundle or a whole one.
    renameSync(tmp, bundle);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(bundle) as T;
}
