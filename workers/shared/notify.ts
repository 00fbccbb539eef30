import { z } from 'zod';
import { CLIENT_NOTIFICATION_TYPES, clientMessage } from '../../domain/notifications/messages';
import { queueNotification, type NotificationChannel } from '../../domain/notifications/queue';
import { TransientIntegrationError } from '../../integrations';
import { caseInput, hoursWorked, idString } from './common';
import { defineJobWorker } from '../framework/definition';
import { once } from '../framework/idempotency';

/**
 * Notifications to the client (and a minor's legal representative) and to the employer. The worker chooses the
 * channel (000 §3.1.3): the official e-address when the person has an active one (asked from e-adrese, our
 * record as fallback when e-adrese does not answer), else the portal for the client or the post for the
 * representative. Delivery is the dispatcher's (domain/notifications/dispatcher.ts).
 */
export const notifyClient = defineJobWorker({
  type: 'shared.notify-client',
  description: 'Notify the client (and legal representative) by e-adrese, portal or post',
  input: z.object({
    ...caseInput,
    notificationType: z.enum(CLIENT_NOTIFICATION_TYPES),
    notifyLegalRepresentative: z.boolean().nullish(),
    appointment: z
      .object({ at: z.string(), place: z.string().nullish(), contactPerson: z.string().nullish() })
      .passthrough()
      .nullish(),
    scheduleStartDate: z.string().nullish(),
    scheduleEndDate: z.string().nullish(),
    scheduledHours: z.number().nullish(),
    submissionReplyText: z.string().nullish(),
  }),
  handler: async (v, ctx) => {
    const c = await ctx.prisma.case.findUniqueOrThrow({ where: { id: v.caseId }, include: { client: true } });
    let active = c.client.hasEAddress;
    try {
      active = (await ctx.services.eAddress.getAccount(c.client.personalCode)).active;
    } catch (err) {
      if (!(err instanceof TransientIntegrationError)) throw err;
      ctx.log.warn({ err }, 'e-adrese account check failed; using the case record');
    }
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const worked = await hoursWorked(tx, v.caseId);
      const msg = clientMessage(v.notificationType, {
        caseNumber: c.caseNumber,
        clientName: `${c.client.firstName} ${c.client.lastName}`,
        minor: c.processKind === 'MINORS_PUBLIC_WORK',
        appointment: v.appointment ?? null,
        schedule: {
          startDate: v.scheduleStartDate ?? null,
          endDate: v.scheduleEndDate ?? null,
          hours: v.scheduledHours ?? null,
        },
        replyText: v.submissionReplyText ?? null,
        hoursWorked: worked,
      });
      const channel: NotificationChannel = active ? 'E_ADDRESS' : 'PORTAL';
      const n = await queueNotification(tx, {
        caseId: v.caseId,
        recipientType: 'CLIENT',
        recipient: c.client.personalCode,
        notificationType: v.notificationType,
        channel,
        ...msg,
        idempotencyKey: `${ctx.idempotencyKey}:client`,
      });
      const rep = c.client.legalRepresentative as {
        personalCode?: string;
        hasEAddress?: boolean;
        firstName?: string;
        lastName?: string;
      } | null;
      if (v.notifyLegalRepresentative && rep) {
        await queueNotification(tx, {
          caseId: v.caseId,
          recipientType: 'LEGAL_REPRESENTATIVE',
          recipient: rep.personalCode ?? `${c.client.personalCode}:representative`,
          notificationType: v.notificationType,
          channel: rep.personalCode && rep.hasEAddress ? 'E_ADDRESS' : 'POST',
          subject: msg.subject,
          body: `Informējam Jūs kā nepilngadīgā ${c.client.firstName} ${c.client.lastName} likumisko pārstāvi. ${msg.body}`,
          idempotencyKey: `${ctx.idempotencyKey}:representative`,
        });
      }
      return { notificationId: String(n.id), notificationChannel: channel };
    });
    return result;
  },
});

export const notifyEmployer = defineJobWorker({
  type: 'shared.notify-employer',
  description: 'Tell the employer that an hours report was rejected',
  input: z.object({
    ...caseInput,
    placementId: idString,
    notificationType: z.literal('HOURS_REPORT_REJECTED'),
    hoursReport: z.object({ reportId: z.string(), totalHours: z.number().nullish() }).passthrough(),
    hoursDecisionNote: z.string().nullish(),
  }),
  handler: async (v, ctx) => {
    const { result } = await once(ctx.prisma, ctx, async (tx) => {
      const p = await tx.placement.findUniqueOrThrow({
        where: { id: v.placementId },
        include: { workPlace: { include: { employer: true } }, case: true },
      });
      const n = await queueNotification(tx, {
        caseId: v.caseId,
        recipientType: 'EMPLOYER',
        recipient: p.workPlace.employer.registrationNo,
        notificationType: v.notificationType,
        channel: 'E_ADDRESS',
        subject: `Stundu ziņojums noraidīts (lieta ${p.case.caseNumber})`,
        body: `Jūsu stundu ziņojums ${v.hoursReport.reportId}${v.hoursReport.totalHours ? ` (${v.hoursReport.totalHours} h)` : ''} netika apstiprināts. Iemesls: ${v.hoursDecisionNote ?? 'nav norādīts'}. Lūdzu, iesniedziet labotu ziņojumu e-pakalpojumā.`,
        idempotencyKey: `${ctx.idempotencyKey}:employer`,
      });
      return { notificationId: String(n.id) };
    });
    return result;
  },
});
