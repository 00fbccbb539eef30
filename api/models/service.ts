import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkflowEngine } from '../../workflow/port';
import { HttpProblem, PROBLEM_TYPES } from '../problem';
import { checkXmlSafety } from './xml-safety';
import { deployDraftModule, recordDraftDeployment } from './deploy';
import { migrationPreview, type MigrationPreview } from './migration';

/**
 * The analyst's models as use cases (docs/modeler.md): list, read, save a draft, deploy a draft, preview and run a
 * migration. The routes (api/routes/models.ts) only translate HTTP; refusals are HttpProblems with the reason.
 */
export type ModelKind = 'BPMN' | 'FORM';

export interface DraftSummary {
  id: number;
  author: string;
  savedAt: string;
  note: string | null;
  basedOnVersion: number | null;
  deployedVersion: number | null;
}

const noun = (kind: ModelKind) => (kind === 'BPMN' ? 'process' : 'form');

/** The process id a BPMN file declares (the first executable process). */
function processIdOf(xml: string): string | undefined {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true }).parse(xml) as {
    definitions?: { process?: { id?: string } | { id?: string }[] };
  };
  const p = doc.definitions?.process;
  return (Array.isArray(p) ? p[0] : p)?.id;
}

function checkContent(kind: ModelKind, id: string, content: string): void {
  if (kind === 'BPMN') {
    checkXmlSafety(content);
    let valid: ReturnType<typeof XMLValidator.validate>;
    let pid: string | undefined;
    try {
      valid = XMLValidator.validate(content);
      if (valid === true) pid = processIdOf(content);
    } catch (err) {
      // The parser's own limits (whatever got past the checks above) are the diagram's fault, not ours.
      throw new HttpProblem(
        422,
        'Not a valid diagram',
        `The diagram could not be read as XML (${(err as Error).message}). Nothing was saved.`,
        { type: PROBLEM_TYPES.validation },
      );
    }
    if (valid !== true)
      throw new HttpProblem(
        422,
        'Not a valid diagram',
        `The diagram is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}). Nothing was saved.`,
        { type: PROBLEM_TYPES.validation },
      );
    if (pid !== id)
      throw new HttpProblem(
        422,
        'Wrong process id',
        `The diagram declares process "${pid ?? 'none'}", not "${id}". Keep the process id; create a new process instead of renaming one.`,
      );
  } else {
    let form: { id?: unknown; components?: unknown };
    try {
      form = JSON.parse(content) as typeof form;
    } catch (err) {
      throw new HttpProblem(
        422,
        'Not a valid form',
        `The form is not valid JSON (${(err as Error).message}). Nothing was saved.`,
      );
    }
    if (form === null || typeof form !== 'object' || form.id !== id || !Array.isArray(form.components))
      throw new HttpProblem(
        422,
        'Not a valid form',
        `The form must keep its id "${id}" and have a list of components.`,
      );
  }
}

export function modelService(deps: { prisma: PrismaClient; workflow: WorkflowEngine }) {
  const { prisma, workflow } = deps;
  const latestDeployed = (kind: string, id: string) =>
    prisma.deployedResource.findFirst({ where: { kind, resourceId: id }, orderBy: { version: 'desc' } });
  const deployedOrFail = async (kind: ModelKind, id: string) => {
    const deployed = await latestDeployed(kind, id);
    if (!deployed)
      throw new HttpProblem(
        404,
        'Model not found',
        `No ${noun(kind)} "${id}" has been deployed; the list of models (GET /api/models) names every deployed one.`,
      );
    return deployed;
  };

  return {
    /** Deployed diagrams and forms (latest version each), with their newest draft. */
    async list() {
      const rows = await prisma.$queryRaw<
        {
          kind: ModelKind;
          resource_id: string;
          version: number;
          resource_name: string;
          deployed_at: Date;
          source: string;
        }[]
      >`
        SELECT DISTINCT ON (kind, resource_id) kind, resource_id, version, resource_name, deployed_at, source FROM deployed_resource ORDER BY kind, resource_id, version DESC`;
      const drafts = await prisma.$queryRaw<
        {
          kind: string;
          resource_id: string;
          id: number;
          author: string;
          saved_at: Date;
          note: string | null;
          based_on_version: number | null;
          deployed_version: number | null;
        }[]
      >`
        SELECT DISTINCT ON (kind, resource_id) kind, resource_id, id, author, saved_at, note, based_on_version, deployed_version FROM model_draft ORDER BY kind, resource_id, saved_at DESC`;
      return rows.map((r) => {
        const d = drafts.find((x) => x.kind === r.kind && x.resource_id === r.resource_id);
        const latestDraft: DraftSummary | null = d
          ? {
              id: d.id,
              author: d.author,
              savedAt: d.saved_at.toISOString(),
              note: d.note,
              basedOnVersion: d.based_on_version,
              deployedVersion: d.deployed_version,
            }
          : null;
        return {
          kind: r.kind,
          id: r.resource_id,
          version: r.version,
          resourceName: r.resource_name,
          deployedAt: r.deployed_at.toISOString(),
          source: r.source,
          latestDraft,
        };
      });
    },

    /** A model: the deployed version's content, the newest draft's content, and the history of drafts and versions. */
    async get(kind: ModelKind, id: string) {
      const deployed = await deployedOrFail(kind, id);
      const [drafts, versions] = await Promise.all([
        prisma.modelDraft.findMany({ where: { kind, resourceId: id }, orderBy: { savedAt: 'desc' }, take: 50 }),
        prisma.deployedResource.findMany({
          where: { kind, resourceId: id },
          orderBy: { version: 'desc' },
          select: { version: true, deployedAt: true, source: true, deployedBy: true },
        }),
      ]);
      const summary = (d: (typeof drafts)[number]): DraftSummary => ({
        id: d.id,
        author: d.author,
        savedAt: d.savedAt.toISOString(),
        note: d.note,
        basedOnVersion: d.basedOnVersion,
        deployedVersion: d.deployedVersion,
      });
      const newest = drafts[0];
      return {
        kind,
        id,
        resourceName: deployed.resourceName,
        deployed: {
          version: deployed.version,
          content: deployed.content,
          deployedAt: deployed.deployedAt.toISOString(),
          source: deployed.source,
          deployedBy: deployed.deployedBy,
        },
        // A draft already deployed is history, not work in progress.
        draft: newest && newest.deployedVersion === null ? { ...summary(newest), content: newest.content } : null,
        drafts: drafts.map(summary),
        versions: versions.map((v) => ({
          version: v.version,
          deployedAt: v.deployedAt.toISOString(),
          source: v.source,
          deployedBy: v.deployedBy,
        })),
      };
    },

    /** Every save is kept, with its author and the version it started from. */
    async saveDraft(
      author: string,
      kind: ModelKind,
      id: string,
      content: string,
      note: string | undefined,
    ): Promise<DraftSummary> {
      const deployed = await deployedOrFail(kind, id);
      checkContent(kind, id, content);
      const d = await prisma.modelDraft.create({
        data: {
          kind,
          resourceId: id,
          resourceName: deployed.resourceName,
          content,
          basedOnVersion: deployed.version,
          note: note ?? null,
          author,
        },
      });
      return {
        id: d.id,
        author: d.author,
        savedAt: d.savedAt.toISOString(),
        note: d.note,
        basedOnVersion: d.basedOnVersion,
        deployedVersion: null,
      };
    },

    /**
     * Deploy → record → audit as one use case. Everything that can refuse is checked before the engine is asked;
     * the engine's deployment cannot be part of a database transaction, so it comes before any write, and the
     * record (deployed_resource), the draft's mark and the audit row follow in one transaction. So a refusal or an
     * engine failure leaves nothing written, and a database failure after the engine's deployment leaves no part of
     * the record (the engine's new version is then unrecorded: the error names its deployment for the operator).
     */
    async deployDraft(
      actor: string,
      kind: ModelKind,
      id: string,
      draftId: number,
      ip: string,
    ): Promise<{ version: number; previousVersion: number; deploymentKey: string }> {
      const draft = await prisma.modelDraft.findFirst({ where: { id: draftId, kind, resourceId: id } });
      if (!draft) throw new HttpProblem(404, 'Draft not found', `There is no draft ${draftId} of ${id}.`);
      const deployed = await latestDeployed(kind, id);
      if (
        deployed &&
        draft.basedOnVersion !== null &&
        draft.basedOnVersion < deployed.version &&
        deployed.content !== draft.content
      ) {
        throw new HttpProblem(
          409,
          'Newer version deployed meanwhile',
          `Version ${deployed.version} was deployed after this draft was started from version ${draft.basedOnVersion}. Open the model again, compare, and save your change on top of version ${deployed.version}.`,
        );
      }
      // The whole module goes to the engine (a task finds its form in its own deployment).
      const d = await deployDraftModule(prisma, workflow, draft);
      const previousVersion = deployed?.version ?? null;
      let recorded: { version: number | null };
      try {
        recorded = await recordDraftDeployment(prisma, d, draft, {
          actor,
          entityType: noun(kind),
          entityId: id,
          previousVersion,
          ip,
        });
      } catch (err) {
        throw new Error(
          `the engine deployed ${d.module} as deployment ${d.deploymentKey}, but recording it failed (nothing of it was recorded): ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
      // Unchanged since the last deployment: the engine versioned nothing, the deployed version stays.
      const version = recorded.version ?? previousVersion ?? 0;
      return { version, previousVersion: previousVersion ?? 0, deploymentKey: d.deploymentKey };
    },

    /** Which running instances of a version can move to another (by default the latest), and where each waits. */
    async previewMigration(id: string, from: number, to: number | undefined): Promise<MigrationPreview> {
      const found = await migrationPreview(prisma, workflow, id, from, to);
      if (!found)
        throw new HttpProblem(
          404,
          'Version not found',
          `Process ${id} has no version ${from}${to ? ` or ${to}` : ''}.`,
        );
      return found.preview;
    },

    /** Moves the migratable instances; the engine may refuse single ones (its reason is kept). Audited with the reason. */
    async migrate(actor: string, id: string, m: { from: number; to: number; reason: string }, ip: string) {
      const found = await migrationPreview(prisma, workflow, id, m.from, m.to);
      if (!found) throw new HttpProblem(404, 'Version not found', `Process ${id} has no version ${m.from} or ${m.to}.`);
      const { preview, plan } = found;
      const movable = preview.instances.filter((x) => x.migratable).map((x) => x.key);
      const result = movable.length ? await workflow.migrate(plan, movable) : { migrated: [], refused: [] };
      const migrated = result.migrated;
      const refused = result.refused.map((r) => ({ key: r.instanceId, reason: r.reason }));
      await prisma.auditLog.create({
        data: {
          actor,
          action: 'process.migrated',
          entityType: 'process',
          entityId: id,
          details: { from: preview.from.version, to: preview.to.version, reason: m.reason, migrated, refused },
          ip,
        },
      });
      return { migrated, refused, skipped: preview.instances.filter((x) => !x.migratable).map((x) => x.key) };
    },
  };
}
