import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requireBundled } from './bundle';
import { LINTER_OPTIONS, plusflowLintPlugin } from './plusflow-lint';

/**
 * Lint for our Camunda 7 (Operaton) diagrams in Node: @camunda/linting's rules for the platform (what the desktop and
 * web modelers show) plus our own (plusflow-lint.ts, the same rule set the browser modeler uses). @camunda/linting
 * ships untranspiled modules and is loaded bundled (bundle.ts).
 */
export interface LintReport {
  id: string;
  message: string;
  rule: string;
  category: string;
}

type LinterClass = new (options: typeof LINTER_OPTIONS & { plugins?: unknown[] }) => {
  lint(xml: string): Promise<LintReport[]>;
};

let linterClass: LinterClass | undefined;

/** All reports for one diagram; errors are what the engine or our workers cannot live with. */
export async function lintCamunda(xml: string, options: { formIds?: ReadonlySet<string> } = {}): Promise<LintReport[]> {
  linterClass ??= requireBundled<{ Linter: LinterClass }>('@camunda/linting', 'index.js').Linter;
  return new linterClass({ ...LINTER_OPTIONS, plugins: [plusflowLintPlugin(options.formIds)] }).lint(xml);
}

/** The form ids (`id` of each .form file) in a folder. */
export function formIdsIn(dir: string, files: string[]): Set<string> {
  return new Set(
    files
      .filter((f) => f.endsWith('.form'))
      .map((f) => (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { id?: string }).id)
      .filter((id): id is string => typeof id === 'string'),
  );
}
