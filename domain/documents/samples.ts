import type { OfficialDocument } from './pdf';
import * as t from './templates';

/** Realistic sample data for every template: used by the template tests and by `npm run docs:documents`. */
export const SAMPLE_HEADER: t.CaseHeader = {
  caseNumber: 'PL-2026-000123',
  departmentName: 'Cēsu nodaļa',
  clientName: 'Jānis Ozoliņš',
  personalCode: '010190-10001',
  minor: false,
  decision: 'Vidzemes rajona tiesa, 2026. gada 2. novembra spriedums Nr. K30-0123-26/12',
  sentencedHours: 120,
  date: new Date('2026-11-23T10:00:00Z'),
};

export function sampleDocuments(): Record<t.DocumentKind, OfficialDocument> {
  const h = SAMPLE_HEADER;
  return {
    EXECUTION_START: t.executionStart(h, {
      origin: 'Tiesu informatīvā sistēma (TIS)',
      receivedOn: new Date('2026-11-20T08:00:00Z'),
    }),
    ASSIGNMENT: t.assignment(h, {
      employerName: 'Cēsu pašvaldība, Labiekārtošanas nodaļa',
      employerAddress: 'Brīvības iela 1, Cēsis',
      jobTitle: 'Parku un apstādījumu kopšana',
      workAddress: 'Parka iela 2, Cēsis',
      contactPerson: 'Ilze Kalniņa',
      contactPhone: '+371 64100000',
      appointmentAt: new Date('2026-11-25T07:30:00Z'),
      appointmentPlace: 'Parka iela 2, Cēsis',
      startDate: '2026-11-26',
      endDate: '2026-12-16',
      scheduledHours: 120,
    }),
    SCHEDULE: t.schedule(h, {
      employerName: 'Cēsu pašvaldība, Labiekārtošanas nodaļa',
      workAddress: 'Parka iela 2, Cēsis',
      version: 1,
      sessions: ['2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map(
        (date, i) => ({
          date,
          start: '08:00',
          end: i % 2 ? '16:30' : '12:00',
          hours: i % 2 ? 8 : 4,
          breakMinutes: i % 2 ? 30 : 0,
        }),
      ),
    }),
    INSPECTION_ACT: t.inspectionAct(h, {
      inspectionOn: '2026-12-10',
      employerName: 'Cēsu pašvaldība, Labiekārtošanas nodaļa',
      workAddress: 'Parka iela 2, Cēsis',
      clientPresent: true,
      workMatchesAssignment: true,
      safetyConditionsOk: false,
      employerRepresentative: 'Ilze Kalniņa',
      findings:
        'Klients strādāja atbilstoši norīkojumam. Klientam nebija izsniegti darba cimdi; darba devējs apņēmās tos nodrošināt līdz nākamajai darba dienai.',
    }),
    WARNING: t.warning(
      { ...h, minor: true, clientName: 'Roberts Bērziņš', sentencedHours: 20 },
      {
        warningNumber: 1,
        absenceDate: '2026-12-01',
        absenceKind: 'NO_SHOW',
        justification: 'Klients neieradās uz sabiedrisko darbu un nesniedza paskaidrojumu.',
        legalRepresentative: 'Līga Bērziņa',
      },
    ),
    COURT_NOTICE: t.courtNotice(h, {
      addressee: 'Vidzemes rajona tiesa',
      kindLabel: 'Paziņojums par sabiedriskā darba izpildi',
      text: 'Sabiedriskais darbs izpildīts pilnā apmērā: nostrādātas 120 stundas.',
      hoursWorked: 120,
      hoursRemaining: 0,
    }),
  };
}
