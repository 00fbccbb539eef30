import type { PrismaClient } from '../../prisma/generated/client';
import { HttpProblem, ProblemSchema } from '../problem';
import { defineRoute } from '../route';
import { auditView, requireCaseInScope } from '../auth/scope';
import { z, Page, PageSize, DbId } from '../zod';

/** The documents of a case (PDFs generated from the Latvian templates, docs/documents.md). */
const DocumentSummary = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    title: z.string(),
    fileName: z.string(),
    sha256: z.string(),
    templateVersion: z.string(),
    publishedToEmployer: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('Document');

export function documentRoutes(prisma: PrismaClient) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/cases/:caseId/documents',
      operationId: 'listCaseDocuments',
      summary: 'The documents of a case, newest first',
      tags: ['documents'],
      access: 'clients:read',
      params: z.object({ caseId: DbId() }),
      query: z.object({ kind: z.string().max(40).optional(), page: Page(), pageSize: PageSize(50) }),
      responses: {
        200: {
          description: 'one page',
          schema: z.object({
            items: z.array(DocumentSummary),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
        404: { description: 'no such case', schema: ProblemSchema },
      },
      handler: async ({ params, query, actor }) => {
        await requireCaseInScope(prisma, actor, params.caseId, 'clients:read');
        const where = { caseId: params.caseId, ...(query.kind ? { kind: query.kind } : {}) };
        const [rows, total] = await Promise.all([
          prisma.document.findMany({
            where,
            orderBy: { id: 'desc' },
            skip: (query.page - 1) * query.pageSize,
            take: query.pageSize,
            omit: { content: true },
          }),
          prisma.document.count({ where }),
        ]);
        const items = rows.map((d) => ({
          id: d.id,
          kind: d.kind,
          title: d.title,
          fileName: d.fileName,
          sha256: d.sha256,
          templateVersion: d.templateVersion,
          publishedToEmployer: d.publishedToEmployer,
          createdAt: d.createdAt.toISOString(),
          createdBy: d.createdBy,
        }));
        return { status: 200, body: { items, total, page: query.page, pageSize: query.pageSize } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents/:id/content',
      operationId: 'getDocumentContent',
      summary: 'The document itself (PDF)',
      tags: ['documents'],
      access: 'clients:read',
      params: z.object({ id: DbId() }),
      responses: {
        200: { description: 'the PDF', contentType: 'application/pdf' },
        404: { description: 'no such document', schema: ProblemSchema },
      },
      handler: async ({ params, actor, ctx }) => {
        const d = await prisma.document.findUnique({ where: { id: params.id } });
        if (!d)
          throw new HttpProblem(
            404,
            'Document not found',
            `There is no document ${params.id}. Open the case's document list for the current ones.`,
          );
        await requireCaseInScope(prisma, actor, d.caseId, 'clients:read');
        await auditView(prisma, actor, 'document', d.id, ctx.ip, { caseId: d.caseId, kind: d.kind });
        return {
          status: 200,
          body: Buffer.from(d.content) as never,
          headers: {
            'content-disposition': `inline; filename="${d.fileName.replace(/[^\w.-]/g, '_')}"`,
            'x-content-sha256': d.sha256,
          },
        };
      },
    }),
  ];
}
