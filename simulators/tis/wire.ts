import { z } from 'zod';
import {
  WireOffence,
  WirePerson,
  WirePunishment,
  courtCaseNo,
  decisionRules,
  noticeFields,
  noticeRules,
  officialName,
  proceedingsNumber,
  wireDate,
  wireId,
  wirePersonalCode,
  wireText,
} from '../common/wire';

/** TIS's wire format, as the simulated TIS publishes and accepts it (the product's reading: integrations/tis/). */

export const TisRuling = z
  .object({
    messageType: z.literal('RULING_FOR_EXECUTION'),
    rulingId: wireId,
    caseNumber: courtCaseNo,
    criminalProceedingsNumber: proceedingsNumber.optional(),
    court: wireText(200),
    judge: officialName,
    rulingDate: wireDate,
    inForceDate: wireDate,
    person: WirePerson,
    punishments: z.array(WirePunishment).min(1).max(10),
    offences: z.array(WireOffence).min(1).max(20),
  })
  .superRefine((r, ctx) =>
    decisionRules({ decided: r.rulingDate, inForce: r.inForceDate, person: r.person, punishments: r.punishments }, ctx),
  );
export type TisRuling = z.infer<typeof TisRuling>;

/** The court's answer to a conversion request. */
export const TisConversionDecision = z
  .object({
    messageType: z.literal('CONVERSION_DECISION'),
    decisionId: wireId,
    rulingId: wireId,
    noticeId: wireId.optional(),
    court: wireText(200),
    caseNumber: courtCaseNo,
    decisionDate: wireDate,
    personalCode: wirePersonalCode,
    decision: z.enum(['CONVERTED', 'NOT_CONVERTED']),
    replacement: wireText(300).optional(),
  })
  .refine((d) => d.decision !== 'CONVERTED' || d.replacement !== undefined, {
    path: ['replacement'],
    message: 'is required when CONVERTED',
  });

export const TisOutboxMessage = z.discriminatedUnion('messageType', [TisRuling, TisConversionDecision]);

/** POST /tis/execution-notices */
export const TisExecutionNotice = z
  .object({ ...noticeFields, rulingId: wireId, caseNumber: courtCaseNo.optional() })
  .strict()
  .superRefine(noticeRules);
export type TisExecutionNotice = z.infer<typeof TisExecutionNotice>;
