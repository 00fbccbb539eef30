import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requireBundled } from './bundle';
import { ZEEBE_NS } from './convert';

/**
 * Lint for Camunda 7 (Operaton) diagrams: @camunda/linting's rules for the platform (`type: 'platform'`, what the
 * desktop and web modelers show) plus our own bpmnlint rules for what the engine needs and its 7.x rules leave out
 * (a missing topic is not flagged there). @camunda/linting is loaded bundled (bundle.ts).
 */

export interface LintReport {
  id: string;
  message: string;
  rule: string;
  category: string;
}

interface LintNode {
  $type: string;
  $attrs?: Record<string, string>;
  id?: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
}
interface Reporter {
  report(id: string | undefined, message: string): void;
}
type Rule = () => { check(node: LintNode, reporter: Reporter): void };
interface CamundaLinter {
  lint(xml: string): Promise<LintReport[]>;
}
type LinterClass = new (options: { modeler: string; type: string; plugins?: unknown[] }) => CamundaLinter;

let linterClass: LinterClass | undefined;

function camundaLinter(): LinterClass {
  linterClass ??= requireBundled<{ Linter: LinterClass }>('@camunda/linting', 'index.js').Linter;
  return linterClass;
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
const isExpression = (s: string): boolean => /^\s*[$#]\{[\s\S]*\}\s*$/.test(s) || /[$#]\{/.test(s);
/** ISO-8601 date, duration or repetition as Camunda 7 timers take them. */
const isStaticTime = (s: string): boolean => /^(R\d*\/)?(P[0-9YMWDTHS.,]+|\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)(\/P[0-9YMWDTHS.,]+)?$/.test(s);

/** Our rules (bpmnlint form, plugin name `plusflow`); `formIds` are the forms deployed with the diagram. */
export function plusflowRules(formIds?: ReadonlySet<string>): Record<string, Rule> {
  return {
    'no-zeebe': () => ({
      check(node, reporter) {
        if (node.$type === 'bpmn:Definitions') {
          for (const [k, v] of Object.entries(node.$attrs ?? {})) if (v === ZEEBE_NS) reporter.report(node.id, `Zeebe namespace ${k} is left; convert the diagram with npm run bpmn:convert`);
        }
        for (const e of extensions(node)) if (e.$type.startsWith('zeebe:')) reporter.report(node.id, `Zeebe extension <${e.$type}> has no effect on Operaton`);
        for (const k of Object.keys(node.$attrs ?? {})) if (k.startsWith('zeebe:')) reporter.report(node.id, `Zeebe attribute ${k} has no effect on Operaton`);
      },
    }),
    'history-time-to-live': () => ({
      check(node, reporter) {
        if (node.$type === 'bpmn:Process' && node.get('isExecutable') && !str(node, 'camunda:historyTimeToLive')) {
          reporter.report(node.id, 'Process needs camunda:historyTimeToLive (e.g. P1825D) so its history is cleaned up');
        }
      },
    }),
    'external-task-topic': () => ({
      check(node, reporter) {
        const task = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'].some((t) => node.$instanceOf(t));
        if (task) {
          if (node.$instanceOf('bpmn:BusinessRuleTask') && str(node, 'camunda:decisionRef')) return;
          if (str(node, 'camunda:type') !== 'external') reporter.report(node.id, 'Task needs camunda:type="external" and a topic: PLUS Flow workers do all service work');
          else if (!str(node, 'camunda:topic')) reporter.report(node.id, 'External task needs a camunda:topic');
        }
        if (node.$instanceOf('bpmn:MessageEventDefinition') && str(node, 'camunda:type') === 'external' && !str(node, 'camunda:topic')) {
          reporter.report(node.id, 'External message event needs a camunda:topic');
        }
      },
    }),
    'user-task-assignment': () => ({
      check(node, reporter) {
        if (!node.$instanceOf('bpmn:UserTask')) return;
        if (!str(node, 'camunda:candidateGroups') && !str(node, 'camunda:assignee') && !str(node, 'camunda:candidateUsers')) {
          reporter.report(node.id, 'User task needs camunda:candidateGroups (or an assignee): nobody would see it in an inbox');
        }
      },
    }),
    'user-task-form': () => ({
      check(node, reporter) {
        if (!node.$instanceOf('bpmn:UserTask')) return;
        const ref = str(node, 'camunda:formRef');
        if (!ref) {
          reporter.report(node.id, 'User task needs camunda:formRef to a form deployed with it');
          return;
        }
        if (str(node, 'camunda:formRefBinding') !== 'deployment') reporter.report(node.id, 'camunda:formRefBinding should be "deployment": forms are deployed with their process');
        if (formIds && !isExpression(ref) && !formIds.has(ref)) reporter.report(node.id, `Form "${ref}" is not among the forms deployed with this diagram`);
      },
    }),
    'timer-expression': () => ({
      check(node, reporter) {
        if (!node.$instanceOf('bpmn:TimerEventDefinition')) return;
        for (const prop of ['timeDuration', 'timeCycle', 'timeDate']) {
          const expr = node.get(prop) as LintNode | undefined;
          if (!expr) continue;
          const body = str(expr, 'body');
          if (!isExpression(body) && !isStaticTime(body)) reporter.report(node.id, `${prop} "${body}" is neither a JUEL expression \${…} nor an ISO-8601 value`);
        }
      },
    }),
    'script-format': () => ({
      check(node, reporter) {
        const format = node.$instanceOf('bpmn:ScriptTask') ? str(node, 'scriptFormat') : null;
        if (format !== null && !['feel', 'juel'].includes(format.toLowerCase())) {
          reporter.report(node.id, `script format "${format}" has no script engine in our engine (use feel)`);
        }
        for (const e of extensions(node)) {
          if (e.$type !== 'camunda:InputOutput') continue;
          for (const p of [...values(e, 'inputParameters'), ...values(e, 'outputParameters')]) {
            const def = p.get('definition') as LintNode | undefined;
            if (def?.$type === 'camunda:Script' && !['feel', 'juel'].includes(str(def, 'scriptFormat').toLowerCase())) {
              reporter.report(node.id, `mapping "${str(p, 'name')}": script format "${str(def, 'scriptFormat')}" has no script engine in our engine (use feel)`);
            }
          }
        }
        if (node.$instanceOf('bpmn:FormalExpression') && str(node, 'body').startsWith('=')) {
          reporter.report(node.id, `expression "${str(node, 'body')}" is Zeebe FEEL ("=…"); use language="feel" without "=" or JUEL \${…}`);
        }
      },
    }),
    'call-activity-business-key': () => ({
      check(node, reporter) {
        if (!node.$instanceOf('bpmn:CallActivity')) return;
        if (!extensions(node).some((e) => e.$type === 'camunda:In' && str(e, 'businessKey'))) {
          reporter.report(node.id, 'Call activity should pass the business key on (<camunda:in businessKey="#{execution.processBusinessKey}"/>): messages are correlated by it');
        }
      },
    }),
  };
}

/** All reports for one diagram; errors are what the engine or our workers cannot live with. */
export async function lintCamunda(xml: string, options: { formIds?: ReadonlySet<string> } = {}): Promise<LintReport[]> {
  const rules = plusflowRules(options.formIds);
  const plugin = {
    config: { rules: Object.fromEntries(Object.keys(rules).map((r) => [`plusflow/${r}`, 'error'])) },
    resolver: {
      resolveRule(pkg: string, ruleName: string): Rule {
        const rule = pkg === 'bpmnlint-plugin-plusflow' ? rules[ruleName] : undefined;
        if (!rule) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
        return rule;
      },
      resolveConfig(pkg: string, name: string): never {
        throw new Error(`unknown config <${pkg}/${name}>`);
      },
    },
  };
  const Linter = camundaLinter();
  return new Linter({ modeler: 'desktop', type: 'platform', plugins: [plugin] }).lint(xml);
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
