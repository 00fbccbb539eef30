import { z } from 'zod';
import { offenceGroups, rankWorkPlaces, type MatchPlace } from '../../domain/work-matching';
import { queueNotification } from '../../domain/notifications/queue';
import { BpmnError } from '../framework/definition';
import { once } from '../framework/idempotency';
import { caseInput, idString } from '../shared/common';
import { limitsProfile, loadPlacement } from './common';
import { workStep } from './work-step';

/** Planning, steps 1–3 and the release: propose, reserve and release a work place (contract §4). */

const registerSummary = z
  .object({ educationLevel: z.string().nullish(), disabilityGroup: z.string().nullish() })
  .passthrough()
  .nullish();

const label = (p: { employer: { name: string }; jobTitle: string; address: string }) =>
  `${p.employer.name} — ${p.jobTitle} (${p.address})`;

/** Work places not to propose again in this case (taken meanwhile, or given up at agreement), as the process keeps them. */
const ExcludedIds = z.array(z.union([z.string(), z.number()])).nullish();

/** The exclusion list as ids, with `add` appended once. */
function excludedWith(list: z.infer<typeof ExcludedIds>, add?: string): string[] {
  return [...new Set([...(list ?? []).map(String), ...(add ? [add] : [])])];
}

export const proposeWorkPlaces = workStep('propose-work-places', {
  description: 'Rank suitable work places for the client (matching criteria of 000 §3.1.1)',
  input: z.object({
    ...caseInput,
    birthDate: z.iso.date(),
    registerSummary,
    limitsProfile,
    excludedWorkPlaceIds: ExcludedIds,
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const c = await tx.case.findUniqueOrThrow({
        where: { id: v.caseId },
        include: { client: true, rulings: { orderBy: { id: 'desc' }, take: 1 } },
      });
      const excluded = new Set(excludedWith(v.excludedWorkPlaceIds));
      const places = await tx.workPlace.findMany({
        where: { departmentId: c.departmentId, active: true },
        include: { employer: true },
        orderBy: { id: 'asc' },
      });
      const occupied = await tx.placement.groupBy({
        by: ['workPlaceId'],
        where: { status: { in: ['RESERVED', 'ACTIVE'] } },
        _count: true,
      });
      const occupancy = new Map(occupied.map((o) => [o.workPlaceId, o._count]));
      const offences = ((c.rulings[0]?.offences ?? []) as { article?: string }[])
        .map((o) => o.article ?? '')
        .filter(Boolean);
      const today = ctx.services.now();
      const born = new Date(`${v.birthDate}T00:00:00Z`);
      const age =
        today.getUTCFullYear() -
        born.getUTCFullYear() -
        (today.getUTCMonth() * 100 + today.getUTCDate() < born.getUTCMonth() * 100 + born.getUTCDate() ? 1 : 0);
      const client = {
        age,
        skills: c.client.skills,
        home:
          c.client.latitude !== null && c.client.longitude !== null
            ? { lat: c.client.latitude, lon: c.client.longitude }
            : null,
        offenceGroups: offenceGroups(offences),
        disabilityGroup: v.registerSummary?.disabilityGroup ?? null,
        educationLevel: v.registerSummary?.educationLevel ?? null,
      };
      const candidates: MatchPlace[] = places
        .filter((p) => !excluded.has(String(p.id)))
        .map((p) => ({
          id: p.id,
          employerId: p.employerId,
          employerName: p.employer.name,
          jobTitle: p.jobTitle,
          address: p.address,
          priorityJob: p.priorityJob,
          minAge: p.minAge,
          physicalDemand: p.physicalDemand,
          skills: p.skills,
          excludedOffenceGroups: p.excludedOffenceGroups,
          minEducationLevel: p.minEducationLevel,
          location: p.latitude !== null && p.longitude !== null ? { lat: p.latitude, lon: p.longitude } : null,
          capacity: p.capacity,
          occupied: occupancy.get(p.id) ?? 0,
        }));
      const ranked = rankWorkPlaces(client, candidates);
      const proposed = new Set(ranked.proposals.map((p) => p.workPlaceId));
      await tx.workMatch.create({
        data: {
          caseId: v.caseId,
          proposals: ranked.proposals as object[],
          criteria: { client, excludedWorkPlaceIds: [...excluded], rejected: ranked.rejected } as object,
        },
      });
      return {
        workPlaceProposals: ranked.proposals,
        workPlaceOptions: ranked.proposals.map((p) => ({
          label: `${p.rank}. ${p.employerName} — ${p.jobTitle} (${p.reasons.join('; ')})`,
          value: p.workPlaceId,
        })),
        otherWorkPlaceOptions: places
          .filter((p) => !proposed.has(String(p.id)))
          .map((p) => ({ label: label(p), value: String(p.id) })),
        rejected: ranked.rejected.length,
      };
    });
    if (result.workPlaceProposals.length === 0) {
      throw new BpmnError('NO_WORK_PLACE_FOUND', 'no suitable work place in the department', {
        otherWorkPlaceOptions: result.otherWorkPlaceOptions,
        proposalProblem: `Nodaļā nav piemērotas brīvas darba vietas (pārbaudītas ${result.rejected}, neviena neatbilst). Izvēlieties darba vietu pats un norādiet iemeslu.`,
      });
    }
    return {
      workPlaceProposals: result.workPlaceProposals,
      workPlaceOptions: result.workPlaceOptions,
      otherWorkPlaceOptions: result.otherWorkPlaceOptions,
    };
  },
});

export const reserveWorkPlace = workStep('reserve-work-place', {
  description: 'Reserve the chosen work place (placement RESERVED)',
  input: z.object({
    ...caseInput,
    workPlaceId: idString,
    selectionOverridden: z.boolean().nullish(),
    overrideReason: z.string().nullish(),
    excludedWorkPlaceIds: ExcludedIds,
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      // Lock the work place so two cases cannot both take its last free spot.
      await tx.$queryRaw`SELECT id FROM work_place WHERE id = ${v.workPlaceId} FOR UPDATE`;
      const place = await tx.workPlace.findUniqueOrThrow({ where: { id: v.workPlaceId }, include: { employer: true } });
      const taken = await tx.placement.count({
        where: { workPlaceId: place.id, status: { in: ['RESERVED', 'ACTIVE'] } },
      });
      if (!place.active || taken >= place.capacity)
        return {
          unavailable: true as const,
          reason: place.active ? `Visas ${place.capacity} vietas aizņemtas` : 'Darba vieta vairs netiek piedāvāta',
        };
      const placement = await tx.placement.create({
        data: {
          caseId: v.caseId,
          workPlaceId: place.id,
          status: 'RESERVED',
          selectionOverridden: v.selectionOverridden ?? false,
          overrideReason: v.overrideReason ?? null,
        },
      });
      return {
        unavailable: false as const,
        placementId: String(placement.id),
        employerId: String(place.employerId),
        employerName: place.employer.name,
      };
    });
    if (result.unavailable) {
      throw new BpmnError('WORK_PLACE_UNAVAILABLE', result.reason, {
        excludedWorkPlaceIds: excludedWith(v.excludedWorkPlaceIds, String(v.workPlaceId)),
      });
    }
    return { placementId: result.placementId, employerId: result.employerId, employerName: result.employerName };
  },
});

export const releaseWorkPlace = workStep('release-work-place', {
  description: 'Release the reserved work place and tell the employer',
  input: z.object({
    ...caseInput,
    placementId: idString,
    changeReason: z.string().nullish(),
    excludedWorkPlaceIds: ExcludedIds,
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const p = await loadPlacement(tx, v.placementId);
      await tx.placement.update({
        where: { id: p.id },
        data: { status: 'RELEASED', endedAt: ctx.services.now(), endReason: v.changeReason ?? null },
      });
      const c = await tx.case.findUniqueOrThrow({ where: { id: v.caseId } });
      await queueNotification(tx, {
        caseId: v.caseId,
        recipientType: 'EMPLOYER',
        recipient: p.workPlace.employer.registrationNo,
        notificationType: 'PLACEMENT_RELEASED',
        channel: 'PORTAL',
        subject: `Darba vieta atbrīvota (lieta ${c.caseNumber})`,
        body: `Valsts probācijas dienests atsauc rezervēto darba vietu "${p.workPlace.jobTitle}". Iemesls: ${v.changeReason ?? 'nav norādīts'}.`,
        idempotencyKey: `${ctx.idempotencyKey}:employer`,
      });
      return { workPlaceId: String(p.workPlaceId) };
    });
    return { placementId: null, excludedWorkPlaceIds: excludedWith(v.excludedWorkPlaceIds, result.workPlaceId) };
  },
});

export const recordAppointment = workStep('record-appointment', {
  description: 'Record the appointment at the employer',
  input: z.object({
    ...caseInput,
    placementId: idString,
    appointment: z.object({
      at: z.string().min(1),
      place: z.string().nullish(),
      contactPerson: z.string().nullish(),
      contactPhone: z.string().nullish(),
      officerAttends: z.boolean().nullish(),
      legalRepresentativeAttends: z.boolean().nullish(),
      note: z.string().nullish(),
      source: z.enum(['OFFICER', 'E_SERVICE']).nullish(),
      proposalId: z.string().nullish(),
    }),
  }),
  handler: async (v, ctx) => {
    const at = new Date(v.appointment.at);
    if (Number.isNaN(at.getTime()))
      throw new Error(`appointment.at "${v.appointment.at}" is not a date-time; correct the variable and retry`);
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const p = await loadPlacement(tx, v.placementId);
      const row = await tx.appointment.create({
        data: {
          caseId: v.caseId,
          placementId: p.id,
          at,
          place: v.appointment.place ?? p.workPlace.address,
          contactPerson: v.appointment.contactPerson ?? p.workPlace.employer.contactPerson,
          contactPhone: v.appointment.contactPhone ?? p.workPlace.employer.contactPhone,
          officerAttends: v.appointment.officerAttends ?? false,
          legalRepresentativeAttends: v.appointment.legalRepresentativeAttends ?? false,
          note: v.appointment.note ?? null,
          source: v.appointment.source ?? 'OFFICER',
          proposalId: v.appointment.proposalId ?? null,
        },
      });
      return { appointmentId: String(row.id) };
    });
    return result;
  },
});
