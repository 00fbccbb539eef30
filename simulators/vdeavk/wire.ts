import { z } from 'zod';
import { wireDate, wireText } from '../common/wire';

/** VDEĀVK's wire format (disability decisions), as the simulated register answers (the product's reading: integrations/vdeavk/). */

export const Disability = z
  .object({
    group: z.enum(['I', 'II', 'III', 'CHILD']),
    decisionNumber: z.string().min(1).max(40),
    decisionDate: wireDate,
    term: z.object({ from: wireDate, until: wireDate.nullable() }),
    status: z.enum(['ACTIVE', 'EXPIRED']),
    functionalDisorders: z.array(wireText(200)).min(1),
  })
  .refine((d) => d.term.until === null || d.term.until >= d.term.from, {
    path: ['term', 'until'],
    message: 'is before term.from',
  });
export type Disability = z.infer<typeof Disability>;
