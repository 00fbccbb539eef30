import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import type { Logger } from 'pino';
import { UserFacingError } from '../platform/errors';
import { loadProcessResources, type ProcessResource } from './catalog';

export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  resourceName: string;
}

export interface DeployedForm {
  formId: string;
  version: number;
  formKey: string;
  resourceName: string;
}

export interface DeploymentSummary {
  deploymentKey: string;
  processes: DeployedProcess[];
  forms: DeployedForm[];
}

/**
 * Deploys every process diagram and form in one atomic deployment. The engine compares each resource with
 * its latest version and creates a new version only for resources that changed, so deploying at every
 * start is cheap and leaves unchanged processes on their version.
 */
export async function deployProcesses(zeebe: ZeebeGrpcClient, log: Logger, resources?: ProcessResource[]): Promise<DeploymentSummary> {
  const all = resources ?? (await loadProcessResources());
  if (all.length === 0) throw new UserFacingError('No BPMN or form files found under processes/.', 'Check out the repository completely.');
  let response;
  try {
    response = await zeebe.deployResources(
      all.map((r) => (r.kind === 'bpmn' ? { name: r.name, process: r.content } : { name: r.name, form: r.content })),
    );
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new UserFacingError(`The engine rejected the deployment of processes/: ${detail}`, 'Fix the diagram or form named in the message and start again.');
  }
  const processes: DeployedProcess[] = [];
  const forms: DeployedForm[] = [];
  for (const d of response.deployments as Record<string, Record<string, unknown> | undefined>[]) {
    if (d.process) {
      const p = d.process;
      processes.push({
        bpmnProcessId: String(p.bpmnProcessId),
        version: Number(p.version),
        processDefinitionKey: String(p.processDefinitionKey),
        resourceName: String(p.resourceName),
      });
    } else if (d.form) {
      const f = d.form;
      forms.push({ formId: String(f.formId), version: Number(f.version), formKey: String(f.formKey), resourceName: String(f.resourceName) });
    }
  }
  log.info(
    { deploymentKey: response.key, processes: processes.map((p) => `${p.bpmnProcessId} v${p.version}`), forms: forms.map((f) => `${f.formId} v${f.version}`) },
    'processes deployed',
  );
  return { deploymentKey: String(response.key), processes, forms };
}
