import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { processModules } from '../../processes/registry';
import { formIdsIn, lintCamunda } from './lint';

/**
 * Every diagram in the repository passes @camunda/linting's Camunda 7 platform rules and our own (the same rules the
 * browser modeler shows), and the rules catch what the engine or our workers cannot live with.
 */
const PROCESSES = path.resolve(__dirname, '../../processes');
const modules = readdirSync(PROCESSES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({ dir: path.join(PROCESSES, d.name), files: readdirSync(path.join(PROCESSES, d.name)) }));
const diagrams = modules.flatMap((m) => m.files.filter((f) => f.endsWith('.bpmn')).map((f) => ({ ...m, file: f })));

// Bundling @camunda/linting once and linting 3,000-line diagrams takes time on a busy machine.
jest.setTimeout(120_000);

it('there are diagrams to lint, one or more in every process module', () => {
  expect(new Set(diagrams.map((d) => d.dir)).size).toBe(processModules().length);
});

describe.each(diagrams.map((d) => [path.relative(PROCESSES, path.join(d.dir, d.file)), d] as const))(
  '%s',
  (_name, d) => {
    it('has no lint errors, and names the Camunda 7 platform the linter checks against', async () => {
      const xml = readFileSync(path.join(d.dir, d.file), 'utf8');
      expect(xml).toContain('modeler:executionPlatform="Camunda Platform"');
      const reports = await lintCamunda(xml, { formIds: formIdsIn(d.dir, d.files) });
      expect(reports.filter((r) => r.category === 'error').map((r) => `${r.id}: ${r.rule}: ${r.message}`)).toEqual([]);
    });
  },
);

describe('the rules', () => {
  const smoke = readFileSync(path.join(PROCESSES, 'platform-smoke/platform-smoke.bpmn'), 'utf8');
  const errors = async (xml: string) =>
    (await lintCamunda(xml, { formIds: new Set(['platform-smoke-review']) }))
      .filter((r) => r.category === 'error')
      .map((r) => r.rule)
      .sort();

  it('flag a missing topic, history time-to-live and form', async () => {
    const broken = smoke
      .replace(/ camunda:historyTimeToLive="[^"]*"/, '')
      .replace(/ camunda:topic="[^"]*"/, '')
      .replace(/camunda:formRef="[^"]*"/, 'camunda:formRef="no-such-form"');
    expect(await errors(broken)).toEqual([
      'plusflow/external-task-topic',
      'plusflow/history-time-to-live',
      'plusflow/user-task-form',
    ]);
  });

  it('flag a user task nobody is offered', async () => {
    expect(await errors(smoke.replace(/ camunda:candidateGroups="[^"]*"/, ''))).toContain(
      'plusflow/user-task-assignment',
    );
  });

  it('flag a timer that is neither an expression nor an ISO-8601 value', async () => {
    const dir = path.join(PROCESSES, 'shared-register-lookup');
    const xml = readFileSync(path.join(dir, 'shared-register-lookup.bpmn'), 'utf8');
    const broken = xml.replace(
      /(<bpmn:time(Duration|Cycle|Date)[^>]*>)[^<]*(<\/bpmn:time(Duration|Cycle|Date)>)/,
      '$1in five days$3',
    );
    expect(broken).not.toBe(xml);
    const reports = await lintCamunda(broken, { formIds: formIdsIn(dir, readdirSync(dir)) });
    expect(reports.filter((r) => r.category === 'error').map((r) => r.rule)).toContain('plusflow/timer-expression');
  });
});
