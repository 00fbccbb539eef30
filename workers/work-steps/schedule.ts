import { z } from 'zod';
import { caseHeader, createDocument, templates } from '../../domain/documents';
import { queueNotification } from '../../domain/notifications/queue';
import {
  SCHOOL_STATUSES,
  basicEducationUntilFor,
  generateSchedule,
  lessonsToWeekly,
  replan,
  schoolHolidaysForGrade,
  typicalTimetable,
  type BlockerCode,
  type LedgerEntry,
  type SchoolStatus,
  type ScheduleInput,
  type ScheduleResult,
  type Weekday,
  type WeeklyWindows,
} from '../../domain/work-schedule';
import type { Prisma } from '../../prisma/generated/client';
import { BpmnError } from '../framework/definition';
import { once } from '../framework/idempotency';
import { SYSTEM_ACTOR, caseInput, idString } from '../shared/common';
import { limitsProfile, loadPlacement, scheduleConstraints, type ScheduleConstraints } from './common';
import { workStep } from './work-step';

/** Planning step 6 and the re-plan of execution: the darba grafiks from domain/work-schedule (docs/work-schedule.md). */

type Tx = Prisma.TransactionClient;
const ISO_DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const nextDay = (d: string) => isoDay(new Date(Date.parse(`${d}T12:00:00Z`) + 86_400_000));

const scheduleInput = z.object({
  ...caseInput,
  placementId: idString,
  sentencedHours: z.number().positive(),
  birthDate: z.iso.date(),
  executionDeadline: z.iso.date().nullish(),
  scheduleConstraints,
  registerSummary: z
    .object({ schoolStatus: z.enum(SCHOOL_STATUSES).nullish(), schoolGrade: z.number().int().nullish() })
    .passthrough()
    .nullish(),
  appointment: z.object({ at: z.string() }).passthrough().nullish(),
  limitsProfile,
  measure: z.enum(['FORCED_WORK', 'FORCED_WORK_ADDITIONAL', 'COMMUNITY_WORK_EDU']),
});
type In = z.infer<typeof scheduleInput>;

const LV_DAYS: Record<Weekday, string> = {
  mon: 'pirmdienā',
  tue: 'otrdienā',
  wed: 'trešdienā',
  thu: 'ceturtdienā',
  fri: 'piektdienā',
  sat: 'sestdienā',
  sun: 'svētdienā',
};
const LV_DAY_SHORT: Record<Weekday, string> = {
  mon: 'P',
  tue: 'O',
  wed: 'T',
  thu: 'C',
  fri: 'Pk',
  sat: 'S',
  sun: 'Sv',
};
const underEighteenOn = (birthDate: string, on: string) => basicEducationUntilFor('UNKNOWN', birthDate)! >= on;

/**
 * The pupil's school facts for the schedule (issue 15). Status: the officer's (scheduleConstraints) over the
 * register's (registerSummary) over UNKNOWN, which keeps the children's limits. Lessons: the officer's timetable,
 * else a typical one for the grade for a minor who is (or may be) at school; the prefill goes back to the form.
 */
export function schoolFacts(v: Pick<In, 'birthDate' | 'registerSummary' | 'scheduleConstraints'>, startDate: string) {
  const c = v.scheduleConstraints;
  const status: SchoolStatus = c?.schoolStatus ?? v.registerSummary?.schoolStatus ?? 'UNKNOWN';
  const grade = v.registerSummary?.schoolGrade ?? null;
  const pupil = underEighteenOn(v.birthDate, startDate) && (status !== 'NOT_IN_BASIC_EDUCATION' || grade !== null);
  const lessons = c?.lessons ?? (pupil ? typicalTimetable(grade) : null);
  const parsed = lessons ? lessonsToWeekly(lessons) : { weekly: {}, invalid: [] as Weekday[] };
  return { status, grade, lessons, schoolHoursWeekly: parsed.weekly, invalidLessonDays: parsed.invalid };
}

/** Lesson times for documents and messages: "P 08:30–15:30, O 08:30–15:30 …". */
export function lessonsText(weekly: WeeklyWindows | undefined): string | null {
  const parts = ISO_DAYS.flatMap((d) => (weekly?.[d] ?? []).map((w) => `${LV_DAY_SHORT[d]} ${w.from}–${w.to}`));
  return parts.length ? parts.join(', ') : null;
}

/** The generator's input from the case: employer's days and hours, the client's constraints, the limits. */
async function buildInput(tx: Tx, v: In, startDate: string): Promise<ScheduleInput> {
  const school = schoolFacts(v, startDate);
  if (school.invalidLessonDays.length) {
    const days = school.invalidLessonDays.map((d) => LV_DAYS[d]).join(', ');
    throw new BpmnError('SCHEDULE_NOT_FEASIBLE', `invalid lesson times: ${school.invalidLessonDays.join(', ')}`, {
      scheduleProblem: {
        reason: 'INVALID_INPUT',
        message: `Mācību laiks ${days} nav saprotams: rakstiet sākumu un beigas, piemēram, 08:30-15:30, vai atstājiet tukšu, ja stundu nav.`,
        placedHours: 0,
        unplacedHours: v.sentencedHours,
        earliestCompletion: null,
        blockers: [],
      },
    });
  }
  const basicEducationUntil = basicEducationUntilFor(school.status, v.birthDate);
  const holidays = schoolHolidaysForGrade(school.grade);
  const p = await loadPlacement(tx, v.placementId);
  const window = [{ from: p.workPlace.dayStart, to: p.workPlace.dayEnd }];
  const weekly: WeeklyWindows = {};
  for (const d of p.workPlace.weekdays) weekly[ISO_DAYS[d - 1]!] = window;
  const c: ScheduleConstraints = v.scheduleConstraints;
  const unavailableWeekly: WeeklyWindows = {};
  for (const d of c?.unavailableWeekdays ?? [])
    if ((ISO_DAYS as string[]).includes(d)) unavailableWeekly[d as Weekday] = [{ from: '00:00', to: '24:00' }];
  return {
    measure: v.measure,
    totalHours: v.sentencedHours,
    startDate,
    ...(v.executionDeadline ? { deadline: v.executionDeadline } : {}),
    client: {
      birthDate: v.birthDate,
      ...(basicEducationUntil ? { basicEducationUntil } : {}),
      ...(Object.keys(school.schoolHoursWeekly).length ? { schoolHoursWeekly: school.schoolHoursWeekly } : {}),
      hasMainJobOrStudies: c?.hasMainJobOrStudies ?? false,
      consentsToLongerWorkdays: c?.consentsToLongerWorkdays ?? false,
      unavailableWeekly,
    },
    employer: { weekly },
    // A pupil's time after lessons is short: sessions from 1 h (ASSUMPTION, docs/work-schedule.md), else the default 2 h.
    preferences: {
      ...(c?.preferredSessionHours ? { preferredSessionHours: c.preferredSessionHours } : {}),
      ...(underEighteenOn(v.birthDate, startDate) ? { minSessionHours: 1 } : {}),
    },
    ...(holidays ? { calendar: { schoolHolidays: holidays } } : {}),
  };
}

const BLOCKER_LV: Record<BlockerCode, (days: number, night: string[]) => string> = {
  NO_EMPLOYER_DAYS: (d) =>
    `darba devējam nav darba laika (${d} dienas) — papildiniet darba vietas darba dienas un laiku vai izvēlieties citu darba vietu`,
  DAYS_OFF: (d) =>
    `${d} dienas ir svētku dienas, pārceltas brīvdienas vai brīvdienas, kurās nepilngadīgais nedrīkst strādāt — izvēlieties darba vietu, kas strādā darba dienās, vai vēlāku sākumu`,
  EMPLOYER_CLOSED: (d) => `darba devējs slēgts ${d} dienas`,
  CLIENT_UNAVAILABLE: (d) => `klients nav pieejams ${d} dienas — pārbaudiet dienas, kurās klients nevar strādāt`,
  NIGHT_BAN: (d, night) =>
    `${d} dienās viss darba devēja laiks ir nakts laikā, kad nepilngadīgajam strādāt aizliegts (${night.join(', ')}) — izvēlieties darba vietu ar darbu dienas laikā`,
  LESSONS: (d) =>
    `${d} mācību dienās mācību stundas aizņem visu darba devēja laiku — izvēlieties darba vietu, kas strādā pēc stundām, vai pārbaudiet mācību laiku`,
  OTHER_LIMITS: (d) =>
    `${d} dienās laiks bija brīvs, bet atpūtas laiks, minimālais reizes ilgums vai nedēļas ierobežojumi neatstāja vietu — samaziniet vēlamo ilgumu vai paplašiniet laiku`,
};

/** The officer's (Latvian) text of a failure: what went wrong and what to change. */
function problemText(r: Extract<ScheduleResult, { ok: false }>): string {
  switch (r.reason) {
    case 'NO_AVAILABILITY':
      return `Neviena darba reize neiekļaujas grafikā. Kas traucēja: ${(r.blockers ?? []).map((b) => BLOCKER_LV[b.code](b.days, b.night ?? [])).join('; ')}.`;
    case 'DEADLINE_UNREACHABLE':
      return `Līdz izpildes termiņam iekļaujas tikai ${r.placedHours} h no ${r.placedHours + r.unplacedHours} h${r.earliestCompletion ? `; bez termiņa stundas būtu nostrādātas ${r.earliestCompletion}` : ''} — mainiet sākumu, ilgumu vai darba vietu.`;
    case 'HORIZON_EXCEEDED':
      return `Trīs gadu laikā iekļaujas tikai ${r.placedHours} h — paplašiniet pieejamību vai izvēlieties citu darba vietu.`;
    default:
      return `Grafika dati nav derīgi: ${r.message}`;
  }
}

function problem(r: Extract<ScheduleResult, { ok: false }>): BpmnError {
  return new BpmnError('SCHEDULE_NOT_FEASIBLE', r.message, {
    scheduleProblem: {
      reason: r.reason,
      message: problemText(r),
      placedHours: r.placedHours,
      unplacedHours: r.unplacedHours,
      earliestCompletion: r.earliestCompletion ?? null,
      blockers: r.blockers ?? [],
    },
  });
}

/** Stores a successful result as the CURRENT schedule version, superseding the previous one. */
async function storeSchedule(tx: Tx, v: In, input: ScheduleInput, r: Extract<ScheduleResult, { ok: true }>) {
  const last = await tx.workSchedule.findFirst({ where: { caseId: v.caseId }, orderBy: { version: 'desc' } });
  await tx.workSchedule.updateMany({ where: { caseId: v.caseId, status: 'CURRENT' }, data: { status: 'SUPERSEDED' } });
  const scheduled = r.sessions.reduce((s, x) => s + x.hours, 0);
  const first = r.sessions[0]?.date ?? input.startDate;
  const row = await tx.workSchedule.create({
    data: {
      caseId: v.caseId,
      placementId: v.placementId,
      version: (last?.version ?? 0) + 1,
      status: 'CURRENT',
      startDate: new Date(`${first}T00:00:00Z`),
      endDate: new Date(`${r.completionDate ?? first}T00:00:00Z`),
      scheduledHours: scheduled,
      input: input as object,
      warnings: r.warnings as object[],
      sessions: {
        create: r.sessions.map((s) => ({
          date: new Date(`${s.date}T00:00:00Z`),
          startTime: s.start,
          endTime: s.end,
          breakMinutes: s.breakMinutes,
          hours: s.hours,
        })),
      },
    },
  });
  return {
    scheduleId: String(row.id),
    scheduleStartDate: first,
    scheduleEndDate: r.completionDate ?? first,
    scheduledHours: scheduled,
    version: row.version,
    warnings: r.warnings.map((w) => w.message),
  };
}

function minorNote(lessons: WeeklyWindows | undefined): string {
  const base =
    'Grafiks sastādīts, ievērojot Darba likuma 132. un 138. pantā noteiktos bērnu un pusaudžu darba laika ierobežojumus.';
  const text = lessonsText(lessons);
  return text
    ? `${base} Mācību laiks: ${text}; darbs plānots tikai ārpus mācību stundām (skolēnu brīvlaikā mācību laiks neattiecas).`
    : base;
}

/** The darba grafiks PDF of a stored schedule (also used after a re-plan). */
export async function createScheduleDocument(
  tx: Tx,
  input: { caseId: number; scheduleId: number; sourceKey: string; now: Date; publishedToEmployer?: boolean },
) {
  const s = await tx.workSchedule.findUniqueOrThrow({
    where: { id: input.scheduleId },
    include: {
      sessions: { orderBy: { date: 'asc' } },
      placement: { include: { workPlace: { include: { employer: true } } } },
    },
  });
  const header = await caseHeader(tx, input.caseId, input.now);
  return createDocument(
    tx,
    {
      caseId: input.caseId,
      kind: 'SCHEDULE',
      sourceKey: input.sourceKey,
      createdBy: SYSTEM_ACTOR,
      publishedToEmployer: input.publishedToEmployer ?? false,
      fileStem: `darba-grafiks-${header.caseNumber}-v${s.version}`,
    },
    () =>
      templates.schedule(header, {
        employerName: s.placement.workPlace.employer.name,
        workAddress: s.placement.workPlace.address,
        version: s.version,
        sessions: s.sessions.map((x) => ({
          date: isoDay(x.date),
          start: x.startTime,
          ...(x.endTime ? { end: x.endTime } : {}),
          hours: x.hours,
          breakMinutes: x.breakMinutes,
        })),
        ...(header.minor
          ? { limitsNote: minorNote((s.input as Partial<ScheduleInput> | null)?.client?.schoolHoursWeekly) }
          : {}),
      }),
  );
}

export const generateScheduleWorker = workStep('generate-schedule', {
  description: 'Generate the work schedule (darba grafiks)',
  input: scheduleInput,
  handler: async (v, ctx) => {
    const today = isoDay(ctx.services.now());
    const afterAppointment = v.appointment?.at ? nextDay(v.appointment.at.slice(0, 10)) : today;
    const startDate = [v.scheduleConstraints?.startDate?.slice(0, 10), afterAppointment, nextDay(today)]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1)!;
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const input = await buildInput(tx, v, startDate);
      const r = generateSchedule(input);
      if (!r.ok) return { ok: false as const, failure: r };
      return { ok: true as const, ...(await storeSchedule(tx, v, input, r)) };
    });
    if (!result.ok) throw problem(result.failure);
    const school = schoolFacts(v, startDate);
    return {
      scheduleId: result.scheduleId,
      scheduleStartDate: result.scheduleStartDate,
      scheduleEndDate: result.scheduleEndDate,
      scheduledHours: result.scheduledHours,
      scheduleWarnings: result.warnings,
      // What the schedule was planned with, so that the agreement form shows it (and the officer can change it).
      scheduleConstraints: {
        ...(v.scheduleConstraints ?? {}),
        schoolStatus: school.status,
        lessons: school.lessons ?? null,
      },
      lessonTimes: lessonsText(school.schoolHoursWeekly),
    };
  },
});

export const replanScheduleWorker = workStep('replan-schedule', {
  description: 'Re-plan the remaining hours from today with the hours ledger',
  input: scheduleInput.omit({ appointment: true }),
  handler: async (v, ctx) => {
    const today = isoDay(ctx.services.now());
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const entries = await tx.hoursEntry.findMany({ where: { caseId: v.caseId }, orderBy: { periodTo: 'asc' } });
      const ledger: LedgerEntry[] = entries.map((e) => ({ date: isoDay(e.periodTo), hours: e.hours }));
      const lastWorked = ledger.at(-1)?.date;
      const from = [
        nextDay(today),
        lastWorked ? nextDay(lastWorked) : undefined,
        v.scheduleConstraints?.startDate?.slice(0, 10),
      ]
        .filter((d): d is string => !!d)
        .sort()
        .at(-1)!;
      const input = await buildInput(tx, { ...v, appointment: null }, from);
      const r = replan(input, ledger, from);
      if (!r.ok) return { ok: false as const, failure: r };
      const stored = await storeSchedule(
        tx,
        { ...v, appointment: null },
        { ...input, totalHours: r.ledger.remainingHours },
        r,
      );
      const doc = await createScheduleDocument(tx, {
        caseId: v.caseId,
        scheduleId: Number(stored.scheduleId),
        sourceKey: `${ctx.idempotencyKey}:SCHEDULE`,
        now: ctx.services.now(),
        publishedToEmployer: true,
      });
      const p = await loadPlacement(tx, v.placementId);
      await queueNotification(tx, {
        caseId: v.caseId,
        recipientType: 'EMPLOYER',
        recipient: p.workPlace.employer.registrationNo,
        notificationType: 'SCHEDULE_CHANGED',
        channel: 'PORTAL',
        subject: 'Mainīts sabiedriskā darba grafiks',
        body: `Klienta darba grafiks pārplānots: atlikušās ${stored.scheduledHours} stundas no ${stored.scheduleStartDate} līdz ${stored.scheduleEndDate}. Jaunais grafiks pieejams e-pakalpojumā.`,
        idempotencyKey: `${ctx.idempotencyKey}:employer`,
      });
      return { ok: true as const, ...stored, scheduleDocumentId: String(doc.id) };
    });
    if (!result.ok) throw problem(result.failure);
    return {
      scheduleId: result.scheduleId,
      scheduleEndDate: result.scheduleEndDate,
      scheduledHours: result.scheduledHours,
      scheduleDocumentId: result.scheduleDocumentId,
    };
  },
});
