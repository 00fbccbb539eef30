import { pdfText } from '../../test/support/pdf-text';
import { renderPdf } from './pdf';
import * as t from './templates';

const header: t.CaseHeader = {
  caseNumber: 'PL-2026-000123',
  departmentName: 'Rīgas Centra nodaļa',
  clientName: 'Jānis Ozoliņš',
  personalCode: '010190-10001',
  minor: false,
  decision: 'Rīgas pilsētas tiesa, 2026. gada 2. novembra spriedums Nr. K30-0123-26/12',
  sentencedHours: 120,
  date: new Date('2026-11-23T10:00:00Z'),
};

describe('document templates', () => {
  it('render every template to a PDF whose text keeps Latvian letters and the data', async () => {
    const docs = [
      t.executionStart(header, { origin: 'TIS', receivedOn: new Date('2026-11-20T08:00:00Z') }),
      t.assignment(header, {
        employerName: 'SIA "Rīgas meži"',
        employerAddress: 'Kokneses prospekts 5, Rīga',
        jobTitle: 'Parku kopšana',
        workAddress: 'Mežaparks, Rīga',
        contactPerson: 'Ilze Kalniņa',
        contactPhone: '+371 26000000',
        appointmentAt: new Date('2026-11-25T07:30:00Z'),
        appointmentPlace: 'Ziemeļblāzmas iela 36',
        startDate: '2026-11-26',
        endDate: '2027-01-29',
        scheduledHours: 120,
      }),
      t.schedule(header, {
        employerName: 'SIA "Rīgas meži"',
        workAddress: 'Mežaparks, Rīga',
        version: 1,
        sessions: [
          { date: '2026-11-26', start: '08:00', end: '12:00', hours: 4 },
          { date: '2026-11-27', start: '08:00', end: '12:30', hours: 4.5 },
        ],
      }),
      t.inspectionAct(header, {
        inspectionOn: '2026-12-10',
        employerName: 'SIA "Rīgas meži"',
        workAddress: 'Mežaparks',
        clientPresent: true,
        workMatchesAssignment: true,
        safetyConditionsOk: false,
        employerRepresentative: 'Ilze Kalniņa',
        findings: 'Klientam nav izsniegti cimdi; darba devējs apņēmās tos nodrošināt līdz nākamajai dienai.',
      }),
      t.warning({ ...header, minor: true }, { warningNumber: 1, absenceDate: '2026-12-01', absenceKind: 'NO_SHOW', justification: 'Klients nesniedza paskaidrojumu.', legalRepresentative: 'Līga Ozoliņa' }),
      t.courtNotice(header, { addressee: 'Rīgas pilsētas tiesa', kindLabel: 'Paziņojums par sabiedriskā darba izpildi', text: 'Sods izpildīts pilnā apmērā.', hoursWorked: 120, hoursRemaining: 0 }),
    ];
    const texts = await Promise.all(docs.map(async (d) => pdfText(await renderPdf(d))));
    expect(texts[0]).toContain('Lēmums par izpildes uzsākšanu');
    expect(texts[1]).toContain('Norīkojums sabiedriskā darba izpildei');
    expect(texts[1]).toContain('Ilze Kalniņa');
    expect(texts[2]).toContain('Darba grafiks');
    expect(texts[2]).toMatch(/ceturtdiena/i);
    expect(texts[2]).toContain('8,5');
    expect(texts[3]).toContain('Akts par sabiedriskā darba izpildes pārbaudi');
    expect(texts[3]).toContain('cimdi');
    expect(texts[4]).toContain('Brīdinājums Nr. 1');
    expect(texts[4]).toContain('audzinoša rakstura piespiedu līdzekli');
    expect(texts[5]).toContain('Nostrādātas stundas');
    for (const text of texts) {
      expect(text).toContain('VALSTS PROBĀCIJAS DIENESTS');
      expect(text).toContain('Jānis Ozoliņš');
      expect(text).toContain('PL-2026-000123');
    }
  });
});
