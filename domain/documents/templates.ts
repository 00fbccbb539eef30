import type { Content } from 'pdfmake/interfaces';
import { clock, hours, longDate, shortDate, weekday } from './format';
import type { OfficialDocument } from './pdf';

/**
 * The Latvian document templates of community service and minors' public work. Wording follows the seeds'
 * names of the documents (000 §3.1.1: norīkojums, darba grafiks, akts); formal legal wording is an assumption
 * until VPD's lawyers confirm it (docs/documents.md). Bump TEMPLATE_VERSION when any text changes: every
 * stored document records the version it was made with.
 */
export const TEMPLATE_VERSION = '2026-11-23.1';

export const DOCUMENT_KINDS = [
  'EXECUTION_START',
  'ASSIGNMENT',
  'SCHEDULE',
  'INSPECTION_ACT',
  'WARNING',
  'COURT_NOTICE',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What every template needs about the case. */
export interface CaseHeader {
  caseNumber: string;
  departmentName: string;
  clientName: string;
  personalCode: string;
  minor: boolean;
  /** e.g. "Rīgas pilsētas tiesas 2026. gada 2. novembra spriedums lietā K30-0123-26/12". */
  decision: string;
  sentencedHours: number;
  date: Date;
}

const measureName = (h: CaseHeader) =>
  h.minor ? 'audzinoša rakstura piespiedu līdzeklis — sabiedriskais darbs' : 'sabiedriskais darbs';
/** The measure in the accusative ("izpildīt …"). */
const measureAcc = (h: CaseHeader) =>
  h.minor ? 'audzinoša rakstura piespiedu līdzekli — sabiedrisko darbu' : 'sabiedrisko darbu';

/** Thin grey lines between rows only (pdfmake's light layout draws a heavy line under the first row). */
const THIN_LINES = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0,
  hLineColor: () => '#bbbbbb',
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

const kv = (rows: [string, string][]): Content => ({
  table: { widths: [170, '*'], body: rows.map(([k, v]) => [{ text: k, bold: true }, v]) },
  layout: THIN_LINES,
  margin: [0, 0, 0, 8],
});

const base = (h: CaseHeader, title: string, body: Content[], subject: string): OfficialDocument => ({
  issuer: h.departmentName,
  title,
  reference: `Lieta Nr. ${h.caseNumber} · ${longDate(h.date)}`,
  body,
  signatory: 'Probācijas speciālists',
  subject,
});

const clientRows = (h: CaseHeader): [string, string][] => [
  ['Klients', h.clientName],
  ['Personas kods', h.personalCode],
  ['Nolēmums', h.decision],
  ['Piespiedu līdzeklis / sods', `${measureName(h)}, ${hours(h.sentencedHours)} stundas`],
];

export function executionStart(h: CaseHeader, data: { origin: string; receivedOn: Date }): OfficialDocument {
  return base(
    h,
    'Lēmums par izpildes uzsākšanu',
    [
      {
        text: 'Valsts probācijas dienests ir saņēmis izpildei šādu nolēmumu un uzsāk tā izpildes organizēšanu.',
        margin: [0, 0, 0, 8],
      },
      kv([...clientRows(h), ['Saņemts no', `${data.origin}, ${longDate(data.receivedOn)}`]]),
      { text: 'Turpmākās darbības', style: 'h2' },
      {
        ol: [
          'Pieprasīt ziņas par klienta izglītību (VIIS) un invaliditāti (IIS VDEĀVK).',
          'Izvēlēties klientam piemērotu darba vietu un vienoties ar darba devēju.',
          'Sagatavot norīkojumu un darba grafiku, saskaņot tos ar darba devēju un klientu.',
          'Paziņot tiesai vai prokuratūrai par izpildes uzsākšanu.',
        ],
      },
    ],
    'Izpildes uzsākšana',
  );
}

export interface AssignmentData {
  employerName: string;
  employerAddress: string;
  jobTitle: string;
  workAddress: string;
  contactPerson: string;
  contactPhone?: string | null;
  appointmentAt?: Date | null;
  appointmentPlace?: string | null;
  startDate: string;
  endDate: string;
  scheduledHours: number;
}

export function assignment(h: CaseHeader, d: AssignmentData): OfficialDocument {
  const rows: [string, string][] = [
    ...clientRows(h),
    ['Darba devējs', `${d.employerName}, ${d.employerAddress}`],
    ['Darba vieta un darbs', `${d.jobTitle}, ${d.workAddress}`],
    ['Kontaktpersona', [d.contactPerson, d.contactPhone].filter(Boolean).join(', ')],
    [
      'Izpildes periods',
      `${shortDate(d.startDate)} – ${shortDate(d.endDate)} (${hours(d.scheduledHours)} stundas pēc darba grafika)`,
    ],
  ];
  if (d.appointmentAt)
    rows.push([
      'Pirmā tikšanās',
      `${longDate(d.appointmentAt)} plkst. ${clock(d.appointmentAt)}, ${d.appointmentPlace ?? d.workAddress}`,
    ]);
  return base(
    h,
    'Norīkojums sabiedriskā darba izpildei',
    [
      {
        text: `Klients tiek norīkots izpildīt ${measureAcc(h)} pie šī darba devēja saskaņā ar pievienoto darba grafiku.`,
        margin: [0, 0, 0, 8],
      },
      kv(rows),
      { text: 'Darba devēja pienākumi', style: 'h2' },
      {
        ul: [
          'Nodrošināt klientam darbu un darba aizsardzības instruktāžu.',
          'Uzskaitīt nostrādātās stundas un ziņot tās Valsts probācijas dienestam (e-pakalpojumā).',
          'Nekavējoties ziņot, ja klients neierodas vai patvaļīgi pamet darba vietu.',
        ],
      },
      ...(h.minor
        ? [
            {
              text: 'Klients ir nepilngadīgs: jāievēro Darba likumā noteiktie bērnu un pusaudžu darba laika ierobežojumi.',
              margin: [0, 8, 0, 0],
            } as Content,
          ]
        : []),
    ],
    'Norīkojums',
  );
}

export interface ScheduleData {
  employerName: string;
  workAddress: string;
  version: number;
  sessions: { date: string; start: string; end?: string; hours: number; breakMinutes?: number }[];
  limitsNote?: string;
}

export function schedule(h: CaseHeader, d: ScheduleData): OfficialDocument {
  const total = d.sessions.reduce((s, x) => s + x.hours, 0);
  const body: Content[] = [
    kv([
      ['Klients', h.clientName],
      ['Darba devējs', `${d.employerName}, ${d.workAddress}`],
      ['Grafika versija', String(d.version)],
      ['Stundas grafikā', `${hours(total)} no ${hours(h.sentencedHours)}`],
    ]),
    {
      table: {
        headerRows: 1,
        widths: [26, 80, 90, '*', 60],
        body: [
          [
            { text: 'Nr.', style: 'th' },
            { text: 'Datums', style: 'th' },
            { text: 'Diena', style: 'th' },
            { text: 'Laiks', style: 'th' },
            { text: 'Stundas', style: 'th', alignment: 'right' },
          ],
          ...d.sessions.map((s, i) => [
            String(i + 1),
            shortDate(s.date),
            weekday(s.date),
            `${s.start}${s.end ? `–${s.end}` : ''}${s.breakMinutes ? ` (pārtraukums ${s.breakMinutes} min)` : ''}`,
            { text: hours(s.hours), alignment: 'right' as const },
          ]),
          [
            { text: 'Kopā', colSpan: 4, bold: true },
            '',
            '',
            '',
            { text: hours(total), bold: true, alignment: 'right' as const },
          ],
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
  if (d.limitsNote) body.push({ text: d.limitsNote, style: 'small', margin: [0, 8, 0, 0] });
  body.push({ text: 'Saskaņots: darba devējs ______________   klients ______________', margin: [0, 16, 0, 0] });
  return base(h, 'Darba grafiks', body, 'Darba grafiks');
}

export interface InspectionData {
  inspectionOn: string;
  employerName: string;
  workAddress: string;
  clientPresent: boolean;
  workMatchesAssignment: boolean;
  safetyConditionsOk: boolean;
  employerRepresentative: string;
  findings: string;
}

const yesNo = (b: boolean) => (b ? 'jā' : 'nē');

export function inspectionAct(h: CaseHeader, d: InspectionData): OfficialDocument {
  return base(
    h,
    'Akts par sabiedriskā darba izpildes pārbaudi izpildes vietā',
    [
      kv([
        ['Pārbaudes datums', longDate(d.inspectionOn)],
        ['Klients', h.clientName],
        ['Darba devējs, vieta', `${d.employerName}, ${d.workAddress}`],
        ['Darba devēja pārstāvis', d.employerRepresentative],
        ['Klients atradās darba vietā', yesNo(d.clientPresent)],
        ['Darbs atbilst norīkojumam', yesNo(d.workMatchesAssignment)],
        ['Darba drošības apstākļi atbilstoši', yesNo(d.safetyConditionsOk)],
      ]),
      { text: 'Konstatētais', style: 'h2' },
      { text: d.findings },
      { text: 'Darba devēja pārstāvis ______________', margin: [0, 24, 0, 0] },
    ],
    'Pārbaudes akts',
  );
}

export interface WarningData {
  warningNumber: number;
  absenceDate: string;
  absenceKind: string;
  justification: string;
  legalRepresentative?: string | null;
}

export function warning(h: CaseHeader, d: WarningData): OfficialDocument {
  const kind =
    d.absenceKind === 'LEFT_WITHOUT_PERMISSION' ? 'patvaļīgi pameta darba vietu' : 'neieradās uz sabiedrisko darbu';
  return base(
    h,
    `Brīdinājums Nr. ${d.warningNumber}`,
    [
      kv([
        ...clientRows(h),
        ...(d.legalRepresentative ? [['Likumiskais pārstāvis', d.legalRepresentative] as [string, string]] : []),
      ]),
      { text: `${shortDate(d.absenceDate)}. klients ${kind} bez attaisnojoša iemesla.`, margin: [0, 0, 0, 6] },
      { text: d.justification, margin: [0, 0, 0, 6] },
      {
        text: h.minor
          ? 'Brīdinām, ka, turpinot izvairīties no sabiedriskā darba, Valsts probācijas dienests var lūgt tiesu aizstāt audzinoša rakstura piespiedu līdzekli ar citu.'
          : 'Brīdinām, ka, turpinot izvairīties no sabiedriskā darba izpildes, Valsts probācijas dienests var iesniegt tiesā priekšlikumu aizstāt sabiedrisko darbu ar brīvības atņemšanu.',
        bold: true,
      },
    ],
    'Brīdinājums',
  );
}

export interface CourtNoticeData {
  addressee: string;
  kindLabel: string;
  text: string;
  hoursWorked?: number;
  hoursRemaining?: number;
}

export function courtNotice(h: CaseHeader, d: CourtNoticeData): OfficialDocument {
  const rows: [string, string][] = [['Adresāts', d.addressee], ...clientRows(h)];
  if (d.hoursWorked !== undefined) rows.push(['Nostrādātas stundas', hours(d.hoursWorked)]);
  if (d.hoursRemaining !== undefined) rows.push(['Atlikušās stundas', hours(d.hoursRemaining)]);
  return base(h, d.kindLabel, [kv(rows), { text: d.text }], d.kindLabel);
}
