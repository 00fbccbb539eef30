import { z } from 'zod';
import { WirePerson, WirePunishment, courtCaseNo, wireDate, wireId, wireText } from '../common/wire';

/** IeVP IS's wire format, as the simulated prison register publishes it (the product's reading: integrations/ievp/). */

export const IevpReleaseNotice = z
  .object({
    messageType: z.literal('RELEASE_NOTICE'),
    releaseNoticeId: wireId,
    prison: wireText(200),
    releaseDate: wireDate,
    releaseType: z.enum(['SENTENCE_SERVED', 'CONDITIONAL_EARLY_RELEASE', 'CONDITIONAL_EARLY_RELEASE_EM']),
    unservedTermMonths: z.number().int().min(1).max(600).optional(),
    person: WirePerson,
    sentence: z.object({ court: wireText(200), caseNumber: courtCaseNo, rulingDate: wireDate }),
    // After a release the probation service executes forced work or supervision, nothing else.
    toExecute: z
      .array(
        WirePunishment.refine((p) => p.type === 'FORCED_WORK' || p.type === 'PROBATION_SUPERVISION', {
          path: ['type'],
          message: 'not executed after release',
        }),
      )
      .max(5),
  })
  .superRefine((n, ctx) => {
    if (n.releaseDate < n.sentence.rulingDate)
      ctx.addIssue({ code: 'custom', path: ['releaseDate'], message: 'is before the ruling date' });
    if (n.releaseType === 'SENTENCE_SERVED') {
      if (n.toExecute.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['toExecute'],
          message: 'is empty for a release at the end of the sentence',
        });
    } else if (n.unservedTermMonths === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['unservedTermMonths'],
        message: 'is required for a conditional early release',
      });
    }
  });
export type IevpReleaseNotice = z.infer<typeof IevpReleaseNotice>;

export const IevpOutboxMessage = z.discriminatedUnion('messageType', [IevpReleaseNotice]);
