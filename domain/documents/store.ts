import type { Prisma } from '../../prisma/generated/client';
import { longDate } from './format';
import { renderPdf, sha256, type OfficialDocument } from './pdf';
import { TEMPLATE_VERSION, type CaseHeader, type DocumentKind } from './templates';

type Tx = Prisma.TransactionClient;

/**
 * Renders and stores a document once per `sourceKey` (e.g. the job's idempotency key plus the kind): a retried
 * job gets the document it made the first time, not a second one.
 */
export async function createDocument(
  tx: Tx,
  input: {
    caseId: number;
    kind: DocumentKind;
    sourceKey: string;
    createdBy: string;
    publishedToEmployer?: boolean;
    fileStem: string;
  },
  build: () => OfficialDocument | Promise<OfficialDocument>,
): Promise<{ id: number; created: boolean }> {
  const existing = await tx.document.findUnique({ where: { sourceKey: input.sourceKey }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const doc = await build();
  const content = await renderPdf(doc);
  const row = await tx.document.create({
    data: {
      caseId: input.caseId,
      kind: input.kind,
      title: doc.title,
      fileName: `${input.fileStem}.pdf`,
      content: new Uint8Array(content),
      sha256: sha256(content),
      templateVersion: TEMPLATE_VERSION,
      sourceKey: input.sourceKey,
      publishedToEmployer: input.publishedToEmployer ?? false,
      createdBy: input.createdBy,
    },
    select: { id: true },
  });
  return { id: row.id, created: true };
}

const ORIGIN_DECISION: Record<string, string> = { TIS: 'spriedums', PROIS: 'priekšraksts par sodu', IEVP: 'spriedums' };

/** The header every template shows, from the case, its client, department and latest ruling. */
export async function caseHeader(tx: Tx, caseId: number, date: Date): Promise<CaseHeader> {
  const c = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { client: true, department: true, rulings: { orderBy: { id: 'desc' }, take: 1 } },
  });
  const ruling = c.rulings[0];
  const decision = ruling
    ? `${ruling.issuer}, ${longDate(ruling.decisionDate)} ${ORIGIN_DECISION[ruling.source] ?? 'nolēmums'}${ruling.decisionNumber ? ` Nr. ${ruling.decisionNumber}` : ''}`
    : 'nolēmums nav piesaistīts';
  return {
    caseNumber: c.caseNumber,
    departmentName: c.department.name,
    clientName: `${c.client.firstName} ${c.client.lastName}`,
    personalCode: c.client.personalCode,
    minor: c.processKind === 'MINORS_PUBLIC_WORK',
    decision,
    sentencedHours: c.sentencedHours ?? 0,
    date,
  };
}
