import { XMLParser } from 'fast-xml-parser';

/** What the rest of the system needs to know about a BPMN file without a full BPMN model. */
export interface ProcessModelIndex {
  processIds: string[];
  jobTypes: string[];
  formIds: string[];
  userTaskIds: string[];
  messageNames: string[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/**
 * Collects process ids, job types (the topics of external tasks), linked form ids (formRef), user tasks and message
 * names from a BPMN document in the Camunda 7 dialect that Operaton executes.
 */
export function indexBpmn(xml: string | Buffer): ProcessModelIndex {
  const doc = parser.parse(xml.toString()) as Record<string, unknown>;
  const index: ProcessModelIndex = { processIds: [], jobTypes: [], formIds: [], userTaskIds: [], messageNames: [] };
  walk(doc, (name, node) => {
    const attr = (k: string) => node[`@${k}`] as string | undefined;
    if (name === 'process' && attr('id')) index.processIds.push(attr('id')!);
    if (attr('type') === 'external' && attr('topic')) index.jobTypes.push(attr('topic')!);
    if (name === 'userTask' && attr('formRef')) index.formIds.push(attr('formRef')!);
    if (name === 'userTask' && attr('id')) index.userTaskIds.push(attr('id')!);
    if (name === 'message' && attr('name')) index.messageNames.push(attr('name')!);
  });
  for (const k of Object.keys(index) as (keyof ProcessModelIndex)[]) index[k] = [...new Set(index[k])].sort();
  return index;
}

function walk(node: unknown, visit: (name: string, node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object') {
        visit(key, child as Record<string, unknown>);
        walk(child, visit);
      }
    }
  }
}
