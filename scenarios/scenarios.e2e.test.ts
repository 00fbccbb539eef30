import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../platform/config';
import { loadScenario, ScenarioRunner } from './runner';

/**
 * The end-to-end tests of the processes are their scenarios (processes/<process>/scenarios/*.yaml), played by
 * the same runner as `npm run scenario` against the test stack: real engine, workers, intake, simulators, API.
 */
const files = readdirSync(path.join(REPO_ROOT, 'processes'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const dir = path.join(REPO_ROOT, 'processes', d.name, 'scenarios');
    try {
      return readdirSync(dir)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .map((f) => path.join(dir, f));
    } catch {
      return [];
    }
  })
  .sort();

describe('process scenarios', () => {
  const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
  const lines: string[] = [];
  const runner = new ScenarioRunner(cfg, process.env.DATABASE_URL ?? cfg.database.url, (l) => lines.push(l));
  afterAll(() => runner.close());

  it('has scenarios for both work processes', () => {
    expect(files.some((f) => f.includes('community-service'))).toBe(true);
    expect(files.some((f) => f.includes('minors-public-work'))).toBe(true);
  });

  it.each(files.map((f) => [path.relative(REPO_ROOT, f), f]))('%s', async (_name, file) => {
    lines.length = 0;
    const result = await runner.run(loadScenario(file));
    if (!result.ok) throw new Error(`${result.error}\n${lines.join('\n')}`);
    expect(result.steps.every((s) => s.ok)).toBe(true);
  });
});
