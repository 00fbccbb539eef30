import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import type { Logger } from 'pino';
import { UserFacingError } from '../platform/errors';
import { loadProcessResources, type ProcessResource } from './catalog';

export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  resourceName: string;
  /** The BPMN XML as deployed (kept for the monitor's diagrams). */
  content: string;
}

export interface DeployedForm {
  formId: string;
  version: number;
  formKey: string;
  resourceName: string;
  /** The form JSON as deployed (kept for the inbox). */
  content: string;
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
  const contentOf = (name: unknown) => all.find((r) => r.name === String(name))?.content.toString('utf8') ?? '';
  for (const d of response.deployments as Record<string, Record<string, unknown> | undefined>[]) {
    if (d.process) {
      const p = d.process;
      processes.push({
        bpmnProcessId: String(p.bpmnProcessId),
        version: Number(p.version),
        processDefinitionKey: String(p.processDefinitionKey),
        resourceName: String(p.resourceName),
        content: contentOf(p.resourceName),
      });
    } else if (d.form) {
      const f = d.form;
      forms.push({ formId: String(f.formId), version: Number(f.version), formKey: String(f.formKey), resourceName: String(f.resourceName), content: contentOf(f.resourceName) });
    }
  }
  log.info(
    { deploymentKey: response.key, processes: processes.map((p) => `${p.bpmnProcessId} v${p.version}`), forms: forms.map((f) => `${f.formId} v${f.version}`) },
    'processes deployed',
  );
  return { deploymentKey: String(response.key), processes, forms };
}

/**
 * Keeps what was deployed, by engine key: the inbox renders a task's form from the version its task links to,
 * the monitor draws an instance on the diagram version it runs. The exported engine records do not carry the
 * resources, so they are recorded here, once per key (a redeployment of an unchanged file returns the same key).
 */
export async function recordDeployment(db: { query(sql: string, params: unknown[]): Promise<unknown> }, summary: DeploymentSummary, by?: string): Promise<void> {
  const rows = [
    ...summary.processes.map((p) => ({ key: p.processDefinitionKey, kind: 'BPMN', id: p.bpmnProcessId, version: p.version, name: p.resourceName, content: p.content })),
    ...summary.forms.map((f) => ({ key: f.formKey, kind: 'FORM', id: f.formId, version: f.version, name: f.resourceName, content: f.content })),
  ];
  for (const r of rows) {
    await db.query(
      `INSERT INTO deployed_resource (resource_key, kind, resource_id, version, resource_name, content, deployment_key, source, deployed_by)
       VALUES ($1::bigint, $2, $3, $4, $5, $6, $7::bigint, $8, $9) ON CONFLICT (resource_key) DO NOTHING`,
      [r.key, r.kind, r.id, r.version, r.name, r.content, summary.deploymentKey, by ? 'MODELER' : 'REPO', by ?? null],
    );
  }
}

/**
 * The repository's files minus those an analyst has since changed in the modeler: when the latest deployed
 * version of a file came from the modeler and the repository's file is one that was deployed before, deploying
 * it again would silently undo the analyst's change. Such files are left out (and logged); a file a developer
 * has changed since is deployed as usual.
 */
export async function withoutModelerOverrides(
  db: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> },
  resources: ProcessResource[],
  log: Logger,
): Promise<ProcessResource[]> {
  const { rows } = await db.query<{ resource_name: string; content: string; source: string; version: number; latest: number }>(
    `SELECT resource_name, content, source, version, max(version) OVER (PARTITION BY kind, resource_id) AS latest FROM deployed_resource`,
  );
  const kept: ProcessResource[] = [];
  for (const r of resources) {
    const mine = rows.filter((x) => x.resource_name === r.name);
    const latest = mine.find((x) => x.version === x.latest);
    const text = r.content.toString('utf8');
    if (latest?.source === 'MODELER' && latest.content !== text && mine.some((x) => x.source === 'REPO' && x.content === text)) {
      log.warn({ resource: r.name, version: latest.version }, 'kept the analyst’s deployed version: the repository file is an older one');
      continue;
    }
    kept.push(r);
  }
  return kept;
}
