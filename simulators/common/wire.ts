import { z } from 'zod';
import { birthDateOf, isValidPersonalCode } from '../../platform/personal-code';

/**
 * The simulated systems' own description of what travels on the wire: building blocks that TIS, ProIS and IeVP IS
 * (as we simulate them) use for the messages they publish and the notices they accept. It is written here, on the
 * systems' side, and not imported from the product's integrations/: a client and its simulator are two readings of
 * one contract, checked against the same recorded messages (test/contracts/), so a mistake on either side shows.
 */

export const wirePersonalCode = z
  .string()
  .regex(/^\d{6}-\d{5}$/, 'must be a personal code written as DDMMYY-NNNNN')
  .refine(isValidPersonalCode, 'is not a valid Latvian personal code');
export const wireDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
export const wireDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone' });
/** Ids in URLs and headers. */
export const wireId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1–128 letters, digits or . _ : -');
export const wireName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^\p{L}[\p{L} '’-]*$/u, 'must be a name');
export const wireText = (max: number) => z.string().trim().min(1).max(max);
export const proceedingsNumber = z.string().regex(/^\d{11}$/, 'must be an 11-digit criminal proceedings number');
export const courtCaseNo = z
  .string()
  .regex(/^[A-Z]{1,2}\d{2}-\d{4}-\d{2}\/\d{1,2}$/, 'must be a court case number like K30-0123-26/12');
export const officialName = z.object({ firstName: wireName, lastName: wireName });

export const WireOffence = z.object({
  article: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/),
  part: z.number().int().min(1).max(10).optional(),
  citation: wireText(300),
  title: wireText(300).optional(),
});
export type WireOffence = z.infer<typeof WireOffence>;

export const WirePerson = z
  .object({
    personalCode: wirePersonalCode,
    firstName: wireName,
    lastName: wireName,
    birthDate: wireDate,
    address: wireText(300),
    municipality: wireText(100),
  })
  .refine(
    (p) => {
      const born = birthDateOf(p.personalCode);
      return !born || born.toISOString().slice(0, 10) === p.birthDate;
    },
    { path: ['birthDate'], message: 'does not match the personal code' },
  );
export type WirePerson = z.infer<typeof WirePerson>;

export const PUNISHMENT_KINDS = [
  'FORCED_WORK',
  'COMMUNITY_WORK_EDU',
  'PROBATION_SUPERVISION',
  'CONDITIONAL_SENTENCE',
  'IMPRISONMENT',
  'FINE',
] as const;
/** The measure and the one amount it needs (the registers record them so). */
const AMOUNT_OF: Record<
  (typeof PUNISHMENT_KINDS)[number],
  'hours' | 'termMonths' | 'probationPeriodMonths' | 'amountEur'
> = {
  FORCED_WORK: 'hours',
  COMMUNITY_WORK_EDU: 'hours',
  PROBATION_SUPERVISION: 'termMonths',
  IMPRISONMENT: 'termMonths',
  CONDITIONAL_SENTENCE: 'probationPeriodMonths',
  FINE: 'amountEur',
};
export const WirePunishment = z
  .object({
    type: z.enum(PUNISHMENT_KINDS),
    role: z.enum(['MAIN', 'ADDITIONAL']),
    hours: z.number().int().min(1).max(1000).optional(),
    termMonths: z.number().int().min(1).max(600).optional(),
    probationPeriodMonths: z.number().int().min(1).max(120).optional(),
    amountEur: z.number().positive().max(10_000_000).optional(),
  })
  .superRefine((p, ctx) => {
    const field = AMOUNT_OF[p.type];
    if (p[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${p.type}` });
  });
export type WirePunishment = z.infer<typeof WirePunishment>;

/** What the probation service executes: a decision for it carries at least one of these. */
const PROBATION_SERVICE_MEASURES: readonly string[] = [
  'FORCED_WORK',
  'COMMUNITY_WORK_EDU',
  'PROBATION_SUPERVISION',
  'CONDITIONAL_SENTENCE',
];

/** A decision sent to the probation service: in force after it was made, about someone born before, one main punishment. */
export function decisionRules(
  d: { decided: string; inForce: string; person: WirePerson; punishments: WirePunishment[] },
  ctx: z.RefinementCtx,
): void {
  if (d.inForce < d.decided)
    ctx.addIssue({ code: 'custom', path: ['inForceDate'], message: 'is before the decision date' });
  if (d.decided < d.person.birthDate)
    ctx.addIssue({ code: 'custom', path: ['person', 'birthDate'], message: 'is after the decision date' });
  const mains = d.punishments.filter((p) => p.role === 'MAIN').length;
  if (mains !== 1)
    ctx.addIssue({ code: 'custom', path: ['punishments'], message: `has ${mains} MAIN punishments, not one` });
  if (!d.punishments.some((p) => PROBATION_SERVICE_MEASURES.includes(p.type))) {
    ctx.addIssue({ code: 'custom', path: ['punishments'], message: 'holds nothing the probation service executes' });
  }
}

/** Execution notices from the probation service, as the courts' and prosecutors' systems accept them. */
export const NOTICE_KIND = ['START', 'PROBLEM', 'CONVERSION_REQUEST', 'COMPLETION'] as const;
export type NoticeKind = (typeof NOTICE_KIND)[number];
const halfHours = z.number().min(0).max(1000).multipleOf(0.5);
export const noticeFields = {
  noticeId: wireId,
  kind: z.enum(NOTICE_KIND),
  personalCode: wirePersonalCode,
  date: wireDate,
  hoursWorked: halfHours.optional(),
  hoursRemaining: halfHours.optional(),
  problemReason: z
    .enum(['NON_ATTENDANCE', 'UNAUTHORISED_DEPARTURE', 'EVASION', 'WORKPLACE_INCIDENT', 'OTHER'])
    .optional(),
  text: wireText(4000),
  sender: z.object({ unit: wireText(200), officer: wireText(200) }).strict(),
};
export function noticeRules(
  n: { kind: NoticeKind; hoursWorked?: number | undefined; problemReason?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if ((n.kind === 'COMPLETION' || n.kind === 'CONVERSION_REQUEST') && n.hoursWorked === undefined) {
    ctx.addIssue({ code: 'custom', path: ['hoursWorked'], message: `is required for ${n.kind}` });
  }
  if (n.kind === 'PROBLEM' && n.problemReason === undefined)
    ctx.addIssue({ code: 'custom', path: ['problemReason'], message: 'is required for PROBLEM' });
}

/** The answer to an accepted notice: registered under the receiving system's number. */
export interface NoticeReceipt {
  noticeId: string;
  registrationNumber: string;
  status: 'REGISTERED';
  registeredAt: string;
}

/** One message of a system's outbox, as served at GET /<system>/outbox. */
export interface OutboxEnvelope {
  cursor: number;
  messageId: string;
  messageType: string;
  publishedAt: string;
  payload: unknown;
}
export interface OutboxPage {
  messages: OutboxEnvelope[];
  nextCursor: number;
  hasMore: boolean;
}

/** "path: message" per fault, for the systems' error answers. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(message)'}: ${i.message}`);
}
