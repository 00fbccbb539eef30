import { z } from 'zod';
import { TransientIntegrationError } from '../../integrations';
import { BpmnError, defineJobWorker, type JobContext } from '../framework/definition';
import { once } from '../framework/idempotency';
import { SYSTEM_ACTOR, caseInput } from '../community-service/common';

/**
 * shared-register-lookup: VIIS (education) and IIS VDEĀVK (disability) look-ups, shown to the officer before
 * anything is saved (000 §3.2.1). Every answer is kept as an unsaved extract with its source and time, so the
 * review is traceable; the officer's SAVE marks the chosen ones saved.
 *
 * An unavailable register is retried by the engine (transient errors); on the last retry the step gives up
 * with REGISTER_UNAVAILABLE and the process goes on without the data (the officer sees "UNAVAILABLE" and may
 * ask again), rather than stopping the case on an incident.
 */
const input = z.object({ ...caseInput, purpose: z.string().nullish() });

async function lookUp<T>(ctx: JobContext, register: 'VIIS' | 'IIS_VDEAVK', caseId: number, purpose: string, fetch: (personalCode: string) => Promise<T | null>, toRecords: (x: T) => unknown[]) {
  const c = await ctx.prisma.case.findUniqueOrThrow({ where: { id: caseId }, include: { client: true } });
  let answer: T | null;
  try {
    answer = await fetch(c.client.personalCode);
  } catch (err) {
    if (err instanceof TransientIntegrationError && ctx.retries > 1) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    const extract = { status: 'UNAVAILABLE', source: register, retrievedAt: ctx.services.now().toISOString(), reason, records: [] };
    await ctx.prisma.registerExtract.create({ data: { caseId, register, status: 'UNAVAILABLE', purpose, retrievedAt: ctx.services.now(), data: extract } });
    throw new BpmnError('REGISTER_UNAVAILABLE', `${register} did not answer: ${reason}`, { [register === 'VIIS' ? 'educationExtract' : 'disabilityExtract']: extract });
  }
  const retrievedAt = (answer as { retrievedAt?: string } | null)?.retrievedAt ?? ctx.services.now().toISOString();
  const extract = { status: answer ? 'FOUND' : 'NOT_FOUND', source: register, retrievedAt, records: answer ? toRecords(answer) : [] };
  const { result } = await once(ctx.prisma, ctx, async (tx) => {
    const row = await tx.registerExtract.create({ data: { caseId, register, status: extract.status, purpose, retrievedAt: new Date(retrievedAt), data: extract as object } });
    return { ...extract, extractId: String(row.id) };
  });
  return result;
}

export const lookupEducation = defineJobWorker({
  type: 'shared.lookup-education',
  description: 'Ask VIIS for the client’s education',
  input,
  handler: async (v, ctx) => {
    const educationExtract = await lookUp(ctx, 'VIIS', v.caseId, v.purpose ?? 'work-matching', (pc) => ctx.services.viis.getEducation(pc), (x) =>
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
    );
    return { educationExtract };
  },
});

export const lookupDisability = defineJobWorker({
  type: 'shared.lookup-disability',
  description: 'Ask IIS VDEĀVK for the client’s disability',
  input,
  handler: async (v, ctx) => {
    const disabilityExtract = await lookUp(ctx, 'IIS_VDEAVK', v.caseId, v.purpose ?? 'work-matching', (pc) => ctx.services.vdeavk.getDisability(pc), (x) => [
      { disabilityGroup: x.disability.group, validFrom: x.disability.term.from, validUntil: x.disability.term.until, status: x.disability.status, functionalDisorder: x.disability.functionalDisorders.join('; ') },
    ]);
    return { disabilityExtract };
  },
});

const extract = z.object({ status: z.string(), extractId: z.string().nullish(), records: z.array(z.record(z.string(), z.unknown())).nullish() }).passthrough().nullish();
const LEVEL_ORDER = ['BASIC', 'SECONDARY', 'VOCATIONAL', 'HIGHER'];
const level = (l: unknown) => (l === 'GENERAL_SECONDARY' ? 'SECONDARY' : typeof l === 'string' ? l : null);

export const saveRegisterExtracts = defineJobWorker({
  type: 'shared.save-register-extracts',
  description: 'Save the extracts the officer chose into the case and summarise them',
  input: z.object({ ...caseInput, educationExtract: extract, disabilityExtract: extract, saveEducation: z.boolean().nullish(), saveDisability: z.boolean().nullish() }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const now = ctx.services.now();
      for (const [chosen, e] of [[v.saveEducation, v.educationExtract], [v.saveDisability, v.disabilityExtract]] as const) {
        if (chosen && e?.extractId) await tx.registerExtract.update({ where: { id: Number(e.extractId) }, data: { savedAt: now, savedBy: SYSTEM_ACTOR } });
      }
      const edu = v.saveEducation && v.educationExtract?.status === 'FOUND' ? (v.educationExtract.records ?? []) : [];
      const levels = edu.map((r) => level(r.educationLevel)).filter((l): l is string => !!l);
      const educationLevel = levels.sort((a, b) => LEVEL_ORDER.indexOf(b) - LEVEL_ORDER.indexOf(a))[0] ?? null;
      const dis = v.saveDisability && v.disabilityExtract?.status === 'FOUND' ? (v.disabilityExtract.records ?? []).filter((r) => r.status !== 'EXPIRED') : [];
      return {
        educationLevel,
        // Basic education finished: the minor is no longer a "child" for the Labour Law's limits.
        basicEducationUntil: (edu.find((r) => level(r.educationLevel) === 'BASIC')?.issueDate as string | undefined) ?? null,
        disabilityGroup: (dis[0]?.disabilityGroup as string | undefined) ?? null,
        functionalRestrictions: (dis[0]?.functionalDisorder as string | undefined) ?? null,
      };
    });
    return { registerSummary: result };
  },
});

export const registerLookupWorkers = [lookupEducation, lookupDisability, saveRegisterExtracts];
