import { z } from 'zod';
import { identifier, isoDate, isoDateTime, personalCode, text } from './schema';

/**
 * Notice on the execution of a decision (paziņojums par izpildi), PLUS → TIS or ProIS. One schema for both,
 * extended with the reference each system understands (rulingId or penalOrderId).
 *
 *  - START: execution began (client registered, work or supervision started);
 *  - PROBLEM: the client does not comply (no-show, left the workplace, evades);
 *  - CONVERSION_REQUEST: VPD asks to replace the unserved part (e.g. forced work by imprisonment);
 *  - COMPLETION: the punishment has been served.
 */
export const NOTICE_KINDS = ['START', 'PROBLEM', 'CONVERSION_REQUEST', 'COMPLETION'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const PROBLEM_REASONS = [
  'NON_ATTENDANCE',
  'UNAUTHORISED_DEPARTURE',
  'EVASION',
  'WORKPLACE_INCIDENT',
  'OTHER',
] as const;

/** Hours come in halves (schedules plan in 30-minute steps). */
const hours = z
  .number()
  .min(0)
  .max(1000)
  .refine((v) => Number.isInteger(v * 2), 'must be whole or half hours');

export const noticeBase = {
  /** Our id of the notice; also the sensible Idempotency-Key of the POST that carries it. */
  noticeId: identifier,
  kind: z.enum(NOTICE_KINDS),
  personalCode,
  /** Date of the fact reported (execution started, problem observed, completed). */
  date: isoDate,
  hoursWorked: hours.optional(),
  hoursRemaining: hours.optional(),
  problemReason: z.enum(PROBLEM_REASONS).optional(),
  /** The notice in words, Latvian. */
  text: text(4000),
  sender: z
    .object({
      /** VPD territorial unit or department, e.g. "Rīgas Pārdaugavas nodaļa". */
      unit: text(200),
      officer: text(200),
    })
    .strict(),
};

/** Shared rules: hours are reported when they matter, a PROBLEM says why. */
export function checkNotice(
  n: { kind: NoticeKind; hoursWorked?: number | undefined; problemReason?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if ((n.kind === 'COMPLETION' || n.kind === 'CONVERSION_REQUEST') && n.hoursWorked === undefined) {
    ctx.addIssue({ code: 'custom', path: ['hoursWorked'], message: `is required for a ${n.kind} notice` });
  }
  if (n.kind === 'PROBLEM' && n.problemReason === undefined) {
    ctx.addIssue({ code: 'custom', path: ['problemReason'], message: 'is required for a PROBLEM notice' });
  }
}

/** What the court's or prosecutor's system answers: the notice is registered under their number. */
export const NoticeReceiptSchema = z.object({
  noticeId: identifier,
  /** Registration number in the receiving system, e.g. "TIS-PAZ-2026-000042". */
  registrationNumber: z.string().min(1),
  status: z.enum(['REGISTERED']),
  registeredAt: isoDateTime,
});
export type NoticeReceipt = z.infer<typeof NoticeReceiptSchema>;
