import { Linter } from '@camunda/linting';
import {
  COMPAT_PROFILE,
  EXECUTION_PLATFORM,
  EXECUTION_PLATFORM_VERSION,
  LINTER_OPTIONS,
  plusflowLintPlugin,
} from '../../../tools/bpmn-lint/plusflow-lint';

/**
 * The modeler's lint: the same rule set as the unit test over every committed diagram
 * (tools/bpmn-lint/plusflow-lint.ts): @camunda/linting's `Linter` for Camunda 7 platform diagrams, which takes
 * bpmnlint-plugin-camunda-compat's `camunda-platform-7-24` rules and bpmnlint's `correctness` from the diagram's
 * execution platform, plus our `plusflow` rules (external task topic, candidate groups, a form of the module,
 * history time-to-live, JUEL timers, FEEL scripts, business key on call activities).
 */
export { COMPAT_PROFILE, EXECUTION_PLATFORM, EXECUTION_PLATFORM_VERSION };

/** One finding as @camunda/linting reports it (also what `linting.setErrors` and `showError` take). */
export interface LintReport {
  id: string;
  message: string;
  rule: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
  propertiesPanel?: { entryIds: string[] };
}

/** A linter for one diagram; `formIds` are the forms deployed with it (its module), for the form reference rule. */
export function createLinter(formIds: ReadonlySet<string>): { lint(xml: string): Promise<LintReport[]> } {
  return new Linter({ ...LINTER_OPTIONS, plugins: [plusflowLintPlugin(formIds)] }) as { lint(xml: string): Promise<LintReport[]> };
}
