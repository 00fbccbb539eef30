import { z } from 'zod';
import { caseHeader, createDocument, templates } from '../../domain/documents';
import { PermanentIntegrationError, TransientIntegrationError } from '../../integrations';
import { ProisExecutionNoticeSchema } from '../../integrations/prois/schema';
import { TisExecutionNoticeSchema } from '../../integrations/tis/schema';
import { SYSTEM_ACTOR, caseInput, hoursWorked, idString, round1 } from './common';
import { BpmnError, defineJobWorker } from '../framework/definition';
import { once } from '../framework/idempotency';

/**
 * Notice to court or prosecutor (shared call activity): the execution notices to the court (TIS) or the prosecutor (ProIS). `prepare` writes the
 * exact body into court_notice (keyed by noticeKey: one notice per case and kind); `send` posts that body with
 * an Idempotency-Key of the notice key and its revision, so a retried job is answered from the counterpart's
 * memory instead of registering a second notice. A RESEND after a rejection is a new revision.
 */
const NOTICE_TYPES = [
  'EXECUTION_STARTED',
  'EXECUTION_COMPLETED',
  'SENTENCE_CONVERSION_REQUEST',
  'MEASURE_CHANGE_REQUEST',
] as const;
const KIND = {
  EXECUTION_STARTED: 'START',
  EXECUTION_COMPLETED: 'COMPLETION',
  SENTENCE_CONVERSION_REQUEST: 'CONVERSION_REQUEST',
  MEASURE_CHANGE_REQUEST: 'CONVERSION_REQUEST',
} as const;
const TITLE = {
  EXECUTION_STARTED: 'Paziņojums par sabiedriskā darba izpildes uzsākšanu',
  EXECUTION_COMPLETED: 'Paziņojums par sabiedriskā darba izpildi',
  SENTENCE_CONVERSION_REQUEST: 'Iesniegums par sabiedriskā darba aizstāšanu',
  MEASURE_CHANGE_REQUEST: 'Iesniegums par audzinoša rakstura piespiedu līdzekļa aizstāšanu',
} as const;

export const prepareCourtNotice = defineJobWorker({
  type: 'shared.prepare-court-notice',
  description: 'Prepare the notice to the court or prosecutor (body and PDF)',
  input: z.object({
    ...caseInput,
    noticeType: z.enum(NOTICE_TYPES),
    noticeKey: z.string().min(1),
    noticeTarget: z.enum(['TIS', 'PROIS']),
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const now = ctx.services.now();
      const c = await tx.case.findUniqueOrThrow({
        where: { id: v.caseId },
        include: { client: true, department: true, rulings: { orderBy: { id: 'desc' }, take: 1 } },
      });
      const ruling = c.rulings[0];
      if (!ruling) throw new Error(`case ${c.caseNumber} has no ruling to refer to; attach the ruling, then retry`);
      const worked = round1(await hoursWorked(tx, v.caseId));
      const remaining = round1(Math.max(0, (c.sentencedHours ?? 0) - worked));
      const placement = await tx.placement.findFirst({
        where: { caseId: v.caseId, status: { in: ['ACTIVE', 'RESERVED', 'ENDED'] } },
        orderBy: { id: 'desc' },
        include: { workPlace: { include: { employer: true } } },
      });
      const officer = await tx.user.findFirst({
        where: { departmentId: c.departmentId, active: true, roles: { some: { role: { code: 'officer' } } } },
        orderBy: { id: 'asc' },
      });
      const kind = KIND[v.noticeType];
      const minor = c.processKind === 'MINORS_PUBLIC_WORK';
      const measure = minor ? 'audzinoša rakstura piespiedu līdzekļa — sabiedriskā darba' : 'sabiedriskā darba';
      const text =
        kind === 'START'
          ? `Valsts probācijas dienests ${now.toISOString().slice(0, 10)} uzsāka ${measure} izpildi (${c.sentencedHours ?? 0} stundas).${placement ? ` Darba vieta: ${placement.workPlace.employer.name}, ${placement.workPlace.jobTitle}.` : ''}`
          : kind === 'COMPLETION'
            ? `${minor ? 'Audzinoša rakstura piespiedu līdzeklis — sabiedriskais darbs' : 'Sabiedriskais darbs'} izpildīts pilnā apmērā: nostrādātas ${worked} stundas.`
            : `Klients vairākkārt bez attaisnojoša iemesla neieradās uz ${measure} un pēc brīdinājuma turpina izvairīties no izpildes. Lūdzam izskatīt jautājumu par neizpildītās daļas (${remaining} stundas) aizstāšanu.`;
      const common = {
        noticeId: `VPD-${v.noticeKey.replace(/[^A-Za-z0-9._:-]/g, '-')}`.slice(0, 128),
        kind,
        personalCode: c.client.personalCode,
        date: now.toISOString().slice(0, 10),
        ...(kind !== 'START' ? { hoursWorked: worked, hoursRemaining: remaining } : {}),
        ...(kind === 'CONVERSION_REQUEST' ? { problemReason: 'EVASION' as const } : {}),
        text,
        sender: {
          unit: `Valsts probācijas dienesta ${c.department.name}`,
          officer: officer?.fullName ?? 'Probācijas speciālists',
        },
      };
      const body =
        v.noticeTarget === 'TIS'
          ? TisExecutionNoticeSchema.parse({
              ...common,
              rulingId: ruling.externalId,
              ...(ruling.source === 'TIS' && ruling.decisionNumber ? { caseNumber: ruling.decisionNumber } : {}),
            })
          : ProisExecutionNoticeSchema.parse({ ...common, penalOrderId: ruling.externalId });
      const header = await caseHeader(tx, v.caseId, now);
      const doc = await createDocument(
        tx,
        {
          caseId: v.caseId,
          kind: 'COURT_NOTICE',
          sourceKey: `${ctx.idempotencyKey}:COURT_NOTICE`,
          createdBy: SYSTEM_ACTOR,
          fileStem: `pazinojums-${v.noticeType.toLowerCase()}-${header.caseNumber}`,
        },
        () =>
          templates.courtNotice(header, {
            addressee: ruling.issuer,
            kindLabel: TITLE[v.noticeType],
            text,
            ...(kind !== 'START' ? { hoursWorked: worked, hoursRemaining: remaining } : {}),
          }),
      );
      const existing = await tx.courtNotice.findUnique({ where: { noticeKey: v.noticeKey } });
      const row = existing
        ? await tx.courtNotice.update({
            where: { id: existing.id },
            data: {
              status: existing.status === 'SENT' ? 'SENT' : 'PREPARED',
              body,
              documentId: doc.id,
              attempts: { increment: 1 },
              rejectionCode: null,
              rejectionReason: null,
            },
          })
        : await tx.courtNotice.create({
            data: {
              caseId: v.caseId,
              rulingId: ruling.id,
              target: v.noticeTarget,
              noticeType: v.noticeType,
              noticeKey: v.noticeKey,
              status: 'PREPARED',
              body,
              documentId: doc.id,
              attempts: 1,
            },
          });
      return { noticeId: String(row.id), noticeDocumentId: String(doc.id) };
    });
    return result;
  },
});

function sender(target: 'TIS' | 'PROIS') {
  return defineJobWorker({
    type: target === 'TIS' ? 'shared.send-tis-notice' : 'shared.send-prois-notice',
    description: target === 'TIS' ? 'Send the notice to the court (TIS)' : 'Send the notice to the prosecutor (ProIS)',
    input: z.object({ noticeId: idString }),
    handler: async (v, ctx) => {
      const notice = await ctx.prisma.courtNotice.findUniqueOrThrow({ where: { id: v.noticeId } });
      if (notice.status === 'SENT') return { noticeStatus: 'SENT', externalNoticeId: notice.externalNoticeId };
      const client = target === 'TIS' ? ctx.services.tis : ctx.services.prois;
      const idempotencyKey = `${notice.noticeKey}#${notice.attempts}`;
      try {
        const receipt = await client.sendExecutionNotice(notice.body as never, { idempotencyKey });
        await ctx.prisma.courtNotice.update({
          where: { id: notice.id },
          data: {
            status: 'SENT',
            externalNoticeId: receipt.registrationNumber,
            sentAt: new Date(receipt.registeredAt),
          },
        });
        return { noticeStatus: 'SENT', externalNoticeId: receipt.registrationNumber };
      } catch (err) {
        if (err instanceof PermanentIntegrationError && err.reason === 'rejected') {
          const code = err.problem?.code ?? 'REJECTED';
          const reason = err.problem?.detail ?? err.message;
          await ctx.prisma.courtNotice.update({
            where: { id: notice.id },
            data: { status: 'REJECTED', rejectionCode: code, rejectionReason: reason },
          });
          throw new BpmnError('NOTICE_REJECTED', `${target} rejected the notice: ${reason}`, {
            noticeRejection: { code, reason },
          });
        }
        if (err instanceof TransientIntegrationError) throw err; // the engine retries with the same key
        throw err;
      }
    },
  });
}

export const sendTisNotice = sender('TIS');
export const sendProisNotice = sender('PROIS');

export const recordNoticeDelivery = defineJobWorker({
  type: 'shared.record-notice-delivery',
  description: 'Record that the notice was delivered another way',
  input: z.object({
    noticeId: idString,
    deliveryChannel: z.string().min(1),
    deliveredOn: z.string().min(1),
    deliveryReference: z.string().nullish(),
    noticeFixNote: z.string().nullish(),
  }),
  handler: async (v, ctx) => {
    await ctx.prisma.courtNotice.update({
      where: { id: v.noticeId },
      data: {
        status: 'SENT_OTHERWISE',
        deliveryChannel: v.deliveryChannel,
        deliveredOn: new Date(`${v.deliveredOn.slice(0, 10)}T00:00:00Z`),
        deliveryReference: v.deliveryReference ?? v.noticeFixNote ?? null,
      },
    });
    return { noticeStatus: 'SENT_OTHERWISE' };
  },
});

export const courtNoticeWorkers = [prepareCourtNotice, sendTisNotice, sendProisNotice, recordNoticeDelivery];
