import { z } from 'zod';
import { isIsoDate } from './dates';
import { isHHMM, toMinutes } from './time';
import { type LedgerEntry, PROFILE_IDS, type ScheduleInput, WEEKDAYS } from './types';

/** Validation of schedule input that comes from outside (API, process variables, files). */

const isoDate = z.string().refine(isIsoDate, 'expected a real date as YYYY-MM-DD');
const hhmm = z.string().refine(isHHMM, 'expected a time as HH:MM (00:00–24:00)');
const halfHours = (min: number, max: number) =>
  z
    .number()
    .min(min)
    .max(max)
    .refine((v) => Number.isInteger(v * 2), 'expected whole or half hours');

const window = z
  .object({ from: hhmm, to: hhmm })
  .strict()
  .refine((w) => toMinutes(w.to) > toMinutes(w.from), 'a window must end after it starts');

const weekly = z.partialRecord(z.enum(WEEKDAYS), z.array(window));

const dateRange = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((r) => r.to >= r.from, 'a range must end on or after its start');

const hours = z.number().min(0).max(24);

const limitsProfile = z
  .object({
    maxHoursPerDay: hours,
    maxHoursPerWorkdayBesideMainActivity: hours,
    maxHoursPerWorkdayBesideMainActivityWithConsent: hours,
    maxHoursPerWeek: z.number().min(0).max(168),
    minHoursPerWeek: z.number().min(0).max(168).nullable(),
    maxWorkDaysPerWeek: z.number().int().min(0).max(7),
    weekendWork: z.boolean(),
    night: z.object({ from: hhmm, to: hhmm }).strict().nullable(),
    breakWhenOverHours: hours,
    breakMinutes: z.number().int().min(0).max(120),
    breakLatestAfterHours: hours,
    minDailyRestHours: hours,
  })
  .strict()
  .partial();

export const ScheduleInputSchema = z
  .object({
    measure: z.enum(['FORCED_WORK', 'FORCED_WORK_ADDITIONAL', 'COMMUNITY_WORK_EDU']).optional(),
    totalHours: halfHours(0.5, 2000),
    startDate: isoDate,
    deadline: isoDate.optional(),
    client: z
      .object({
        birthDate: isoDate,
        basicEducationUntil: isoDate.optional(),
        hasMainJobOrStudies: z.boolean().optional(),
        consentsToLongerWorkdays: z.boolean().optional(),
        unavailableWeekly: weekly.optional(),
        schoolHoursWeekly: weekly.optional(),
        unavailableDates: z.array(isoDate).optional(),
      })
      .strict(),
    employer: z
      .object({
        weekly,
        closedDates: z.array(isoDate).optional(),
        observesTransferredDaysOff: z.boolean().optional(),
      })
      .strict(),
    preferences: z
      .object({ preferredSessionHours: halfHours(0.5, 24).optional(), minSessionHours: halfHours(0.5, 24).optional() })
      .strict()
      .optional(),
    limits: z.partialRecord(z.enum(PROFILE_IDS), limitsProfile).optional(),
    calendar: z
      .object({
        schoolHolidays: z.array(dateRange).optional(),
        transferredDaysOff: z.array(isoDate).optional(),
        extraPublicHolidays: z.array(isoDate).optional(),
      })
      .strict()
      .optional(),
    horizonDays: z.number().int().min(1).max(3660).optional(),
  })
  .strict()
  .refine((i) => i.deadline === undefined || i.deadline >= i.startDate, {
    message: 'the deadline is before the start date',
    path: ['deadline'],
  })
  .refine((i) => i.client.birthDate <= i.startDate, {
    message: 'the birth date is after the start date',
    path: ['client', 'birthDate'],
  });

export const LedgerSchema = z.array(z.object({ date: isoDate, hours: halfHours(0, 24) }).strict());

// Compile-time check that the schema and the hand-written types agree.
type Parsed = z.infer<typeof ScheduleInputSchema>;
const _inputMatches: (p: Parsed) => ScheduleInput = (p) => p;
const _ledgerMatches: (p: z.infer<typeof LedgerSchema>) => LedgerEntry[] = (p) => p;

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: string[] };

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
}

export function parseScheduleInput(raw: unknown): Validated<ScheduleInput> {
  const r = ScheduleInputSchema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: issuesOf(r.error) };
}

export function parseLedger(raw: unknown): Validated<LedgerEntry[]> {
  const r = LedgerSchema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: issuesOf(r.error) };
}
