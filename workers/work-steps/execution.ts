import { z } from 'zod';
import { caseHeader, createDocument, templates } from '../../domain/documents';
import { queueNotification } from '../../domain/notifications/queue';
import { once } from '../framework/idempotency';
import { SYSTEM_ACTOR, caseInput, hoursWorked, idString, round1 } from '../shared/common';
import { loadPlacement } from './common';
import { createScheduleDocument } from './schedule';
import { workStep } from './work-step';

/** Opening, documents, execution control and the end of the placement (contract §4). */

const ORIGIN_LV: Record<string, string> = {
  TIS: 'Tiesu informatīvā sistēma (TIS)',
  PROIS: 'Prokuratūras informācijas sistēma (ProIS)',
  IEVP: 'Ieslodzījuma vietu pārvalde (IeVP IS)',
};

export const openExecution = workStep('open-execution', {
  description: 'Open the execution record and make the start-of-execution document',
  input: z.object({ ...caseInput, origin: z.enum(['TIS', 'PROIS', 'IEVP']) }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const now = ctx.services.now();
      const header = await caseHeader(tx, v.caseId, now);
      const ruling = await tx.ruling.findFirst({ where: { caseId: v.caseId }, orderBy: { id: 'desc' } });
      const doc = await createDocument(
        tx,
        {
          caseId: v.caseId,
          kind: 'EXECUTION_START',
          sourceKey: `${ctx.idempotencyKey}:EXECUTION_START`,
          createdBy: SYSTEM_ACTOR,
          fileStem: `izpildes-uzsaksana-${header.caseNumber}`,
        },
        () =>
          templates.executionStart(header, {
            origin: ORIGIN_LV[v.origin] ?? v.origin,
            receivedOn: ruling?.receivedAt ?? now,
          }),
      );
      await tx.auditLog.create({
        data: {
          actor: SYSTEM_ACTOR,
          action: 'case.execution-opened',
          entityType: 'case',
          entityId: String(v.caseId),
          details: { documentId: doc.id },
        },
      });
      return { executionRecordId: String(v.caseId), startDocumentIds: [String(doc.id)] };
    });
    return result;
  },
});

export const generateDocuments = workStep('generate-documents', {
  description: 'Make the norīkojums and the darba grafiks and publish them to the employer',
  input: z.object({ ...caseInput, placementId: idString, scheduleId: idString }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const now = ctx.services.now();
      const p = await loadPlacement(tx, v.placementId);
      const s = await tx.workSchedule.findUniqueOrThrow({ where: { id: v.scheduleId } });
      const appointment = await tx.appointment.findFirst({ where: { placementId: p.id }, orderBy: { id: 'desc' } });
      const header = await caseHeader(tx, v.caseId, now);
      const assignment = await createDocument(
        tx,
        {
          caseId: v.caseId,
          kind: 'ASSIGNMENT',
          sourceKey: `${ctx.idempotencyKey}:ASSIGNMENT`,
          createdBy: SYSTEM_ACTOR,
          publishedToEmployer: true,
          fileStem: `norikojums-${header.caseNumber}`,
        },
        () =>
          templates.assignment(header, {
            employerName: p.workPlace.employer.name,
            employerAddress: p.workPlace.employer.address,
            jobTitle: p.workPlace.jobTitle,
            workAddress: p.workPlace.address,
            contactPerson: appointment?.contactPerson ?? p.workPlace.employer.contactPerson,
            contactPhone: appointment?.contactPhone ?? p.workPlace.employer.contactPhone,
            appointmentAt: appointment?.at ?? null,
            appointmentPlace: appointment?.place ?? null,
            startDate: s.startDate.toISOString().slice(0, 10),
            endDate: s.endDate.toISOString().slice(0, 10),
            scheduledHours: s.scheduledHours,
          }),
      );
      const schedule = await createScheduleDocument(tx, {
        caseId: v.caseId,
        scheduleId: s.id,
        sourceKey: `${ctx.idempotencyKey}:SCHEDULE`,
        now,
        publishedToEmployer: true,
      });
      await queueNotification(tx, {
        caseId: v.caseId,
        recipientType: 'EMPLOYER',
        recipient: p.workPlace.employer.registrationNo,
        notificationType: 'DOCUMENTS_PUBLISHED',
        channel: 'PORTAL',
        subject: `Norīkojums un darba grafiks (lieta ${header.caseNumber})`,
        body: `E-pakalpojumā pieejams norīkojums un darba grafiks klientam ${header.clientName} darbam "${p.workPlace.jobTitle}". Lūdzu, saskaņojiet grafiku.`,
        idempotencyKey: `${ctx.idempotencyKey}:employer`,
      });
      return { assignmentDocumentId: String(assignment.id), scheduleDocumentId: String(schedule.id) };
    });
    return result;
  },
});

export const startExecution = workStep('start-execution', {
  description: 'Start execution control: placement active, hours ledger open',
  input: z.object({ ...caseInput, placementId: idString, sentencedHours: z.number().positive() }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const now = ctx.services.now();
      await tx.placement.update({ where: { id: v.placementId }, data: { status: 'ACTIVE', startedAt: now } });
      const worked = await hoursWorked(tx, v.caseId);
      return {
        executionStartedAt: now.toISOString(),
        hoursWorkedTotal: worked,
        hoursRemaining: round1(Math.max(0, v.sentencedHours - worked)),
      };
    });
    return {
      executionStartedAt: result.executionStartedAt,
      warningCount: 0,
      hoursWorkedTotal: result.hoursWorkedTotal,
      hoursRemaining: result.hoursRemaining,
    };
  },
});

const hoursReport = z
  .object({
    reportId: z.string().min(1),
    periodFrom: z.string().nullish(),
    periodTo: z.string().nullish(),
    entries: z.array(z.object({ date: z.string(), hours: z.number(), note: z.string().nullish() })).nullish(),
    totalHours: z.number().min(0),
    isFinalCertification: z.boolean().nullish(),
  })
  .passthrough();

export const recordHours = workStep('record-hours', {
  description: 'Record confirmed hours in the hours ledger',
  input: z.object({
    ...caseInput,
    placementId: idString,
    hoursReport,
    hoursDecision: z.enum(['CONFIRMED', 'CORRECTED']),
    hoursDecisionNote: z.string().nullish(),
    sentencedHours: z.number().positive(),
    hoursToRecord: z.number().min(0).max(1000),
  }),
  handler: async (v, ctx) => {
    // The report id is the idempotency key: a redelivered job or a second delivery of the same report records nothing twice.
    const { result } = await once(
      ctx.prisma,
      { ...ctx, idempotencyKey: `hours-report:${v.caseId}:${v.hoursReport.reportId}` },
      async (tx) => {
        const dates = (v.hoursReport.entries ?? []).map((e) => e.date.slice(0, 10)).sort();
        const today = ctx.services.now().toISOString().slice(0, 10);
        const from = v.hoursReport.periodFrom?.slice(0, 10) ?? dates[0] ?? today;
        const to = v.hoursReport.periodTo?.slice(0, 10) ?? dates.at(-1) ?? from;
        await tx.hoursEntry.create({
          data: {
            caseId: v.caseId,
            placementId: v.placementId,
            reportId: `${v.caseId}:${v.hoursReport.reportId}`,
            periodFrom: new Date(`${from}T00:00:00Z`),
            periodTo: new Date(`${to}T00:00:00Z`),
            reportedHours: v.hoursReport.totalHours,
            hours: v.hoursToRecord,
            decision: v.hoursDecision,
            note: v.hoursDecisionNote ?? null,
            entries: (v.hoursReport.entries ?? []) as object[],
            recordedBy: SYSTEM_ACTOR,
          },
        });
        const worked = round1(await hoursWorked(tx, v.caseId));
        return {
          hoursWorkedTotal: worked,
          hoursRemaining: round1(Math.max(0, v.sentencedHours - worked)),
          allHoursWorked: worked >= v.sentencedHours,
        };
      },
    );
    return result;
  },
});

export const issueWarning = workStep('issue-warning', {
  description: 'Issue a written warning and send it by e-adrese',
  input: z.object({
    ...caseInput,
    absenceReport: z
      .object({ reportId: z.string().nullish(), kind: z.string().nullish(), date: z.string().nullish() })
      .passthrough(),
    absenceJustification: z.string().nullish(),
    notifyLegalRepresentative: z.boolean().nullish(),
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const now = ctx.services.now();
      const c = await tx.case.findUniqueOrThrow({ where: { id: v.caseId }, include: { client: true } });
      const earlier = await tx.controlEntry.count({ where: { caseId: v.caseId, kind: 'WARNING' } });
      const warningNumber = earlier + 1;
      const rep = c.client.legalRepresentative as { firstName?: string; lastName?: string } | null;
      const header = await caseHeader(tx, v.caseId, now);
      const absenceDate = v.absenceReport.date?.slice(0, 10) ?? now.toISOString().slice(0, 10);
      const doc = await createDocument(
        tx,
        {
          caseId: v.caseId,
          kind: 'WARNING',
          sourceKey: `${ctx.idempotencyKey}:WARNING`,
          createdBy: SYSTEM_ACTOR,
          fileStem: `bridinajums-${warningNumber}-${header.caseNumber}`,
        },
        () =>
          templates.warning(header, {
            warningNumber,
            absenceDate,
            absenceKind: v.absenceReport.kind ?? 'NO_SHOW',
            justification: v.absenceJustification ?? '',
            legalRepresentative:
              v.notifyLegalRepresentative && rep ? `${rep.firstName ?? ''} ${rep.lastName ?? ''}`.trim() : null,
          }),
      );
      const placement = await tx.placement.findFirst({ where: { caseId: v.caseId, status: 'ACTIVE' } });
      await tx.controlEntry.create({
        data: {
          caseId: v.caseId,
          placementId: placement?.id ?? null,
          kind: 'WARNING',
          on: new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`),
          data: {
            warningNumber,
            absenceReport: v.absenceReport as object,
            justification: v.absenceJustification ?? null,
          },
          documentId: doc.id,
          createdBy: SYSTEM_ACTOR,
        },
      });
      const text = `Jums izteikts brīdinājums Nr. ${warningNumber} par sabiedriskā darba izpildes noteikumu neievērošanu (${absenceDate}). Brīdinājums pievienots e-adresē; atkārtota neierašanās var novest pie soda aizstāšanas.`;
      const recipients: { type: 'CLIENT' | 'LEGAL_REPRESENTATIVE'; who: string; eAddress: boolean }[] = [
        { type: 'CLIENT', who: c.client.personalCode, eAddress: c.client.hasEAddress },
      ];
      const repCode = (rep as { personalCode?: string } | null)?.personalCode;
      // Without a personal code the representative cannot be reached by e-adrese: the letter goes by post.
      if (v.notifyLegalRepresentative && rep)
        recipients.push({
          type: 'LEGAL_REPRESENTATIVE',
          who: repCode ?? `${c.client.personalCode}:representative`,
          eAddress: Boolean(repCode && (rep as { hasEAddress?: boolean }).hasEAddress),
        });
      for (const r of recipients) {
        await queueNotification(tx, {
          caseId: v.caseId,
          recipientType: r.type,
          recipient: r.who,
          notificationType: 'WARNING',
          channel: r.eAddress ? 'E_ADDRESS' : 'POST',
          subject: `Brīdinājums Nr. ${warningNumber} (lieta ${c.caseNumber})`,
          body: text,
          idempotencyKey: `${ctx.idempotencyKey}:${r.type}`,
        });
      }
      return { warningCount: warningNumber, warningDocumentId: String(doc.id) };
    });
    return result;
  },
});

export const recordControlContact = workStep('record-control-contact', {
  description: 'Write the contact with the employer into the case',
  input: z.object({
    ...caseInput,
    placementId: idString.nullish(),
    contactOn: z.string(),
    contactChannel: z.string(),
    scheduleCompliance: z.string(),
    contactNote: z.string(),
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const row = await tx.controlEntry.create({
        data: {
          caseId: v.caseId,
          placementId: v.placementId ?? null,
          kind: 'EMPLOYER_CONTACT',
          on: new Date(`${v.contactOn.slice(0, 10)}T00:00:00Z`),
          data: { channel: v.contactChannel, scheduleCompliance: v.scheduleCompliance, note: v.contactNote },
          createdBy: SYSTEM_ACTOR,
        },
      });
      return { controlEntryId: String(row.id) };
    });
    return result;
  },
});

export const recordInspectionAct = workStep('record-inspection-act', {
  description: 'Make the on-site inspection act (akts)',
  input: z.object({
    ...caseInput,
    placementId: idString,
    inspectionOn: z.string(),
    clientPresent: z.boolean().nullish(),
    workMatchesAssignment: z.boolean().nullish(),
    safetyConditionsOk: z.boolean().nullish(),
    employerRepresentative: z.string(),
    inspectionFindings: z.string(),
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const p = await loadPlacement(tx, v.placementId);
      const header = await caseHeader(tx, v.caseId, ctx.services.now());
      const on = v.inspectionOn.slice(0, 10);
      const data = {
        inspectionOn: on,
        employerName: p.workPlace.employer.name,
        workAddress: p.workPlace.address,
        clientPresent: v.clientPresent ?? false,
        workMatchesAssignment: v.workMatchesAssignment ?? false,
        safetyConditionsOk: v.safetyConditionsOk ?? false,
        employerRepresentative: v.employerRepresentative,
        findings: v.inspectionFindings,
      };
      const doc = await createDocument(
        tx,
        {
          caseId: v.caseId,
          kind: 'INSPECTION_ACT',
          sourceKey: `${ctx.idempotencyKey}:INSPECTION_ACT`,
          createdBy: SYSTEM_ACTOR,
          fileStem: `parbaudes-akts-${on}-${header.caseNumber}`,
        },
        () => templates.inspectionAct(header, data),
      );
      await tx.controlEntry.create({
        data: {
          caseId: v.caseId,
          placementId: p.id,
          kind: 'ON_SITE_CHECK',
          on: new Date(`${on}T00:00:00Z`),
          data,
          documentId: doc.id,
          createdBy: SYSTEM_ACTOR,
        },
      });
      return { inspectionActDocumentId: String(doc.id) };
    });
    return result;
  },
});

export const endPlacement = workStep('end-placement', {
  description: 'End the work at the employer and tell the employer',
  input: z.object({ ...caseInput, placementId: idString.nullish(), caseOutcome: z.enum(['COMPLETED', 'CONVERTED']) }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const now = ctx.services.now();
      const placements = await tx.placement.findMany({
        where: { caseId: v.caseId, status: { in: ['RESERVED', 'ACTIVE'] } },
        include: { workPlace: { include: { employer: true } } },
      });
      const c = await tx.case.findUniqueOrThrow({ where: { id: v.caseId }, include: { client: true } });
      for (const p of placements) {
        await tx.placement.update({
          where: { id: p.id },
          data: { status: 'ENDED', endedAt: now, endReason: v.caseOutcome },
        });
        await queueNotification(tx, {
          caseId: v.caseId,
          recipientType: 'EMPLOYER',
          recipient: p.workPlace.employer.registrationNo,
          notificationType: 'PLACEMENT_ENDED',
          channel: 'PORTAL',
          subject: `Sabiedriskā darba izpilde beigusies (lieta ${c.caseNumber})`,
          body:
            v.caseOutcome === 'COMPLETED'
              ? `Klients ${c.client.firstName} ${c.client.lastName} ir nostrādājis visas noteiktās stundas. Paldies par sadarbību!`
              : `Klienta ${c.client.firstName} ${c.client.lastName} sabiedriskā darba izpilde izbeigta: tiesa sodu aizstāja. Klients vairs nestrādās pie jums.`,
          idempotencyKey: `${ctx.idempotencyKey}:employer:${p.id}`,
        });
      }
      return { placementEndedAt: now.toISOString() };
    });
    return result;
  },
});
