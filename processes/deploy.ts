import type { Logger } from 'pino';
import { UserFacingError } from '../platform/errors';
import { WorkflowError, type WorkflowEngine } from '../workflow/port';
import { loadProcessResources, type ProcessResource } from './catalog';

export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  /** The engine's id of this process version. */
  processDefinitionKey: string;
  resourceName: string;
  /** The BPMN XML as deployed (kept for the monitor's diagrams). */
  content: string;
}

export interface DeployedForm {
  formId: string;
  resourceName: string;
  /** The form JSON as deployed (kept for the modeler's history). */
  content: string;
}

export interface ModuleDeployment {
  module: string;
  deploymentKey: string;
  processes: DeployedProcess[];
  forms: DeployedForm[];
}

export interface DeploymentSummary {
  modules: ModuleDeployment[];
  /** Every process version deployed anew, over all modules. */
  processes: DeployedProcess[];
}

/** `<module>/<process>.bpmn` → `<module>`: a module is a folder of processes/. */
export const moduleOf = (resourceName: string): string => resourceName.split('/')[0]!;

/**
 * Deploys every process module (its diagrams and forms) as one deployment named after the module. The engine
 * leaves an unchanged module alone and versions a changed one as a whole, so deploying at every start is cheap
 * and a task always finds the form of its own process version (docs/decisions/0004-operaton-engine.md).
 */
export async function deployProcesses(
  engine: WorkflowEngine,
  log: Logger,
  resources?: ProcessResource[],
): Promise<DeploymentSummary> {
  const all = resources ?? (await loadProcessResources());
  if (all.length === 0)
    throw new UserFacingError('No BPMN or form files found under processes/.', 'Check out the repository completely.');
  const byModule = new Map<string, ProcessResource[]>();
  for (const r of all) byModule.set(moduleOf(r.name), [...(byModule.get(moduleOf(r.name)) ?? []), r]);
  const modules: ModuleDeployment[] = [];
  for (const [module, files] of byModule)
    modules.push(
      await deployModule(
        engine,
        module,
        files.map((f) => ({ name: f.name, content: f.content.toString('utf8') })),
      ),
    );
  const processes = modules.flatMap((m) => m.processes);
  log.info(
    {
      processes: processes.map((p) => `${p.bpmnProcessId} v${p.version}`),
      modules: modules.filter((m) => m.processes.length || m.forms.length).map((m) => m.module),
    },
    'processes deployed',
  );
  return { modules, processes };
}

/** One module, all of its files. */
export async function deployModule(
  engine: WorkflowEngine,
  module: string,
  files: { name: string; content: string }[],
): Promise<ModuleDeployment> {
  let d;
  try {
    d = await engine.deploy(module, files);
  } catch (err) {
    if (!(err instanceof WorkflowError) || err.kind !== 'rejected') throw err;
    throw new UserFacingError(
      `The engine rejected the process module ${module}: ${err.detail}`,
      'Fix the diagram or form named in the message and deploy again.',
    );
  }
  const contentOf = (name: string) => files.find((f) => f.name === name)?.content ?? '';
  return {
    module,
    deploymentKey: d.deploymentId,
    processes: d.processes.map((p) => ({
      bpmnProcessId: p.processId,
      version: p.version,
      processDefinitionKey: p.definitionId,
      resourceName: p.resourceName,
      content: contentOf(p.resourceName),
    })),
    forms: d.forms.map((f) => ({ formId: f.formId, resourceName: f.resourceName, content: contentOf(f.resourceName) })),
  };
}

/**
 * Keeps what was deployed: the monitor draws an instance on the diagram version it runs, the modeler shows the
 * history. Processes by the engine's definition id; forms, which have no id of their own in the engine, by
 * deployment and file, numbered here. `db` may be a transaction, so a deployment's record and its audit row
 * (modeler) are written together.
 */
export async function recordDeployment(
  db: { query(sql: string, params: unknown[]): Promise<unknown> },
  modules: ModuleDeployment[],
  by?: string,
): Promise<void> {
  for (const m of modules) {
    const source = by ? 'MODELER' : 'REPO';
    for (const p of m.processes) {
      await db.query(
        `INSERT INTO deployed_resource (resource_key, kind, resource_id, version, resource_name, content, deployment_key, source, deployed_by)
         VALUES ($1, 'BPMN', $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (resource_key) DO NOTHING`,
        [
          p.processDefinitionKey,
          p.bpmnProcessId,
          p.version,
          p.resourceName,
          p.content,
          m.deploymentKey,
          source,
          by ?? null,
        ],
      );
    }
    for (const f of m.forms) {
      await db.query(
        `INSERT INTO deployed_resource (resource_key, kind, resource_id, version, resource_name, content, deployment_key, source, deployed_by)
         VALUES ($1, 'FORM', $2, (SELECT COALESCE(max(version), 0) + 1 FROM deployed_resource WHERE kind = 'FORM' AND resource_id = $2), $3, $4, $5, $6, $7)
         ON CONFLICT (resource_key) DO NOTHING`,
        [
          `${m.deploymentKey}:${f.resourceName}`,
          f.formId,
          f.resourceName,
          f.content,
          m.deploymentKey,
          source,
          by ?? null,
        ],
      );
    }
  }
}

/**
 * The repository's files minus those an analyst has since changed in the modeler: when the latest deployed
 * version of a file came from the modeler and the repository's file is one that was deployed before, deploying
 * it again would silently undo the analyst's change. Such files are replaced by the analyst's deployed version
 * (and logged), so their module deploys as the analyst left it; a file a developer has changed since is deployed
 * as usual.
 */
export async function withoutModelerOverrides(
  db: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> },
  resources: ProcessResource[],
  log: Logger,
): Promise<ProcessResource[]> {
  const { rows } = await db.query<{
    resource_name: string;
    content: string;
    source: string;
    version: number;
    latest: number;
  }>(
    `SELECT resource_name, content, source, version, max(version) OVER (PARTITION BY kind, resource_id) AS latest FROM deployed_resource`,
  );
  return resources.map((r) => {
    const mine = rows.filter((x) => x.resource_name === r.name);
    const latest = mine.find((x) => x.version === x.latest);
    const text = r.content.toString('utf8');
    if (
      latest?.source === 'MODELER' &&
      latest.content !== text &&
      mine.some((x) => x.source === 'REPO' && x.content === text)
    ) {
      log.warn(
        { resource: r.name, version: latest.version },
        'kept the analyst’s deployed version: the repository file is an older one',
      );
      const content = Buffer.from(latest.content, 'utf8');
      return { ...r, content };
    }
    return r;
  });
}
