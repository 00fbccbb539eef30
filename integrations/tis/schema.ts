import { z } from 'zod';
import { checkNotice, noticeBase } from '../common/execution-notice';
import {
  OffenceSchema,
  PersonSchema,
  PunishmentSchema,
  checkDecision,
  courtCaseNumber,
  criminalProceedingsNumber,
  personalCode,
  identifier,
  isoDate,
  personName,
  text,
} from '../common/schema';

/**
 * TIS (Tiesu informatīvā sistēma, Court Administration) ↔ PLUS.
 *  in  (outbox): RULING_FOR_EXECUTION — a court ruling in force that VPD executes (P1 forced work,
 *                P2 educational community work, P5 supervision);
 *  out (POST /execution-notices): notices on the execution of that ruling.
 * More inbound types (evaluation report requests, judge's mediation proposals) join the union later.
 */

export const TisRulingSchema = z
  .object({
    messageType: z.literal('RULING_FOR_EXECUTION'),
    rulingId: identifier,
    caseNumber: courtCaseNumber,
    criminalProceedingsNumber: criminalProceedingsNumber.optional(),
    /** e.g. "Rīgas pilsētas tiesa", "Kurzemes rajona tiesa", "Rīgas apgabaltiesa". */
    court: text(200),
    /** Presiding judge, "Vārds Uzvārds". */
    judge: z.object({ firstName: personName, lastName: personName }),
    rulingDate: isoDate,
    /** The date the ruling came into force (stājies spēkā): execution starts from it. */
    inForceDate: isoDate,
    person: PersonSchema,
    punishments: z.array(PunishmentSchema).min(1).max(10),
    offences: z.array(OffenceSchema).min(1).max(20),
  })
  .superRefine((r, ctx) => {
    checkDecision(
      { decided: r.rulingDate, inForce: r.inForceDate, person: r.person, punishments: r.punishments },
      ctx,
      'ruling',
    );
  });
export type TisRuling = z.infer<typeof TisRulingSchema>;

/**
 * The court's decision on VPD's request to convert the unserved part of forced work (or to replace minors'
 * community work by another measure): the answer to a CONVERSION_REQUEST notice. Intake passes it to the running
 * case as the message `sentence-conversion-decided`.
 */
export const TisConversionDecisionSchema = z
  .object({
    messageType: z.literal('CONVERSION_DECISION'),
    decisionId: identifier,
    /** The ruling whose execution VPD asked to convert (RULING_FOR_EXECUTION.rulingId). */
    rulingId: identifier,
    /** Our notice the court answers, when TIS knows it. */
    noticeId: identifier.optional(),
    court: text(200),
    caseNumber: courtCaseNumber,
    decisionDate: isoDate,
    personalCode,
    decision: z.enum(['CONVERTED', 'NOT_CONVERTED']),
    /** What replaces the unserved hours, in words, e.g. "brīvības atņemšana uz 15 dienām". */
    replacement: text(300).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'CONVERTED' && !d.replacement)
      ctx.addIssue({ code: 'custom', path: ['replacement'], message: 'is required when the sentence was converted' });
  });
export type TisConversionDecision = z.infer<typeof TisConversionDecisionSchema>;

/** Everything TIS may put into the outbox for VPD, by messageType. */
export const TisInboundSchema = z.discriminatedUnion('messageType', [TisRulingSchema, TisConversionDecisionSchema]);
export type TisInbound = z.infer<typeof TisInboundSchema>;

export const TisExecutionNoticeSchema = z
  .object({
    ...noticeBase,
    /** The ruling the notice is about (from RULING_FOR_EXECUTION). */
    rulingId: identifier,
    caseNumber: courtCaseNumber.optional(),
  })
  .strict()
  .superRefine(checkNotice);
export type TisExecutionNotice = z.infer<typeof TisExecutionNoticeSchema>;

export { NoticeReceiptSchema, type NoticeReceipt } from '../common/execution-notice';
