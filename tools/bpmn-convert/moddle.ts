import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requireBundled } from './bundle';

/** bpmn-moddle with the Zeebe and Camunda 7 extension schemas (bundled for CommonJS: see bundle.ts). */

export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $attrs: Record<string, string>;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  [key: string]: unknown;
}

export interface Moddle {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
  fromXML(xml: string, typeName?: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
  toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
}

type ModdleFactory = (packages: Record<string, unknown>, options?: Record<string, unknown>) => Moddle;

const pkgDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));
const json = (name: string, file: string): unknown => JSON.parse(readFileSync(path.join(pkgDir(name), file), 'utf8'));

let factory: ModdleFactory | undefined;

function bpmnModdle(): ModdleFactory {
  factory ??= requireBundled<{ BpmnModdle: ModdleFactory }>('bpmn-moddle', 'dist/index.js').BpmnModdle;
  return factory;
}

export const camundaSchema = (): unknown => json('camunda-bpmn-moddle', 'resources/camunda.json');
export const zeebeSchema = (): unknown => json('zeebe-bpmn-moddle', 'resources/zeebe.json');

/**
 * A moddle that reads Zeebe diagrams and writes Camunda 7 ones. Both schemas give bpmn:Process and
 * bpmn:FlowElement a `modelerTemplate` attribute, which moddle refuses ("override … not allowed"): the Zeebe side's
 * template types are left out, so its template attributes are read as plain attributes (and reported).
 */
export function conversionModdle(): Moddle {
  const zeebe = zeebeSchema() as { types: { name: string }[] };
  const types = zeebe.types.filter((t) => t.name !== 'TemplateSupported' && t.name !== 'TemplatedRootElement');
  return bpmnModdle()({ zeebe: { ...zeebe, types }, camunda: camundaSchema() });
}

/** A moddle that knows only BPMN and the Camunda 7 extensions (what Operaton and the C7 modeler read). */
export function camundaModdle(): Moddle {
  return bpmnModdle()({ camunda: camundaSchema() });
}
