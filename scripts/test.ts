import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../platform/config';

/**
 * `npm test`: unit tests, then integration and end-to-end tests against the real engine and PostgreSQL
 * (jest's integration project starts the test stack once), and the static checks (jest's `checks` project runs
 * `npm run typecheck` and `npm run lint`, so a type or lint error is a failed test in the count). Results are written as jest JSON to
 * .cache/test-results.json; the last line is the plain `N passed, N failed` count that CI reads.
 * Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
 */
const resultsFile = path.join(REPO_ROOT, '.cache', 'test-results.json');
mkdirSync(path.dirname(resultsFile), { recursive: true });

const args = ['--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)];
// Prisma's generated client loads its WebAssembly query compiler with import(), which jest's module
// sandbox supports only with this flag.
const jest = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', require.resolve('jest/bin/jest'), ...args],
  {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, PLUSFLOW_STACK: 'test' },
  },
);

let summary = '0 passed, 1 failed';
try {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numRuntimeErrorTestSuites?: number;
  };
  const failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  summary = `${r.numPassedTests} passed, ${failed} failed`;
} catch {
  console.error(`No jest results at ${resultsFile}: jest did not finish.`);
}
console.log(summary);
process.exit(jest.status ?? 1);
