import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENT_KINDS } from '../domain/documents/templates';
import { ProcessKind } from '../prisma/generated/client';
import { commonStepWorkers } from '../workers/shared';
import type { AnyJobWorker } from '../workers/framework/definition';
import { loadProcessResources } from './catalog';
import { indexBpmn } from './model-index';
import {
  caseProcessForMeasure,
  caseProcessOfKind,
  moduleFiles,
  processModules,
  publicProcesses,
  scenarioFiles,
} from './registry';

const REPO = path.resolve(__dirname, '..');

/** The job workers a module's workers.ts exports (none when it has no such file). */
function workersOf(dir: string): AnyJobWorker[] {
  const file = moduleFiles('workers').find((f) => path.dirname(f) === dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return file ? [...(require(file) as { jobWorkers: AnyJobWorker[] }).jobWorkers] : [];
}

async function diagramsOf(id: string) {
  return (await loadProcessResources(undefined, { includeDrafts: true }))
    .filter((r) => r.kind === 'bpmn' && r.name.startsWith(`${id}/`))
    .map((r) => r.content.toString('utf8'));
}

describe('process registry', () => {
  const modules = processModules();

  it('has a descriptor for every process folder, named as the folder and the process in its diagram', async () => {
    const folders = readdirSync(__dirname, { withFileTypes: true }).filter(
      (d) => d.isDirectory() && existsSync(path.join(__dirname, d.name, 'process.json')),
    );
    expect(modules.map((m) => m.id).sort()).toEqual(folders.map((d) => d.name).sort());
    for (const m of modules) {
      expect(m.label.lv.trim()).not.toBe('');
      expect(m.label.en.trim()).not.toBe('');
      const ids = (await diagramsOf(m.id)).flatMap((xml) => indexBpmn(xml).processIds);
      expect(ids).toContain(m.id);
    }
  });

  it('gives each case process a kind and measures of its own, and knows which process executes what', () => {
    const cases = modules.filter((m) => m.role === 'case');
    expect(cases.length).toBeGreaterThan(0);
    const kinds = cases.map((m) => m.intake?.caseKind);
    const measures = cases.flatMap((m) => m.intake?.measures ?? []);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(new Set(measures).size).toBe(measures.length);
    for (const m of cases) {
      expect(Object.values(ProcessKind)).toContain(m.intake!.caseKind);
      expect(caseProcessOfKind(m.intake!.caseKind)?.id).toBe(m.id);
      for (const measure of m.intake!.measures) expect(caseProcessForMeasure(measure)?.id).toBe(m.id);
    }
    expect(caseProcessForMeasure('NO_SUCH_MEASURE')).toBeUndefined();
  });

  it('declares exactly the call activities its diagrams call, each a registered module', async () => {
    for (const m of modules) {
      const called = new Set<string>();
      for (const xml of await diagramsOf(m.id))
        for (const [, id] of xml.matchAll(/calledElement="([^"]+)"/g)) called.add(id!);
      expect([...called].sort()).toEqual([...(m.calls ?? [])].sort());
      for (const id of called) expect(modules.find((x) => x.id === id)?.role).toBe('shared');
    }
  });

  it('has a worker in the module (or among the common steps) for every job type of its diagrams, and none it does not use', async () => {
    const common = new Set(commonStepWorkers.map((w) => w.type));
    for (const m of modules) {
      const own = workersOf(m.dir).map((w) => w.type);
      const used = new Set((await diagramsOf(m.id)).flatMap((xml) => indexBpmn(xml).jobTypes));
      expect([...used].filter((t) => !own.includes(t) && !common.has(t))).toEqual([]);
      expect(own.filter((t) => !used.has(t))).toEqual([]);
    }
  });

  it('names documents the templates know, and scenario folders that exist', () => {
    for (const m of modules) {
      for (const d of m.documents ?? []) expect(DOCUMENT_KINDS).toContain(d);
      if (m.scenarios) expect(existsSync(path.join(m.dir, m.scenarios))).toBe(true);
    }
    for (const m of modules.filter((x) => x.role === 'case'))
      expect(scenarioFiles().some((f) => f.startsWith(`processes/${m.id}/`))).toBe(true);
  });

  it('publishes ids, names, roles and case kinds, nothing of the handlers', () => {
    const published = publicProcesses();
    expect(published.map((p) => p.id).sort()).toEqual(
      modules
        .filter((m) => m.manifest.status === 'active')
        .map((m) => m.id)
        .sort(),
    );
    for (const p of published) expect(Object.keys(p).sort()).toEqual(['caseKind', 'id', 'label', 'name', 'role']);
  });

  /**
   * A process id appears only in its own module, and in the modules that call it (a shared call activity).
   * Docs, tests, benchmarks (load tests of the processes) and the history of database migrations may name any
   * process; links to a process's page in docs/processes/ are not a use of its id.
   */
  it('finds no process id outside its module', () => {
    const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.cache', 'coverage', 'docs', 'test', 'bench']);
    const SKIP_PATHS = ['prisma/generated', 'prisma/migrations'];
    const TEXT = /\.(ts|mts|mjs|js|json|bpmn|form|prisma|ya?ml|html|css|sql|sh)$|^Dockerfile/;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const rel = path.relative(REPO, path.join(dir, e.name));
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name) && !SKIP_PATHS.includes(rel)) walk(path.join(dir, e.name));
        } else if (TEXT.test(e.name) && !/\.test\.ts$/.test(e.name)) files.push(rel);
      }
    };
    walk(REPO);
    expect(files).toContain('domain/intake/classify.ts');

    const found: string[] = [];
    for (const m of modules) {
      const allowed = [m.id, ...modules.filter((x) => x.calls?.includes(m.id)).map((x) => x.id)].map(
        (id) => `processes/${id}/`,
      );
      const word = new RegExp(`(?<![\\w-])${m.id}(?![\\w-])`);
      for (const f of files) {
        if (allowed.some((a) => f.startsWith(a))) continue;
        const text = readFileSync(path.join(REPO, f), 'utf8').replaceAll(`docs/processes/${m.id}.md`, '');
        text.split('\n').forEach((line, i) => {
          if (word.test(line)) found.push(`${f}:${i + 1}: ${m.id}`);
        });
      }
    }
    expect(found).toEqual([]);
  });
});
