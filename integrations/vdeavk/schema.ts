import { z } from 'zod';
import { isoDate, isoDateTime, personalCode, text } from '../common/schema';

/**
 * IIS VDEĀVK (Invaliditātes informācijas sistēma of the State Medical Commission for the Assessment of Health
 * Condition and Working Ability), via VISS: a person's disability — group, term, type of functional
 * disorder — which limits the work VPD may assign. Most persons have none: 404 with code NO_DATA.
 */

/** Groups I–III for adults; CHILD = "bērns ar invaliditāti" (under 18, no group). */
export const DISABILITY_GROUPS = ['I', 'II', 'III', 'CHILD'] as const;

export const DisabilitySchema = z
  .object({
    group: z.enum(DISABILITY_GROUPS),
    /** Decision of the commission the extract is based on. */
    decisionNumber: z.string().min(1).max(40),
    decisionDate: isoDate,
    /** `until` null: indefinite (beztermiņa). */
    term: z.object({ from: isoDate, until: isoDate.nullable() }),
    /** ACTIVE while the term runs on the day of the look-up. */
    status: z.enum(['ACTIVE', 'EXPIRED']),
    /** Types of functional disorder, Latvian, e.g. "Kustību funkciju traucējumi". */
    functionalDisorders: z.array(text(200)).min(1),
  })
  .superRefine((d, ctx) => {
    if (d.term.until !== null && d.term.until < d.term.from)
      ctx.addIssue({ code: 'custom', path: ['term', 'until'], message: 'must not be before term.from' });
  });
export type Disability = z.infer<typeof DisabilitySchema>;

export const DisabilityExtractSchema = z.object({
  personalCode,
  retrievedAt: isoDateTime,
  disability: DisabilitySchema,
});
export type DisabilityExtract = z.infer<typeof DisabilityExtractSchema>;
