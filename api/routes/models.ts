import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkflowEngine } from '../../workflow/port';
import { ProblemSchema } from '../problem';
import { defineRoute, jsonBytesFor } from '../route';
import { z, DbId, BodyId } from '../zod';
import { modelService } from '../models/service';

/**
 * The analyst's models (docs/modeler.md): the deployed diagrams and forms, drafts kept in PostgreSQL with every
 * save and its author, and deployment of a draft as a new version. The engine is the judge of validity: its
 * refusal comes back to the analyst in its own words, with the element it names. Only analysts save and deploy
 * (`models:edit`); every deployment is audited. Running instances stay on their version. The use cases are in
 * api/models/service.ts; these routes only translate HTTP.
 */
const Kind = z.enum(['BPMN', 'FORM']);
const Id = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a process or form id');

/** A diagram or form of a draft: the largest deployed diagram is about 250,000 characters. */
const MAX_DRAFT_CHARS = 1_000_000;

const Draft = z.object({
  id: z.number().int(),
  author: z.string(),
  savedAt: z.string(),
  note: z.string().nullable(),
  basedOnVersion: z.number().int().nullable(),
  deployedVersion: z.number().int().nullable(),
});

export function modelRoutes(deps: { prisma: PrismaClient; workflow: WorkflowEngine }) {
  const models = modelService(deps);

  return [
    defineRoute({
      method: 'get',
      path: '/api/models',
      operationId: 'listModels',
      tags: ['models'],
      access: 'models:edit',
      summary: 'Deployed diagrams and forms (latest version each), with their newest draft',
      responses: {
        200: {
          description: 'models',
          schema: z.object({
            items: z.array(
              z.object({
                kind: Kind,
                id: z.string(),
                version: z.number().int(),
                resourceName: z.string(),
                deployedAt: z.string(),
                source: z.string(),
                latestDraft: Draft.nullable(),
              }),
            ),
          }),
        },
      },
      handler: async () => ({ status: 200, body: { items: await models.list() } }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/models/:kind/:id',
      operationId: 'getModel',
      tags: ['models'],
      access: 'models:edit',
      summary:
        'A model: the deployed version’s content, the newest draft’s content, and the history of drafts and versions',
      params: z.object({ kind: Kind, id: Id }),
      responses: {
        200: {
          description: 'the model',
          schema: z.object({
            kind: Kind,
            id: z.string(),
            resourceName: z.string(),
            deployed: z.object({
              version: z.number().int(),
              content: z.string(),
              deployedAt: z.string(),
              source: z.string(),
              deployedBy: z.string().nullable(),
            }),
            draft: Draft.extend({ content: z.string() }).nullable(),
            drafts: z.array(Draft),
            versions: z.array(
              z.object({
                version: z.number().int(),
                deployedAt: z.string(),
                source: z.string(),
                deployedBy: z.string().nullable(),
              }),
            ),
          }),
        },
        404: { description: 'no such model', schema: ProblemSchema },
      },
      handler: async ({ params }) => ({ status: 200, body: await models.get(params.kind, params.id) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/models/:kind/:id/drafts',
      operationId: 'saveModelDraft',
      tags: ['models'],
      access: 'models:edit',
      summary: 'Save the diagram or form as a draft (every save is kept, with its author)',
      params: z.object({ kind: Kind, id: Id }),
      body: z.strictObject({ content: z.string().min(20).max(MAX_DRAFT_CHARS), note: z.string().max(500).optional() }),
      bodyLimit: jsonBytesFor(MAX_DRAFT_CHARS + 500),
      responses: {
        201: { description: 'saved', schema: Draft },
        404: { description: 'no such model', schema: ProblemSchema },
      },
      handler: async ({ actor, params, body }) => ({
        status: 201,
        body: await models.saveDraft(actor.username, params.kind, params.id, body.content, body.note),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/models/:kind/:id/deploy',
      operationId: 'deployModelDraft',
      tags: ['models'],
      access: 'models:edit',
      summary: 'Deploy a draft as a new version; running instances stay on theirs, new ones start on it',
      params: z.object({ kind: Kind, id: Id }),
      body: z.strictObject({ draftId: BodyId() }),
      responses: {
        200: {
          description: 'deployed',
          schema: z.object({ version: z.number().int(), previousVersion: z.number().int(), deploymentKey: z.string() }),
        },
        404: { description: 'no such draft', schema: ProblemSchema },
        409: { description: 'the draft is based on an older version than the deployed one', schema: ProblemSchema },
        422: { description: 'the engine refused the diagram or form; `detail` says why', schema: ProblemSchema },
      },
      handler: async ({ actor, params, body, ctx }) => ({
        status: 200,
        body: await models.deployDraft(actor.username, params.kind, params.id, body.draftId, ctx.ip),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/models/BPMN/:id/migration',
      operationId: 'previewMigration',
      tags: ['models'],
      access: 'models:edit',
      summary:
        'Preview: which running instances of a version can move to another (by default the latest), and where each waits',
      params: z.object({ id: Id }),
      query: z.object({ from: DbId(), to: DbId().optional() }),
      responses: {
        200: { description: 'the preview', schema: MigrationPreviewSchema },
        404: { description: 'no such version', schema: ProblemSchema },
      },
      handler: async ({ params, query }) => ({
        status: 200,
        body: await models.previewMigration(params.id, query.from, query.to),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/models/BPMN/:id/migration',
      operationId: 'migrateInstances',
      tags: ['models'],
      access: 'models:edit',
      summary:
        'Move the migratable running instances of a version to another; the engine may refuse single instances (reported with its reason)',
      params: z.object({ id: Id }),
      body: z.strictObject({ from: BodyId(), to: BodyId(), reason: z.string().trim().min(10).max(1000) }),
      responses: {
        200: {
          description: 'per instance',
          schema: z.object({
            migrated: z.array(z.string()),
            refused: z.array(z.object({ key: z.string(), reason: z.string() })),
            skipped: z.array(z.string()),
          }),
        },
        404: { description: 'no such version', schema: ProblemSchema },
      },
      handler: async ({ actor, params, body, ctx }) => ({
        status: 200,
        body: await models.migrate(actor.username, params.id, body, ctx.ip),
      }),
    }),
  ];
}

const MigrationPreviewSchema = z
  .object({
    process: z.string(),
    from: z.object({ version: z.number().int(), key: z.string() }),
    to: z.object({ version: z.number().int(), key: z.string() }),
    instances: z.array(
      z.object({
        key: z.string(),
        caseNumber: z.string().nullable(),
        waitingIn: z.array(z.string()),
        missingInTarget: z.array(z.string()),
        migratable: z.boolean(),
      }),
    ),
    problems: z
      .array(z.object({ elementId: z.string().nullable(), reason: z.string() }))
      .openapi({ description: 'what the engine cannot map from the source to the target version, in its words' }),
  })
  .openapi('MigrationPreview');
