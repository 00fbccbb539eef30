import { Linter } from '@camunda/linting';
import { currentLang } from '../i18n';
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
  return new Linter({ ...LINTER_OPTIONS, plugins: [plusflowLintPlugin(formIds)] }) as {
    lint(xml: string): Promise<LintReport[]>;
  };
}

/**
 * Our rules' findings in Latvian, naming the properties panel field to fix (the rules report in English, as
 * Camunda's do; Camunda's own messages stay English).
 */
const LATVIAN: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^Task needs camunda:type="external"/,
    () =>
      'Uzdevumam jābūt ārējam ar tēmu (Implementation → Type: External, Topic): automātiskos soļus veic PLUS Flow workers.',
  ],
  [
    /^External task needs a camunda:topic$/,
    () => 'Ārējam uzdevumam nav tēmas (Implementation → Topic): neviens worker to nepaņems.',
  ],
  [
    /^External message event needs a camunda:topic$/,
    () => 'Ārējam ziņojuma notikumam nav tēmas (Implementation → Topic).',
  ],
  [
    /^User task needs camunda:candidateGroups/,
    () =>
      'Lietotāja uzdevumam nav kandidātu grupu (User assignment → Candidate groups): tas neparādīsies nevienā uzdevumu sarakstā.',
  ],
  [
    /^User task needs camunda:formRef/,
    () => 'Lietotāja uzdevumam nav veidlapas (Forms → Type: Camunda Forms, Form reference).',
  ],
  [
    /^camunda:formRefBinding should be "deployment"/,
    () => 'Veidlapas sasaistei jābūt "deployment" (Forms → Binding): veidlapas izvieto kopā ar procesu.',
  ],
  [
    /^Form "(.+)" is not among the forms deployed/,
    (m) => `Veidlapa "${m[1]}" nav starp šī moduļa veidlapām (Forms → Form reference).`,
  ],
  [
    /^Process needs camunda:historyTimeToLive/,
    () => 'Procesam nav vēstures glabāšanas termiņa (History cleanup → Time to live), piemēram, P1825D.',
  ],
  [
    /^\w+ "(.*)" is neither a JUEL expression/,
    (m) => `Taimera vērtība "${m[1]}" nav ne JUEL izteiksme \${…}, ne ISO-8601 vērtība (Timer).`,
  ],
  [
    /^Call activity should pass the business key on/,
    () =>
      'Izsaukuma aktivitātei jānodod biznesa atslēga (Business key: #{execution.processBusinessKey}): ziņojumus sasaista pēc tās.',
  ],
];

/** The findings as the analyst reads them in the UI's language. */
export function localize(reports: LintReport[]): LintReport[] {
  if (currentLang() !== 'lv') return reports;
  return reports.map((r) => {
    if (!r.rule.startsWith('plusflow/')) return r;
    for (const [re, text] of LATVIAN) {
      const m = re.exec(r.message);
      if (m) return { ...r, message: text(m) };
    }
    return r;
  });
}
