import { z } from 'zod';
import { TransientIntegrationError } from '../../integrations';
import type { EducationExtract } from '../../integrations/viis/schema';
import { SCHOOL_STATUSES, type SchoolStatus } from '../../domain/work-schedule';
import { BpmnError, defineJobWorker, type JobContext } from '../framework/definition';
import { once } from '../framework/idempotency';
import { SYSTEM_ACTOR, caseInput } from './common';

/**
 * Register look-up (shared call activity): VIIS (education) and IIS VDEĀVK (disability) look-ups, shown to the officer before
 * anything is saved (000 §3.2.1). Every answer is kept as an unsaved extract with its source and time, so the
 * review is traceable; the officer's SAVE marks the chosen ones saved.
 *
 * An unavailable register is retried by the engine (transient errors); on the last retry the step gives up
 * with REGISTER_UNAVAILABLE and the process goes on without the data (the officer sees "UNAVAILABLE" and may
 * ask again), rather than stopping the case on an incident.
 */
const input = z.object({ ...caseInput, purpose: z.string().nullish() });

type SchoolFacts = {
  schoolStatus: SchoolStatus;
  schoolGrade: number | null;
  schoolStatusText: string;
  enrolment: Record<string, unknown> | null;
};

/**
 * The school status VIIS gives (issue 15): enrolled in a basic-education programme now → a child for the Labour
 * Law until 18; a basic-education certificate or enrolment beyond basic education → not; nothing → unknown, and
 * the children's limits apply until the officer records otherwise. The text is what the officer reads.
 */
export function schoolFactsOf(answer: EducationExtract | null): SchoolFacts {
  const e = answer?.enrolment ?? null;
  const enrolment = e
    ? { level: e.level, grade: e.grade, institution: e.institution, programmeCode: e.programmeCode, since: e.since }
    : null;
  if (e?.level === 'BASIC') {
    return {
      schoolStatus: 'IN_BASIC_EDUCATION',
      schoolGrade: e.grade,
      enrolment,
      schoolStatusText: `mācās pamatizglītības programmā${e.grade ? `, ${e.grade}. klasē` : ''} (${e.institution}) — piemēro bērnu darba laika ierobežojumus`,
    };
  }
  const basic = answer?.documents.find((d) => d.level === 'BASIC');
  if (basic || e) {
    const how = basic ? `pamatizglītība iegūta ${basic.issueDate}` : 'pamatizglītības programmā nemācās';
    const now = e ? `; mācās: ${e.institution}${e.grade ? `, ${e.grade}. klasē` : ''}` : '';
    return {
      schoolStatus: 'NOT_IN_BASIC_EDUCATION',
      schoolGrade: e?.grade ?? null,
      enrolment,
      schoolStatusText: `${how}${now} — no 15 gadiem piemēro pusaudžu ierobežojumus`,
    };
  }
  return {
    schoolStatus: 'UNKNOWN',
    schoolGrade: null,
    enrolment: null,
    schoolStatusText:
      'reģistrs nevar pateikt, vai persona mācās pamatizglītības programmā — piemēro bērnu darba laika ierobežojumus, līdz norādāt citu statusu',
  };
}

async function lookUp<T>(
  ctx: JobContext,
  register: 'VIIS' | 'IIS_VDEAVK',
  caseId: number,
  purpose: string,
  fetch: (personalCode: string) => Promise<T | null>,
  toRecords: (x: T) => unknown[],
  extra: (x: T | null) => Record<string, unknown> = () => ({}),
) {
  const c = await ctx.prisma.case.findUniqueOrThrow({ where: { id: caseId }, include: { client: true } });
  let answer: T | null;
  try {
    answer = await fetch(c.client.personalCode);
  } catch (err) {
    if (err instanceof TransientIntegrationError && ctx.retries > 1) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    const extract = {
      status: 'UNAVAILABLE',
      source: register,
      retrievedAt: ctx.services.now().toISOString(),
      reason,
      records: [],
      ...extra(null),
    };
    await ctx.prisma.registerExtract.create({
      data: { caseId, register, status: 'UNAVAILABLE', purpose, retrievedAt: ctx.services.now(), data: extract },
    });
    throw new BpmnError('REGISTER_UNAVAILABLE', `${register} did not answer: ${reason}`, {
      [register === 'VIIS' ? 'educationExtract' : 'disabilityExtract']: extract,
    });
  }
  const retrievedAt = (answer as { retrievedAt?: string } | null)?.retrievedAt ?? ctx.services.now().toISOString();
  const extract = {
    status: answer ? 'FOUND' : 'NOT_FOUND',
    source: register,
    retrievedAt,
    records: answer ? toRecords(answer) : [],
    ...extra(answer),
  };
  const { result } = await once(ctx.prisma, ctx, async (tx) => {
    const row = await tx.registerExtract.create({
      data: {
        caseId,
        register,
        status: extract.status,
        purpose,
        retrievedAt: new Date(retrievedAt),
        data: extract as object,
      },
    });
    return { ...extract, extractId: String(row.id) };
  });
  return result;
}

export const lookupEducation = defineJobWorker({
  type: 'shared.lookup-education',
  description: 'Ask VIIS for the client’s education',
  input,
  handler: async (v, ctx) => {
    const educationExtract = await lookUp(
      ctx,
      'VIIS',
      v.caseId,
      v.purpose ?? 'work-matching',
      (pc) => ctx.services.viis.getEducation(pc),
      (x) =>
        x.documents.map((d) => ({
          educationLevel: d.level,
          educationType: d.educationType,
          documentType: d.documentType,
          institution: d.issuingInstitution,
          documentSeries: d.documentSeries,
          documentNumber: d.documentNumber,
          issueDate: d.issueDate,
          programmeCode: d.programmeCode,
          qualification: d.qualification,
        })),
      (x) => schoolFactsOf(x),
    );
    return { educationExtract };
  },
});

export const lookupDisability = defineJobWorker({
  type: 'shared.lookup-disability',
  description: 'Ask IIS VDEĀVK for the client’s disability',
  input,
  handler: async (v, ctx) => {
    const disabilityExtract = await lookUp(
      ctx,
      'IIS_VDEAVK',
      v.caseId,
      v.purpose ?? 'work-matching',
      (pc) => ctx.services.vdeavk.getDisability(pc),
      (x) => [
        {
          disabilityGroup: x.disability.group,
          validFrom: x.disability.term.from,
          validUntil: x.disability.term.until,
          status: x.disability.status,
          functionalDisorder: x.disability.functionalDisorders.join('; '),
        },
      ],
    );
    return { disabilityExtract };
  },
});

const extract = z
  .object({
    status: z.string(),
    extractId: z.string().nullish(),
    records: z.array(z.record(z.string(), z.unknown())).nullish(),
  })
  .passthrough()
  .nullish();
const LEVEL_ORDER = ['BASIC', 'SECONDARY', 'VOCATIONAL', 'HIGHER'];
const level = (l: unknown) => (l === 'GENERAL_SECONDARY' ? 'SECONDARY' : typeof l === 'string' ? l : null);

export const saveRegisterExtracts = defineJobWorker({
  type: 'shared.save-register-extracts',
  description: 'Save the extracts the officer chose into the case and summarise them',
  input: z.object({
    ...caseInput,
    educationExtract: extract,
    disabilityExtract: extract,
    saveEducation: z.boolean().nullish(),
    saveDisability: z.boolean().nullish(),
    /** The officer's correction of the school status (REGISTER or empty: as VIIS says). */
    schoolStatusCorrection: z.enum(['REGISTER', ...SCHOOL_STATUSES]).nullish(),
    schoolGradeCorrection: z.number().int().min(1).max(12).nullish(),
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const now = ctx.services.now();
      for (const [chosen, e] of [
        [v.saveEducation, v.educationExtract],
        [v.saveDisability, v.disabilityExtract],
      ] as const) {
        if (chosen && e?.extractId)
          await tx.registerExtract.update({
            where: { id: Number(e.extractId) },
            data: { savedAt: now, savedBy: SYSTEM_ACTOR },
          });
      }
      const edu = v.saveEducation && v.educationExtract?.status === 'FOUND' ? (v.educationExtract.records ?? []) : [];
      const levels = edu.map((r) => level(r.educationLevel)).filter((l): l is string => !!l);
      const educationLevel = levels.sort((a, b) => LEVEL_ORDER.indexOf(b) - LEVEL_ORDER.indexOf(a))[0] ?? null;
      const dis =
        v.saveDisability && v.disabilityExtract?.status === 'FOUND'
          ? (v.disabilityExtract.records ?? []).filter((r) => r.status !== 'EXPIRED')
          : [];
      // The register's school status counts only when the officer saved the education data; otherwise unknown
      // (children's limits). An explicit correction by the officer always wins.
      const fromRegister =
        v.saveEducation && v.educationExtract?.status === 'FOUND'
          ? ((v.educationExtract.schoolStatus as SchoolStatus | undefined) ?? 'UNKNOWN')
          : 'UNKNOWN';
      const corrected =
        v.schoolStatusCorrection && v.schoolStatusCorrection !== 'REGISTER' ? v.schoolStatusCorrection : null;
      const registerGrade = v.saveEducation
        ? ((v.educationExtract?.schoolGrade as number | null | undefined) ?? null)
        : null;
      return {
        educationLevel,
        schoolStatus: corrected ?? fromRegister,
        schoolStatusSource: corrected ? 'OFFICER' : fromRegister === 'UNKNOWN' ? 'NONE' : 'VIIS',
        schoolGrade: v.schoolGradeCorrection ?? registerGrade,
        disabilityGroup: (dis[0]?.disabilityGroup as string | undefined) ?? null,
        functionalRestrictions: (dis[0]?.functionalDisorder as string | undefined) ?? null,
      };
    });
    return { registerSummary: result };
  },
});

export const registerLookupWorkers = [lookupEducation, lookupDisability, saveRegisterExtracts];
