import { clock, hours, shortDate } from '../documents/format';

/**
 * The Latvian texts of notifications to clients, legal representatives and employers, by notification type.
 * One place, so wording is reviewed together; `data` carries what each text needs.
 */
export const CLIENT_NOTIFICATION_TYPES = [
  'APPOINTMENT',
  'EXECUTION_STARTED',
  'SCHEDULE_CHANGED',
  'SUBMISSION_REPLY',
  'EXECUTION_COMPLETED',
  'SENTENCE_CONVERTED',
] as const;
export type ClientNotificationType = (typeof CLIENT_NOTIFICATION_TYPES)[number];

export interface ClientMessageData {
  caseNumber: string;
  clientName: string;
  minor: boolean;
  appointment?: { at: string; place?: string | null; contactPerson?: string | null } | null;
  schedule?: { startDate?: string | null; endDate?: string | null; hours?: number | null } | null;
  replyText?: string | null;
  hoursWorked?: number | null;
}

export function clientMessage(type: ClientNotificationType, d: ClientMessageData): { subject: string; body: string } {
  const measure = d.minor ? 'audzinoša rakstura piespiedu līdzekļa — sabiedriskā darba' : 'sabiedriskā darba';
  switch (type) {
    case 'APPOINTMENT': {
      const a = d.appointment;
      const when = a ? `${shortDate(a.at)}. plkst. ${clock(a.at)}` : 'norunātajā laikā';
      return {
        subject: `Tikšanās pie darba devēja (lieta ${d.caseNumber})`,
        body: `Lūdzam ierasties pie darba devēja ${when}${a?.place ? `, adrese: ${a.place}` : ''}${a?.contactPerson ? `, kontaktpersona: ${a.contactPerson}` : ''}. Līdzi ņemiet personu apliecinošu dokumentu.`,
      };
    }
    case 'EXECUTION_STARTED':
      return {
        subject: `Uzsākta ${measure} izpilde (lieta ${d.caseNumber})`,
        body: `Valsts probācijas dienests ir uzsācis ${measure} izpildi. Strādājiet saskaņā ar darba grafiku${d.schedule?.startDate ? ` no ${shortDate(d.schedule.startDate)}` : ''}. Ja nevarat ierasties, nekavējoties informējiet probācijas darbinieku.`,
      };
    case 'SCHEDULE_CHANGED':
      return {
        subject: `Mainīts darba grafiks (lieta ${d.caseNumber})`,
        body: `Jūsu darba grafiks ir mainīts${d.schedule?.hours ? `: atlikušās ${hours(d.schedule.hours)} stundas` : ''}${d.schedule?.endDate ? ` līdz ${shortDate(d.schedule.endDate)}` : ''}. Jaunais grafiks pieejams e-pakalpojumā.`,
      };
    case 'SUBMISSION_REPLY':
      return {
        subject: `Atbilde uz Jūsu iesniegumu (lieta ${d.caseNumber})`,
        body: d.replyText?.trim() || 'Jūsu iesniegums ir izskatīts.',
      };
    case 'EXECUTION_COMPLETED':
      return {
        subject: `${d.minor ? 'Piespiedu līdzeklis' : 'Sabiedriskais darbs'} izpildīts (lieta ${d.caseNumber})`,
        body: `Jūs esat izpildījis ${measure}${d.hoursWorked ? ` (${hours(d.hoursWorked)} stundas)` : ''}. Valsts probācijas dienests par to ir paziņojis tiesai vai prokuratūrai.`,
      };
    case 'SENTENCE_CONVERTED':
      return {
        subject: `Tiesas lēmums par ${measure} aizstāšanu (lieta ${d.caseNumber})`,
        body: `Tiesa ir aizstājusi ${measure} neizpildīto daļu. ${measure.charAt(0).toUpperCase() + measure.slice(1)} izpilde Valsts probācijas dienestā ir izbeigta.`,
      };
  }
}
