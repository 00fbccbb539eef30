import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkflowEngine } from '../../workflow/port';
import { HttpProblem, PROBLEM_TYPES, ProblemSchema } from '../problem';
import { defineRoute, jsonBytesFor } from '../route';
import { checkXmlSafety } from '../models/xml-safety';
import { z, DbId, BodyId } from '../zod';
import { migrationPreview } from '../models/migration';
import { deployDraftModule, recordDraftDeployment } from '../models/deploy';

/**
 * The analyst's models (docs/modeler.md): the deployed diagrams and forms, drafts kept in PostgreSQL with every
 * save and its author, and deployment of a draft as a new version. The engine is the judge of validity: its
 * refusal comes back to the analyst in its own words, with the element it names. Only analysts save and deploy
 * (`models:edit`); every deployment is audited. Running instances stay on their version.
 */
const Kind = z.enum(['BPMN', 'FORM']);
const Id = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a process or form id');

/** A diagram or form of a draft: the largest deployed diagram is about 250,000 characters. */
const MAX_DRAFT_CHARS = 1_000_000;

const Draft = z.object({ id: z.number().int(), author: z.string(), savedAt: z.string(), note: z.string().nullable(), basedOnVersion: z.number().int().nullable(), deployedVersion: z.number().int().nullable() });

/** The process id a BPMN file declares (the first executable process). */
function processIdOf(xml: string): string | undefined {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true }).parse(xml) as { definitions?: { process?: { id?: string } | { id?: string }[] } };
  const p = doc.definitions?.process;
  return (Array.isArray(p) ? p[0] : p)?.id;
}

function checkContent(kind: 'BPMN' | 'FORM', id: string, content: string): void {
  if (kind === 'BPMN') {
    checkXmlSafety(content);
    let valid: ReturnType<typeof XMLValidator.validate>;
    let pid: string | undefined;
    try {
      valid = XMLValidator.validate(content);
      if (valid === true) pid = processIdOf(content);
    } catch (err) {
      // The parser's own limits (whatever got past the checks above) are the diagram's fault, not ours.
      throw new HttpProblem(422, 'Not a valid diagram', `The diagram could not be read as XML (${(err as Error).message}). Nothing was saved.`, { type: PROBLEM_TYPES.validation });
    }
    if (valid !== true) throw new HttpProblem(422, 'Not a valid diagram', `The diagram is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}). Nothing was saved.`, { type: PROBLEM_TYPES.validation });
    if (pid !== id) throw new HttpProblem(422, 'Wrong process id', `The diagram declares process "${pid ?? 'none'}", not "${id}". Keep the process id; create a new process instead of renaming one.`);
  } else {
    let form: { id?: unknown; components?: unknown };
    try {
      form = JSON.parse(content) as typeof form;
    } catch (err) {
      throw new HttpProblem(422, 'Not a valid form', `The form is not valid JSON (${(err as Error).message}). Nothing was saved.`);
    }
    if (form === null || typeof form !== 'object' || form.id !== id || !Array.isArray(form.components)) throw new HttpProblem(422, 'Not a valid form', `The form must keep its id "${id}" and have a list of components.`);
  }
}

const modelNotFound = (kind: 'BPMN' | 'FORM', id: string) =>
  new HttpProblem(404, 'Model not found', `There is no deployed ${kind === 'BPMN' ? 'process' : 'form'} "${id}". GET /api/models lists the deployed processes and forms.`);

export function modelRoutes(deps: { prisma: PrismaClient; workflow: WorkflowEngine }) {
  const { prisma, workflow } = deps;
  const latestDeployed = (kind: string, id: string) => prisma.deployedResource.findFirst({ where: { kind, resourceId: id }, orderBy: { version: 'desc' } });

  return [
    defineRoute({
      method: 'get', path: '/api/models', operationId: 'listModels', tags: ['models'], access: 'models:edit',
      summary: 'Deployed diagrams and forms (latest version each), with their newest draft',
      responses: { 200: { description: 'models', schema: z.object({ items: z.array(z.object({ kind: Kind, id: z.string(), version: z.number().int(), resourceName: z.string(), deployedAt: z.string(), source: z.string(), latestDraft: Draft.nullable() })) }) } },
      handler: async () => {
        const rows = await prisma.$queryRaw<{ kind: 'BPMN' | 'FORM'; resource_id: string; version: number; resource_name: string; deployed_at: Date; source: string }[]>`
          SELECT DISTINCT ON (kind, resource_id) kind, resource_id, version, resource_name, deployed_at, source FROM deployed_resource ORDER BY kind, resource_id, version DESC`;
        const drafts = await prisma.$queryRaw<{ kind: string; resource_id: string; id: number; author: string; saved_at: Date; note: string | null; based_on_version: number | null; deployed_version: number | null }[]>`
          SELECT DISTINCT ON (kind, resource_id) kind, resource_id, id, author, saved_at, note, based_on_version, deployed_version FROM model_draft ORDER BY kind, resource_id, saved_at DESC`;
        return {
          status: 200,
          body: {
            items: rows.map((r) => {
              const d = drafts.find((x) => x.kind === r.kind && x.resource_id === r.resource_id);
              return { kind: r.kind, id: r.resource_id, version: r.version, resourceName: r.resource_name, deployedAt: r.deployed_at.toISOString(), source: r.source, latestDraft: d ? { id: d.id, author: d.author, savedAt: d.saved_at.toISOString(), note: d.note, basedOnVersion: d.based_on_version, deployedVersion: d.deployed_version } : null };
            }),
          },
        };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/models/:kind/:id', operationId: 'getModel', tags: ['models'], access: 'models:edit',
      summary: 'A model: the deployed version’s content, the newest draft’s content, and the history of drafts and versions',
      params: z.object({ kind: Kind, id: Id }),
      responses: {
        200: { description: 'the model', schema: z.object({ kind: Kind, id: z.string(), resourceName: z.string(), deployed: z.object({ version: z.number().int(), content: z.string(), deployedAt: z.string(), source: z.string(), deployedBy: z.string().nullable() }), draft: Draft.extend({ content: z.string() }).nullable(), drafts: z.array(Draft), versions: z.array(z.object({ version: z.number().int(), deployedAt: z.string(), source: z.string(), deployedBy: z.string().nullable() })) }) },
        404: { description: 'no such model', schema: ProblemSchema },
      },
      handler: async ({ params }) => {
        const deployed = await latestDeployed(params.kind, params.id);
        if (!deployed) throw modelNotFound(params.kind, params.id);
        const [drafts, versions] = await Promise.all([
          prisma.modelDraft.findMany({ where: { kind: params.kind, resourceId: params.id }, orderBy: { savedAt: 'desc' }, take: 50 }),
          prisma.deployedResource.findMany({ where: { kind: params.kind, resourceId: params.id }, orderBy: { version: 'desc' }, select: { version: true, deployedAt: true, source: true, deployedBy: true } }),
        ]);
        const summary = (d: (typeof drafts)[number]) => ({ id: d.id, author: d.author, savedAt: d.savedAt.toISOString(), note: d.note, basedOnVersion: d.basedOnVersion, deployedVersion: d.deployedVersion });
        const newest = drafts[0];
        return {
          status: 200,
          body: {
            kind: params.kind,
            id: params.id,
            resourceName: deployed.resourceName,
            deployed: { version: deployed.version, content: deployed.content, deployedAt: deployed.deployedAt.toISOString(), source: deployed.source, deployedBy: deployed.deployedBy },
            // A draft already deployed is history, not work in progress.
            draft: newest && newest.deployedVersion === null ? { ...summary(newest), content: newest.content } : null,
            drafts: drafts.map(summary),
            versions: versions.map((v) => ({ version: v.version, deployedAt: v.deployedAt.toISOString(), source: v.source, deployedBy: v.deployedBy })),
          },
        };
      },
    }),
    defineRoute({
      method: 'post', path: '/api/models/:kind/:id/drafts', operationId: 'saveModelDraft', tags: ['models'], access: 'models:edit',
      summary: 'Save the diagram or form as a draft (every save is kept, with its author)',
      params: z.object({ kind: Kind, id: Id }),
      body: z.strictObject({ content: z.string().min(20).max(MAX_DRAFT_CHARS), note: z.string().max(500).optional() }),
      bodyLimit: jsonBytesFor(MAX_DRAFT_CHARS + 500),
      responses: { 201: { description: 'saved', schema: Draft }, 404: { description: 'no such model', schema: ProblemSchema } },
      handler: async ({ actor, params, body }) => {
        const deployed = await latestDeployed(params.kind, params.id);
        if (!deployed) throw modelNotFound(params.kind, params.id);
        checkContent(params.kind, params.id, body.content);
        const d = await prisma.modelDraft.create({ data: { kind: params.kind, resourceId: params.id, resourceName: deployed.resourceName, content: body.content, basedOnVersion: deployed.version, note: body.note ?? null, author: actor.username } });
        return { status: 201, body: { id: d.id, author: d.author, savedAt: d.savedAt.toISOString(), note: d.note, basedOnVersion: d.basedOnVersion, deployedVersion: null } };
      },
    }),
    defineRoute({
      method: 'post', path: '/api/models/:kind/:id/deploy', operationId: 'deployModelDraft', tags: ['models'], access: 'models:edit',
      summary: 'Deploy a draft as a new version; running instances stay on theirs, new ones start on it',
      params: z.object({ kind: Kind, id: Id }),
      body: z.strictObject({ draftId: BodyId() }),
      responses: {
        200: { description: 'deployed', schema: z.object({ version: z.number().int(), previousVersion: z.number().int(), deploymentKey: z.string() }) },
        404: { description: 'no such draft', schema: ProblemSchema },
        409: { description: 'the draft is based on an older version than the deployed one', schema: ProblemSchema },
        422: { description: 'the engine refused the diagram or form; `detail` says why', schema: ProblemSchema },
      },
      handler: async ({ actor, params, body, ctx }) => {
        const draft = await prisma.modelDraft.findFirst({ where: { id: body.draftId, kind: params.kind, resourceId: params.id } });
        if (!draft) throw new HttpProblem(404, 'Draft not found', `There is no draft ${body.draftId} of ${params.id}.`);
        const deployed = await latestDeployed(params.kind, params.id);
        if (deployed && draft.basedOnVersion !== null && draft.basedOnVersion < deployed.version && deployed.content !== draft.content) {
          throw new HttpProblem(409, 'Newer version deployed meanwhile', `Version ${deployed.version} was deployed after this draft was started from version ${draft.basedOnVersion}. Open the model again, compare, and save your change on top of version ${deployed.version}.`);
        }
        // The whole module goes to the engine (a task finds its form in its own deployment); then what the
        // engine versioned is recorded together with the audit row.
        const d = await deployDraftModule(prisma, workflow, draft);
        const previousVersion = deployed?.version ?? null;
        const recorded = await recordDraftDeployment(prisma, d, draft, { actor: actor.username, entityType: params.kind === 'BPMN' ? 'process' : 'form', entityId: params.id, previousVersion, ip: ctx.ip });
        // Unchanged since the last deployment: the engine versioned nothing, the deployed version stays.
        const version = recorded.version ?? previousVersion ?? 0;
        return { status: 200, body: { version, previousVersion: previousVersion ?? 0, deploymentKey: d.deploymentKey } };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/models/BPMN/:id/migration', operationId: 'previewMigration', tags: ['models'], access: 'models:edit',
      summary: 'Preview: which running instances of a version can move to another (by default the latest), and where each waits',
      params: z.object({ id: Id }),
      query: z.object({ from: DbId(), to: DbId().optional() }),
      responses: { 200: { description: 'the preview', schema: MigrationPreviewSchema }, 404: { description: 'no such version', schema: ProblemSchema } },
      handler: async ({ params, query }) => {
        const found = await migrationPreview(prisma, workflow, params.id, query.from, query.to);
        if (!found) throw new HttpProblem(404, 'Version not found', `Process ${params.id} has no version ${query.from}${query.to ? ` or ${query.to}` : ''}.`);
        return { status: 200, body: found.preview };
      },
    }),
    defineRoute({
      method: 'post', path: '/api/models/BPMN/:id/migration', operationId: 'migrateInstances', tags: ['models'], access: 'models:edit',
      summary: 'Move the migratable running instances of a version to another; the engine may refuse single instances (reported with its reason)',
      params: z.object({ id: Id }),
      body: z.strictObject({ from: BodyId(), to: BodyId(), reason: z.string().trim().min(10).max(1000) }),
      responses: { 200: { description: 'per instance', schema: z.object({ migrated: z.array(z.string()), refused: z.array(z.object({ key: z.string(), reason: z.string() })), skipped: z.array(z.string()) }) }, 404: { description: 'no such version', schema: ProblemSchema } },
      handler: async ({ actor, params, body, ctx }) => {
        const found = await migrationPreview(prisma, workflow, params.id, body.from, body.to);
        if (!found) throw new HttpProblem(404, 'Version not found', `Process ${params.id} has no version ${body.from} or ${body.to}.`);
        const { preview, plan } = found;
        const movable = preview.instances.filter((x) => x.migratable).map((x) => x.key);
        // One answer per instance: the engine may refuse single instances (its reason is kept).
        const result = movable.length ? await workflow.migrate(plan, movable) : { migrated: [], refused: [] };
        const migrated = result.migrated;
        const refused = result.refused.map((r) => ({ key: r.instanceId, reason: r.reason }));
        await prisma.auditLog.create({ data: { actor: actor.username, action: 'process.migrated', entityType: 'process', entityId: params.id, details: { from: preview.from.version, to: preview.to.version, reason: body.reason, migrated, refused }, ip: ctx.ip } });
        return { status: 200, body: { migrated, refused, skipped: preview.instances.filter((x) => !x.migratable).map((x) => x.key) } };
      },
    }),
  ];
}

const MigrationPreviewSchema = z
  .object({
    process: z.string(),
    from: z.object({ version: z.number().int(), key: z.string() }),
    to: z.object({ version: z.number().int(), key: z.string() }),
    instances: z.array(z.object({ key: z.string(), caseNumber: z.string().nullable(), waitingIn: z.array(z.string()), missingInTarget: z.array(z.string()), migratable: z.boolean() })),
    problems: z.array(z.object({ elementId: z.string().nullable(), reason: z.string() })).openapi({ description: 'what the engine cannot map from the source to the target version, in its words' }),
  })
  .openapi('MigrationPreview');
