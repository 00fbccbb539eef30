// Browser packages that ship no types.
declare module 'bpmnlint-plugin-camunda-compat';
declare module 'bpmnlint/rules/start-event-required';
declare module 'bpmn-js-bpmnlint';
