import camundaCompat from 'bpmnlint-plugin-camunda-compat';
import startEventRequired from 'bpmnlint/rules/start-event-required';

/**
 * Camunda's own lint rules for the engine version we run (camunda-compat, "camunda-cloud-8-6"), packed for the
 * browser the way bpmnlint-pack-config would: the rule modules are bundled by vite and a resolver hands them to
 * bpmnlint. The modeler shows their findings on the diagram as the analyst edits.
 */
const RULES_DIR = '../../../node_modules/bpmnlint-plugin-camunda-compat/';
const modules = import.meta.glob('../../../node_modules/bpmnlint-plugin-camunda-compat/rules/camunda-cloud/**/*.js', { eager: true, import: 'default' }) as Record<string, unknown>;
const plugin = camundaCompat as unknown as { rules: Record<string, string>; configs: Record<string, unknown> };

export const ENGINE_LINT_PROFILE = 'camunda-cloud-8-6';

export const bpmnlintConfig = {
  config: { extends: `plugin:camunda-compat/${ENGINE_LINT_PROFILE}` },
  resolver: {
    resolveRule(pkg: string, ruleName: string): unknown {
      if (pkg === 'bpmnlint' && ruleName === 'start-event-required') return startEventRequired;
      const path = plugin.rules[ruleName];
      if (pkg !== 'bpmnlint-plugin-camunda-compat' || !path) throw new Error(`unknown lint rule ${pkg}/${ruleName}`);
      const base = RULES_DIR + path.replace(/^\.\//, '');
      const rule = modules[`${base}.js`] ?? modules[`${base}/index.js`];
      if (!rule) throw new Error(`lint rule ${ruleName} is not bundled`);
      return rule;
    },
    resolveConfig(pkg: string, configName: string): unknown {
      if (pkg === 'bpmnlint-plugin-camunda-compat' && plugin.configs[configName]) return plugin.configs[configName];
      throw new Error(`unknown lint config ${pkg}/${configName}`);
    },
  },
};
