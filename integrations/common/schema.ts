import { z } from 'zod';
import { birthDateOf, isValidPersonalCode } from '../../platform/personal-code';

/**
 * Building blocks shared by the contracts of every external system. Field names are English; values that
 * are data (court names, municipalities, article titles) stay Latvian, as the systems send them.
 *
 * Inbound objects (what a state system sends us) are plain `z.object`: unknown fields are dropped, not
 * rejected, so a counterpart adding a field does not quarantine every message (tolerant reader). Outbound
 * objects (what PLUS sends) are `.strict()`: an unexpected field there is our bug and must fail loudly.
 */

/**
 * Canonical written form DDMMYY-NNNNN, checksum verified for old-format codes (platform/personal-code.ts). A code not
 * in that form is not checked further (`abort`): one reason, the one that is true.
 */
export const personalCode = z
  .string()
  .regex(/^\d{6}-\d{5}$/, { message: 'must be a personal code written as DDMMYY-NNNNN', abort: true })
  .refine(isValidPersonalCode, 'is not a valid Latvian personal code (wrong check digit or date)');

export const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
export const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'must be a date-time in ISO 8601 with a time zone',
});

/** Identifiers that travel in URLs and headers: no spaces, no slashes. */
export const identifier = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1–128 letters, digits or . _ : -');

/** A person's given or family name: letters (with Latvian diacritics), spaces, hyphens, apostrophes. */
export const personName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^\p{L}[\p{L} '’-]*$/u, 'must be a name made of letters');

/** Free Latvian text of an institution, municipality, address or title. */
export const text = (max = 300) => z.string().trim().min(1).max(max);

/** Criminal procedure number (kriminālprocesa numurs): 11 digits. */
export const criminalProceedingsNumber = z
  .string()
  .regex(/^\d{11}$/, 'must be an 11-digit criminal proceedings number');

/**
 * Court case archive number as TIS writes it: case kind letter, court code, serial, year, chamber/judge,
 * e.g. "K30-0123-26/12".
 */
export const courtCaseNumber = z
  .string()
  .regex(/^[A-Z]{1,2}\d{2}-\d{4}-\d{2}\/\d{1,2}$/, 'must be a court case number like K30-0123-26/12');

/** A Criminal Law article: "175", "253.1" for 253.¹ (superscripts written after a dot). */
export const OffenceSchema = z.object({
  article: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be an article number like 175 or 253.1'),
  part: z.number().int().min(1).max(10).optional(),
  /** As written in the decision, e.g. "Krimināllikuma 175. panta pirmā daļa". */
  citation: text(300),
  /** Title of the article, e.g. "Zādzība". */
  title: text(300).optional(),
});
export type Offence = z.infer<typeof OffenceSchema>;

/** The person a decision concerns, as the sending system knows them. */
export const PersonSchema = z
  .object({
    personalCode,
    firstName: personName,
    lastName: personName,
    birthDate: isoDate,
    /** Declared place of residence, one line, e.g. "Brīvības iela 12-3, Rīga, LV-1010". */
    address: text(300),
    /** Municipality of residence (one of the 43 since the 2021 reform), e.g. "Cēsu novads" or "Rīga". */
    municipality: text(100),
  })
  .superRefine((p, ctx) => {
    const born = birthDateOf(p.personalCode);
    if (born && born.toISOString().slice(0, 10) !== p.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: `does not match the personal code (which says ${born.toISOString().slice(0, 10)})`,
      });
    }
  });
export type Person = z.infer<typeof PersonSchema>;

/**
 * Punishments and measures a decision can carry. Those VPD executes: FORCED_WORK (piespiedu darbs, called
 * sabiedriskais darbs since 2022), COMMUNITY_WORK_EDU (the educational measure for minors),
 * PROBATION_SUPERVISION (probācijas uzraudzība, main since 2022 or additional) and CONDITIONAL_SENTENCE
 * (nosacīta notiesāšana: supervision during the probation period). IMPRISONMENT and FINE travel along for context.
 */
export const PUNISHMENT_TYPES = [
  'FORCED_WORK',
  'COMMUNITY_WORK_EDU',
  'PROBATION_SUPERVISION',
  'CONDITIONAL_SENTENCE',
  'IMPRISONMENT',
  'FINE',
] as const;
export type PunishmentType = (typeof PUNISHMENT_TYPES)[number];
export const VPD_EXECUTED: readonly PunishmentType[] = [
  'FORCED_WORK',
  'COMMUNITY_WORK_EDU',
  'PROBATION_SUPERVISION',
  'CONDITIONAL_SENTENCE',
];

export const PunishmentSchema = z
  .object({
    type: z.enum(PUNISHMENT_TYPES),
    role: z.enum(['MAIN', 'ADDITIONAL']),
    /** Hours of forced work or community work. */
    hours: z.number().int().min(1).max(1000).optional(),
    /** Term of probation supervision or (suspended) imprisonment, in months. */
    termMonths: z.number().int().min(1).max(600).optional(),
    /** Probation period (pārbaudes laiks) of a conditional sentence, in months. */
    probationPeriodMonths: z.number().int().min(1).max(120).optional(),
    amountEur: z.number().positive().max(10_000_000).optional(),
  })
  .superRefine((p, ctx) => {
    const need = (field: 'hours' | 'termMonths' | 'probationPeriodMonths' | 'amountEur', why: string) => {
      if (p[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${p.type} (${why})` });
    };
    if (p.type === 'FORCED_WORK' || p.type === 'COMMUNITY_WORK_EDU') need('hours', 'the hours to work');
    if (p.type === 'PROBATION_SUPERVISION' || p.type === 'IMPRISONMENT') need('termMonths', 'the term');
    if (p.type === 'CONDITIONAL_SENTENCE') need('probationPeriodMonths', 'the probation period');
    if (p.type === 'FINE') need('amountEur', 'the amount');
  });
export type Punishment = z.infer<typeof PunishmentSchema>;

/** Exactly one main punishment, and at least one that VPD executes (else the decision is not for us). */
export function checkPunishments(punishments: Punishment[], ctx: z.RefinementCtx, path: string = 'punishments'): void {
  const mains = punishments.filter((p) => p.role === 'MAIN').length;
  if (mains !== 1)
    ctx.addIssue({ code: 'custom', path: [path], message: `must hold exactly one MAIN punishment, not ${mains}` });
  if (!punishments.some((p) => VPD_EXECUTED.includes(p.type))) {
    ctx.addIssue({
      code: 'custom',
      path: [path],
      message: `holds nothing VPD executes (one of ${VPD_EXECUTED.join(', ')})`,
    });
  }
}

/** `a` on or before `b` (ISO dates compare as text); `path` dotted, e.g. "person.birthDate". */
export function checkOrder(a: string, b: string, ctx: z.RefinementCtx, path: string, message: string): void {
  if (b < a) ctx.addIssue({ code: 'custom', path: path.split('.'), message });
}

/** The rules every decision for VPD obeys: in force after it was made, about someone born before, punishments sane. */
export function checkDecision(
  d: { decided: string; inForce: string; person: Person; punishments: Punishment[] },
  ctx: z.RefinementCtx,
  noun: string,
): void {
  checkOrder(d.decided, d.inForce, ctx, 'inForceDate', `must not be before the ${noun} date`);
  checkOrder(d.person.birthDate, d.decided, ctx, 'person.birthDate', `must be before the ${noun} date`);
  checkPunishments(d.punishments, ctx);
}
