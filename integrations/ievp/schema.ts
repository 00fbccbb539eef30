import { z } from 'zod';
import {
  PersonSchema,
  PunishmentSchema,
  checkOrder,
  courtCaseNumber,
  identifier,
  isoDate,
  text,
} from '../common/schema';

/**
 * IeVP IS (Ieslodzīto informācijas sistēma, Latvian Prison Administration) → PLUS.
 *  in (outbox): RELEASE_NOTICE — a person leaves prison with a punishment VPD executes next: forced work or
 *  (additional) probation supervision, or is released conditionally early and supervised for the rest of the term.
 * Parole evaluation report requests join the union later.
 */

export const RELEASE_TYPES = ['SENTENCE_SERVED', 'CONDITIONAL_EARLY_RELEASE', 'CONDITIONAL_EARLY_RELEASE_EM'] as const;

/** What VPD executes after the release. */
const AfterReleaseSchema = PunishmentSchema.refine(
  (p) => p.type === 'FORCED_WORK' || p.type === 'PROBATION_SUPERVISION',
  {
    message: 'after release VPD executes FORCED_WORK or PROBATION_SUPERVISION only',
    path: ['type'],
  },
);

export const IevpReleaseNoticeSchema = z
  .object({
    messageType: z.literal('RELEASE_NOTICE'),
    releaseNoticeId: identifier,
    /** e.g. "Olaines cietums", "Cēsu audzināšanas iestāde nepilngadīgajiem". */
    prison: text(200),
    releaseDate: isoDate,
    releaseType: z.enum(RELEASE_TYPES),
    /** Unserved part of the prison term, for conditional early release: the supervision period. */
    unservedTermMonths: z.number().int().min(1).max(600).optional(),
    /** Where the person will live after release (person.address) is what VPD needs to pick the department. */
    person: PersonSchema,
    /** The ruling whose punishments continue after release. */
    sentence: z.object({
      court: text(200),
      caseNumber: courtCaseNumber,
      rulingDate: isoDate,
    }),
    toExecute: z.array(AfterReleaseSchema).max(5),
  })
  .superRefine((n, ctx) => {
    checkOrder(n.sentence.rulingDate, n.releaseDate, ctx, 'releaseDate', 'must not be before the ruling date');
    const conditional = n.releaseType !== 'SENTENCE_SERVED';
    if (conditional && n.unservedTermMonths === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['unservedTermMonths'],
        message: 'is required for a conditional early release',
      });
    }
    if (!conditional && n.toExecute.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['toExecute'],
        message: 'must name what VPD executes after a release at the end of the sentence',
      });
    }
  });
export type IevpReleaseNotice = z.infer<typeof IevpReleaseNoticeSchema>;

export const IevpInboundSchema = z.discriminatedUnion('messageType', [IevpReleaseNoticeSchema]);
export type IevpInbound = z.infer<typeof IevpInboundSchema>;
