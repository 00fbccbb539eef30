import { z } from 'zod';
import {
  WireOffence,
  WirePerson,
  WirePunishment,
  decisionRules,
  noticeFields,
  noticeRules,
  officialName,
  proceedingsNumber,
  wireDate,
  wireId,
  wireText,
} from '../common/wire';

/** ProIS's wire format, as the simulated ProIS publishes and accepts it (the product's reading: integrations/prois/). */

export const ProisPenalOrder = z
  .object({
    messageType: z.literal('PENAL_ORDER'),
    penalOrderId: wireId,
    criminalProceedingsNumber: proceedingsNumber,
    prosecutorOffice: wireText(200),
    prosecutor: officialName,
    orderDate: wireDate,
    inForceDate: wireDate,
    person: WirePerson,
    punishments: z.array(WirePunishment).min(1).max(5),
    offences: z.array(WireOffence).min(1).max(10),
  })
  .superRefine((o, ctx) => {
    decisionRules({ decided: o.orderDate, inForce: o.inForceDate, person: o.person, punishments: o.punishments }, ctx);
    // A prosecutor's penal order imposes forced work or a fine, with supervision only as an additional punishment.
    o.punishments.forEach((p, i) => {
      if (!['FORCED_WORK', 'FINE', 'PROBATION_SUPERVISION'].includes(p.type))
        ctx.addIssue({ code: 'custom', path: ['punishments', i, 'type'], message: `not in a penal order: ${p.type}` });
      if (p.type === 'PROBATION_SUPERVISION' && p.role !== 'ADDITIONAL')
        ctx.addIssue({
          code: 'custom',
          path: ['punishments', i, 'role'],
          message: 'supervision is ADDITIONAL in a penal order',
        });
    });
  });
export type ProisPenalOrder = z.infer<typeof ProisPenalOrder>;

export const ProisOutboxMessage = z.discriminatedUnion('messageType', [ProisPenalOrder]);

/** POST /prois/execution-notices */
export const ProisExecutionNotice = z
  .object({ ...noticeFields, penalOrderId: wireId, criminalProceedingsNumber: proceedingsNumber.optional() })
  .strict()
  .superRefine(noticeRules);
export type ProisExecutionNotice = z.infer<typeof ProisExecutionNotice>;
