/**
 * The lint rule set for our Camunda 7 (Operaton) diagrams, shared by the analyst's modeler in the browser
 * (modeler-ui/src/views/lint-config.ts) and the unit test over every committed diagram (lint.ts,
 * lint.test.ts): @camunda/linting's `Linter` with these options, which picks bpmnlint-plugin-camunda-compat's
 * `camunda-platform-7-24` rules from the diagram's `modeler:executionPlatform`/`executionPlatformVersion` (plus
 * bpmnlint's `correctness`), and our own rules (plugin `plusflow`) for what the engine and our workers need and
 * the 7.x rules leave out: a missing topic, candidate group, form or history time-to-live is not flagged there.
 *
 * No imports: the browser bundles this file with vite, Node and jest load it as it is.
 */

/** What @camunda/linting's `new Linter(…)` is given, everywhere: the desktop modeler's messages, platform diagrams. */
export const LINTER_OPTIONS = { modeler: 'desktop', type: 'platform' } as const;
/** Diagrams carry these; @camunda/linting lints only a diagram that names both. */
export const EXECUTION_PLATFORM = 'Camunda Platform';
export const EXECUTION_PLATFORM_VERSION = '7.24.0';
/** The camunda-compat rule set the two attributes above select. */
export const COMPAT_PROFILE = 'camunda-platform-7-24';

/** The part of a bpmn-moddle element the rules read. */
export interface LintNode {
  $type: string;
  $attrs?: Record<string, string>;
  id?: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
}
interface Reporter {
  /** `entry`: the properties panel field to show the finding at (the modeler marks it there and jumps to it). */
  report(id: string | undefined, message: string, entry?: { propertiesPanel: { entryIds: string[] } }): void;
}
export type PlusflowRule = () => { check(node: LintNode, reporter: Reporter): void };

/** A bpmnlint plugin as @camunda/linting takes it (`plugins: [...]`). */
export interface LintPlugin {
  config: { rules: Record<string, string> };
  resolver: {
    resolveRule(pkg: string, ruleName: string): PlusflowRule;
    resolveConfig(pkg: string, name: string): never;
  };
}

const str = (node: LintNode, prop: string): string => {
  const v = node.get(prop);
  return typeof v === 'string' ? v.trim() : '';
};
const values = (node: LintNode, prop: string): LintNode[] => {
  const v = node.get(prop);
  return Array.isArray(v) ? (v as LintNode[]) : [];
};
const extensions = (node: LintNode): LintNode[] => {
  const ext = node.get('extensionElements') as LintNode | undefined;
  return ext ? values(ext, 'values') : [];
};
/** Where the Camunda 7 properties panel edits a property (its entry id). */
const at = (entryId: string) => ({ propertiesPanel: { entryIds: [entryId] } });
const isExpression = (s: string): boolean => /^\s*[$#]\{[\s\S]*\}\s*$/.test(s) || /[$#]\{/.test(s);
/** ISO-8601 date, duration or repetition as Camunda 7 timers take them. */
const isStaticTime = (s: string): boolean =>
  /^(R\d*\/)?(P[0-9YMWDTHS.,]+|\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)(\/P[0-9YMWDTHS.,]+)?$/.test(s);

/** Our rules (bpmnlint form, plugin name `plusflow`); `formIds` are the forms deployed with the diagram (its module). */
export function plusflowRules(formIds?: ReadonlySet<string>): Record<string, PlusflowRule> {
  return {
    'history-time-to-live': () => ({
      check(node, reporter) {
        if (node.$type === 'bpmn:Process' && node.get('isExecutable') && !str(node, 'camunda:historyTimeToLive')) {
          reporter.report(
            node.id,
            'Process needs camunda:historyTimeToLive (e.g. P1825D) so its history is cleaned up',
            at('historyTimeToLive'),
          );
        }
      },
    }),
    'external-task-topic': () => ({
      check(node, reporter) {
        const task = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'].some((t) => node.$instanceOf(t));
        if (task) {
          if (node.$instanceOf('bpmn:BusinessRuleTask') && str(node, 'camunda:decisionRef')) return;
          if (str(node, 'camunda:type') !== 'external')
            reporter.report(
              node.id,
              'Task needs camunda:type="external" and a topic: PLUS Flow workers do all service work',
              at('implementationType'),
            );
          else if (!str(node, 'camunda:topic'))
            reporter.report(node.id, 'External task needs a camunda:topic', at('externalTopic'));
        }
        if (
          node.$instanceOf('bpmn:MessageEventDefinition') &&
          str(node, 'camunda:type') === 'external' &&
          !str(node, 'camunda:topic')
        ) {
          reporter.report(node.id, 'External message event needs a camunda:topic');
        }
      },
    }),
    'user-task-assignment': () => ({
      check(node, reporter) {
        if (!node.$instanceOf('bpmn:UserTask')) return;
        if (
          !str(node, 'camunda:candidateGroups') &&
          !str(node, 'camunda:assignee') &&
          !str(node, 'camunda:candidateUsers')
        ) {
          reporter.report(
            node.id,
            'User task needs camunda:candidateGroups (or an assignee): nobody would see it in an inbox',
            at('candidateGroups'),
          );
        }
      },
    }),
    'user-task-form': () => ({
      check(node, reporter) {
        if (!node.$instanceOf('bpmn:UserTask')) return;
        const ref = str(node, 'camunda:formRef');
        if (!ref) {
          reporter.report(node.id, 'User task needs camunda:formRef to a form deployed with it', at('formType'));
          return;
        }
        if (str(node, 'camunda:formRefBinding') !== 'deployment')
          reporter.report(
            node.id,
            'camunda:formRefBinding should be "deployment": forms are deployed with their process',
            at('formRefBinding'),
          );
        if (formIds && !isExpression(ref) && !formIds.has(ref))
          reporter.report(node.id, `Form "${ref}" is not among the forms deployed with this diagram`, at('formRef'));
      },
    }),
    'timer-expression': () => ({
      check(node, reporter) {
        if (!node.$instanceOf('bpmn:TimerEventDefinition')) return;
        for (const prop of ['timeDuration', 'timeCycle', 'timeDate']) {
          const expr = node.get(prop) as LintNode | undefined;
          if (!expr) continue;
          const body = str(expr, 'body');
          if (!isExpression(body) && !isStaticTime(body))
            reporter.report(
              node.id,
              `${prop} "${body}" is neither a JUEL expression \${…} nor an ISO-8601 value`,
              at('timerEventDefinitionValue'),
            );
        }
      },
    }),
    'script-format': () => ({
      check(node, reporter) {
        const format = node.$instanceOf('bpmn:ScriptTask') ? str(node, 'scriptFormat') : null;
        if (format !== null && !['feel', 'juel'].includes(format.toLowerCase())) {
          reporter.report(
            node.id,
            `script format "${format}" has no script engine in our engine (use feel)`,
            at('scriptFormat'),
          );
        }
        for (const e of extensions(node)) {
          if (e.$type !== 'camunda:InputOutput') continue;
          for (const p of [...values(e, 'inputParameters'), ...values(e, 'outputParameters')]) {
            const def = p.get('definition') as LintNode | undefined;
            if (def?.$type === 'camunda:Script' && !['feel', 'juel'].includes(str(def, 'scriptFormat').toLowerCase())) {
              reporter.report(
                node.id,
                `mapping "${str(p, 'name')}": script format "${str(def, 'scriptFormat')}" has no script engine in our engine (use feel)`,
              );
            }
          }
        }
        if (node.$instanceOf('bpmn:FormalExpression') && str(node, 'body').startsWith('=')) {
          reporter.report(
            node.id,
            `expression "${str(node, 'body')}" is Camunda 8 FEEL ("=…"); use language="feel" without "=" or JUEL \${…}`,
          );
        }
      },
    }),
    'call-activity-business-key': () => ({
      check(node, reporter) {
        if (!node.$instanceOf('bpmn:CallActivity')) return;
        if (!extensions(node).some((e) => e.$type === 'camunda:In' && str(e, 'businessKey'))) {
          reporter.report(
            node.id,
            'Call activity should pass the business key on (<camunda:in businessKey="#{execution.processBusinessKey}"/>): messages are correlated by it',
            at('calledElementBusinessKey'),
          );
        }
      },
    }),
  };
}

/** Our rules as a bpmnlint plugin for @camunda/linting, every rule an error. */
export function plusflowLintPlugin(formIds?: ReadonlySet<string>): LintPlugin {
  const rules = plusflowRules(formIds);
  return {
    config: { rules: Object.fromEntries(Object.keys(rules).map((r) => [`plusflow/${r}`, 'error'])) },
    resolver: {
      resolveRule(pkg, ruleName) {
        const rule = pkg === 'bpmnlint-plugin-plusflow' ? rules[ruleName] : undefined;
        if (!rule) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
        return rule;
      },
      resolveConfig(pkg, name) {
        throw new Error(`unknown config <${pkg}/${name}>`);
      },
    },
  };
}
