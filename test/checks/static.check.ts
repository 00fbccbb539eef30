import { execFile } from 'node:child_process';
import { REPO_ROOT } from '../../platform/config';

/**
 * The static gates of CI as tests of their own (jest project `checks`), so that `npm test` and `.ci/run` count a
 * type error, a lint error (a forbidden import included) or unformatted code (`npm run format` mends it) in their
 * `N passed, N failed` line. ts-jest runs with diagnostics off, so without these a type error would pass the suite.
 */
function npmRun(script: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, env: process.env },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}`.trim() });
      },
    );
  });
}

// Generous: tsc and ESLint over the whole tree share the machine with the other test projects.
const TEN_MINUTES = 600_000;

describe('static checks', () => {
  it.each(['typecheck', 'lint', 'format:check'])(
    'npm run %s reports no errors',
    async (script) => {
      const { code, output } = await npmRun(script);
      if (code !== 0) throw new Error(`npm run ${script} failed (exit ${code}):\n${output}`);
      expect(code).toBe(0);
    },
    TEN_MINUTES,
  );
});
