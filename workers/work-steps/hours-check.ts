import { z } from 'zod';
import { checkReportedHours, type ReportedDay, type ScheduleInput } from '../../domain/work-schedule';
import { once } from '../framework/idempotency';
import { SYSTEM_ACTOR, caseInput, idString } from '../shared/common';
import { loadPlacement } from './common';
import { workStep } from './work-step';

/**
 * Checks an employer's hours report before the officer confirms it (issue 15, docs/work-schedule.md "Reported
 * hours"): impossible entries and a minor's days beyond the Labour Law's limits are refused back to the employer
 * with the reasons (verdict REFUSED; for a minor also possibleMinorBreach, which starts the officer's review);
 * an adult's days beyond the schedule need the officer's explicit confirmation (NEEDS_CONFIRMATION).
 * "Today" is the engine's date (`reportCheckedOn`, FEEL today()), so a scenario that moves the engine's clock
 * can report days worked; without it, the worker's clock.
 */

const entry = z
  .object({
    date: z.string(),
    hours: z.number(),
    from: z.string().nullish(),
    to: z.string().nullish(),
    note: z.string().nullish(),
  })
  .passthrough();
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export const checkHoursReport = workStep('check-hours-report', {
  description: "Check the employer's hours report against the person's legal limits and the schedule",
  input: z.object({
    ...caseInput,
    placementId: idString,
    birthDate: z.iso.date(),
    hoursReport: z
      .object({ reportId: z.string().min(1), totalHours: z.number(), entries: z.array(entry).nullish() })
      .passthrough(),
    reportCheckedOn: z.string().nullish(),
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const p = await loadPlacement(tx, v.placementId);
      const placementStart = isoDay(p.startedAt ?? p.reservedAt);
      const today = [v.reportCheckedOn?.slice(0, 10), isoDay(ctx.services.now())]
        .filter((d): d is string => !!d)
        .sort()
        .at(-1)!;
      const recorded = await tx.hoursEntry.findMany({ where: { caseId: v.caseId }, orderBy: { id: 'asc' } });
      const earlier: ReportedDay[] = recorded.flatMap((r) => {
        const days = z.array(entry).safeParse(r.entries);
        return days.success && days.data.length
          ? days.data.map((d) => ({ date: d.date.slice(0, 10), hours: d.hours }))
          : [{ date: isoDay(r.periodTo), hours: r.hours }];
      });
      // Planned days: the latest schedule version that has the date (earlier versions keep the days before a re-plan).
      const versions = await tx.workSchedule.findMany({
        where: { caseId: v.caseId },
        orderBy: { version: 'asc' },
        include: { sessions: true },
      });
      const planned = new Map<string, number>();
      for (const s of versions) for (const x of s.sessions) planned.set(isoDay(x.date), x.hours);
      const current = versions.filter((s) => s.status === 'CURRENT').at(-1) ?? versions.at(-1);
      const stored = (current?.input ?? null) as ScheduleInput | null;
      const schedule: ScheduleInput = stored ?? {
        totalHours: 1,
        startDate: placementStart,
        client: { birthDate: v.birthDate },
        employer: { weekly: {} },
      };
      const entries: ReportedDay[] = (v.hoursReport.entries ?? []).map((e) => ({
        date: e.date.slice(0, 10),
        hours: e.hours,
        from: e.from ?? null,
        to: e.to ?? null,
      }));
      const r = checkReportedHours({
        schedule: { ...schedule, client: { ...schedule.client, birthDate: v.birthDate } },
        entries,
        totalHours: v.hoursReport.totalHours,
        placementStart,
        today,
        earlier,
        planned: [...planned].map(([date, hours]) => ({ date, hours })),
      });
      if (r.verdict === 'REFUSED') {
        await tx.controlEntry.create({
          data: {
            caseId: v.caseId,
            placementId: v.placementId,
            kind: 'HOURS_REFUSED',
            on: new Date(`${today}T00:00:00Z`),
            data: {
              reportId: v.hoursReport.reportId,
              reasons: [...r.impossible, ...r.unlawful] as object[],
              possibleMinorBreach: r.possibleMinorBreach,
            },
            createdBy: SYSTEM_ACTOR,
          },
        });
      }
      return {
        verdict: r.verdict,
        refusalText: r.refusalText,
        possibleMinorBreach: r.possibleMinorBreach,
        codes: [...new Set([...r.impossible, ...r.unlawful, ...r.beyondSchedule].map((f) => f.code))],
        findings: [...r.impossible, ...r.unlawful, ...r.beyondSchedule].map((f) => f.message),
        breachText: r.unlawful.map((f) => f.message).join(' ') || null,
        beyondScheduleText: r.beyondSchedule.map((f) => f.message).join(' ') || null,
        checkedOn: today,
      };
    });
    return { hoursCheck: { ...result, reportId: v.hoursReport.reportId } };
  },
});

export const recordBreachReview = workStep('record-breach-review', {
  description: "Write the officer's review of a possible breach of the minors' protection rules into the case",
  input: z.object({
    ...caseInput,
    placementId: idString.nullish(),
    breachCheck: z.object({ reportId: z.string().nullish(), breachText: z.string().nullish() }).passthrough(),
    breachAction: z.string(),
    breachNote: z.string(),
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const row = await tx.controlEntry.create({
        data: {
          caseId: v.caseId,
          placementId: v.placementId ?? null,
          kind: 'MINOR_BREACH_REVIEW',
          on: new Date(`${isoDay(ctx.services.now())}T00:00:00Z`),
          data: {
            reportId: v.breachCheck.reportId ?? null,
            findings: v.breachCheck.breachText ?? null,
            action: v.breachAction,
            note: v.breachNote,
          },
          createdBy: SYSTEM_ACTOR,
        },
      });
      return { breachReviewEntryId: String(row.id) };
    });
    return result;
  },
});
