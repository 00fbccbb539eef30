import type { ModelDraft, PrismaClient } from '../../prisma/generated/client';
import { loadProcessResources } from '../../processes/catalog';
import { deployModule, moduleOf, recordDeployment, type ModuleDeployment } from '../../processes/deploy';
import { UserFacingError } from '../../platform/errors';
import type { WorkflowEngine } from '../../workflow/port';
import { HttpProblem } from '../problem';

/**
 * The files of a process module as they run now, with one file replaced by an analyst's draft. A task finds its
 * form in its own process version's deployment, so a module is always deployed whole
 * (docs/decisions/0004-operaton-engine.md): each file of the folder as it was deployed last (the modeler may
 * have changed it since the repository's version), the repository's file where nothing is recorded, and the
 * draft on top.
 */
export async function moduleWithDraft(
  prisma: PrismaClient,
  draft: Pick<ModelDraft, 'resourceName' | 'content'>,
): Promise<{ module: string; files: { name: string; content: string }[] }> {
  const module = moduleOf(draft.resourceName);
  const files = new Map<string, string>();
  for (const r of await loadProcessResources(undefined, { includeDrafts: true }))
    if (moduleOf(r.name) === module) files.set(r.name, r.content.toString('utf8'));
  const deployed = await prisma.$queryRaw<{ resource_name: string; content: string }[]>`
    SELECT DISTINCT ON (resource_name) resource_name, content FROM deployed_resource
    WHERE starts_with(resource_name, ${`${module}/`})
    ORDER BY resource_name, deployed_at DESC, version DESC`;
  for (const d of deployed) files.set(d.resource_name, d.content);
  files.set(draft.resourceName, draft.content);
  return {
    module,
    files: [...files].sort(([a], [b]) => a.localeCompare(b)).map(([name, content]) => ({ name, content })),
  };
}

/**
 * Deploys the draft's module. The engine refuses an invalid diagram or form as a whole: that comes back as 422
 * in the engine's words, and nothing was deployed.
 */
export async function deployDraftModule(
  prisma: PrismaClient,
  workflow: WorkflowEngine,
  draft: Pick<ModelDraft, 'resourceName' | 'content'>,
): Promise<ModuleDeployment> {
  const { module, files } = await moduleWithDraft(prisma, draft);
  try {
    return await deployModule(workflow, module, files);
  } catch (err) {
    if (err instanceof UserFacingError) {
      throw new HttpProblem(
        422,
        'The engine refused the deployment',
        `${err.problem.replace(/\s+/g, ' ').trim()} — fix the element it names and deploy again. Nothing was deployed; running instances are unaffected.`,
      );
    }
    throw err;
  }
}

/**
 * Records what the engine versioned (deployed_resource), marks the draft deployed and writes the audit row, in one
 * transaction: the engine's deployment cannot be part of it, but the record and its audit are never apart. Answers
 * the draft's resource as recorded now (its new version), or undefined when the engine versioned nothing new.
 */
export async function recordDraftDeployment(
  prisma: PrismaClient,
  d: ModuleDeployment,
  draft: Pick<ModelDraft, 'id' | 'resourceName'>,
  audit: { actor: string; entityType: string; entityId: string; previousVersion: number | null; ip: string },
): Promise<{ version: number | null }> {
  return prisma.$transaction(async (tx) => {
    await recordDeployment(
      { query: (sql: string, values: unknown[]) => tx.$executeRawUnsafe(sql, ...values) },
      [d],
      audit.actor,
    );
    const process = d.processes.find((p) => p.resourceName === draft.resourceName);
    const formChanged = d.forms.some((f) => f.resourceName === draft.resourceName);
    const key = process
      ? process.processDefinitionKey
      : formChanged
        ? `${d.deploymentKey}:${draft.resourceName}`
        : undefined;
    const recorded = key
      ? await tx.deployedResource.findUnique({ where: { resourceKey: key }, select: { version: true } })
      : null;
    const version = recorded?.version ?? null;
    await tx.modelDraft.update({
      where: { id: draft.id },
      data: { deployedVersion: version ?? audit.previousVersion ?? 0 },
    });
    await tx.auditLog.create({
      data: {
        actor: audit.actor,
        action: 'model.deployed',
        entityType: audit.entityType,
        entityId: audit.entityId,
        details: {
          draftId: draft.id,
          version: version ?? audit.previousVersion,
          previousVersion: audit.previousVersion,
          deploymentKey: d.deploymentKey,
          module: d.module,
          versioned: [
            ...d.processes.map((p) => `${p.resourceName} v${p.version}`),
            ...d.forms.map((f) => f.resourceName),
          ],
        },
        ip: audit.ip,
      },
    });
    return { version };
  });
}
