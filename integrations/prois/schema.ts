import { z } from 'zod';
import { checkNotice, noticeBase } from '../common/execution-notice';
import {
  OffenceSchema,
  PersonSchema,
  PunishmentSchema,
  checkDecision,
  criminalProceedingsNumber,
  identifier,
  isoDate,
  personName,
  text,
} from '../common/schema';

/**
 * ProIS (Prokuratūras informācijas sistēma, Prosecution Office) ↔ PLUS.
 *  in  (outbox): PENAL_ORDER — a prosecutor's penal order (priekšraksts par sodu) accepted by the person;
 *  out (POST /execution-notices): notices on its execution.
 * Conditional release from liability, mediation and report requests join the union later.
 */

/** A prosecutor may order only these (Criminal Procedure Law): forced work or a fine, probation supervision as additional. */
const PENAL_ORDER_TYPES = ['FORCED_WORK', 'FINE', 'PROBATION_SUPERVISION'] as const;

export const ProisPenalOrderSchema = z
  .object({
    messageType: z.literal('PENAL_ORDER'),
    penalOrderId: identifier,
    criminalProceedingsNumber,
    /** e.g. "Kurzemes tiesas apgabala prokuratūra". */
    prosecutorOffice: text(200),
    prosecutor: z.object({ firstName: personName, lastName: personName }),
    orderDate: isoDate,
    /** The penal order comes into force when the person accepts it. */
    inForceDate: isoDate,
    person: PersonSchema,
    punishments: z.array(PunishmentSchema).min(1).max(5),
    offences: z.array(OffenceSchema).min(1).max(10),
  })
  .superRefine((o, ctx) => {
    checkDecision(
      { decided: o.orderDate, inForce: o.inForceDate, person: o.person, punishments: o.punishments },
      ctx,
      'order',
    );
    o.punishments.forEach((p, i) => {
      if (!(PENAL_ORDER_TYPES as readonly string[]).includes(p.type)) {
        ctx.addIssue({
          code: 'custom',
          path: ['punishments', i, 'type'],
          message: `a penal order cannot impose ${p.type}`,
        });
      }
      if (p.type === 'PROBATION_SUPERVISION' && p.role !== 'ADDITIONAL') {
        ctx.addIssue({
          code: 'custom',
          path: ['punishments', i, 'role'],
          message: 'probation supervision in a penal order is an ADDITIONAL punishment',
        });
      }
    });
  });
export type ProisPenalOrder = z.infer<typeof ProisPenalOrderSchema>;

export const ProisInboundSchema = z.discriminatedUnion('messageType', [ProisPenalOrderSchema]);
export type ProisInbound = z.infer<typeof ProisInboundSchema>;

export const ProisExecutionNoticeSchema = z
  .object({
    ...noticeBase,
    penalOrderId: identifier,
    criminalProceedingsNumber: criminalProceedingsNumber.optional(),
  })
  .strict()
  .superRefine(checkNotice);
export type ProisExecutionNotice = z.infer<typeof ProisExecutionNoticeSchema>;

export { NoticeReceiptSchema, type NoticeReceipt } from '../common/execution-notice';
