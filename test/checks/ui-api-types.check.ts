import { execFile } from 'node:child_process';
import { REPO_ROOT } from '../../platform/config';

/**
 * The web UI's API types (modeler-ui/src/api-types.ts) are generated from the API's OpenAPI document; this fails
 * when the committed file differs from what the current API generates (an API change without `npm run ui:api-types`).
 */
it('modeler-ui/src/api-types.ts is what the current API generates', async () => {
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'ui:api-types', '--', '--check'],
      { cwd: REPO_ROOT, env: process.env },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}${stderr}`.trim() });
      },
    );
  });
  if (code !== 0) throw new Error(output);
  expect(output).toContain('matches the API');
}, 300_000);
