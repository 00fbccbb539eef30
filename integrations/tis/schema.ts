import { z } from 'zod';
import { checkNotice, noticeBase } from '../common/execution-notice';
import {
  OffenceSchema,
  PersonSchema,
  PunishmentSchema,
  checkDecision,
  courtCaseNumber,
  criminalProceedingsNumber,
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
    checkDecision({ decided: r.rulingDate, inForce: r.inForceDate, person: r.person, punishments: r.punishments }, ctx, 'ruling');
  });
export type TisRuling = z.infer<typeof TisRulingSchema>;

/** Everything TIS may put into the outbox for VPD, by messageType. */
export const TisInboundSchema = z.discriminatedUnion('messageType', [TisRulingSchema]);
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
