import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../platform/config';
import { caseProcesses, scenarioFiles } from '../processes/registry';
import { loadScenario, ScenarioRunner } from './runner';

/**
 * The end-to-end tests of the processes are their scenarios (processes/<process>/scenarios/*.yaml), played by
 * the same runner as `npm run scenario` against the test stack: real engine, workers, intake, simulators, API.
 */
// Each module names its scenario folder in its descriptor (processes/<id>/process.ts).
const files = scenarioFiles().map((f) => path.join(REPO_ROOT, f));

describe('process scenarios', () => {
  const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
  const lines: string[] = [];
  const runner = new ScenarioRunner(cfg, process.env.DATABASE_URL ?? cfg.database.url, (l) => lines.push(l));
  afterAll(() => runner.close());

  it('has scenarios for every case process', () => {
    const cases = caseProcesses();
    expect(cases.length).toBeGreaterThan(0);
    for (const m of cases)
      expect(files.some((f) => f.startsWith(path.join(m.dir, m.scenarios ?? 'scenarios') + path.sep))).toBe(true);
  });

  it.each(files.map((f) => [path.relative(REPO_ROOT, f), f]))('%s', async (_name, file) => {
    lines.length = 0;
    const result = await runner.run(loadScenario(file));
    if (!result.ok) throw new Error(`${result.error}\n${lines.join('\n')}`);
    expect(result.steps.every((s) => s.ok)).toBe(true);
  });
});
