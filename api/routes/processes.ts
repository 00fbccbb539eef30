import { z } from '../zod';
import { defineRoute } from '../route';
import { publicProcesses } from '../../processes/registry';

const Name = z.object({ lv: z.string(), en: z.string() });
const ProcessList = z
  .object({
    items: z.array(
      z.object({
        id: z.string().openapi({ description: 'BPMN process id of the module' }),
        role: z.enum(['case', 'shared', 'platform']).openapi({
          description: 'case: cases run on it; shared: a call activity of case processes; platform: technical checks',
        }),
        label: Name.openapi({ description: 'short name for lists and filters' }),
        name: Name.openapi({ description: 'full name from the deployment manifest' }),
        caseKind: z
          .string()
          .nullable()
          .openapi({ description: 'for case processes: the kind its cases carry (processKind of a case)' }),
      }),
    ),
  })
  .openapi('ProcessList');

/** The public part of the process registry (processes/registry.ts): the UI names processes from it. */
export function processRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/api/processes',
      operationId: 'listProcessModules',
      summary: 'The process modules: ids, names, roles and the case kind of each case process',
      tags: ['processes'],
      responses: { 200: { description: 'every active process module', schema: ProcessList } },
      handler: async () => ({ status: 200, body: { items: publicProcesses() } }),
    }),
  ];
}
