import { pdfText } from '../../test/support/pdf-text';
import { renderPdf } from './pdf';
import { SAMPLE_HEADER, sampleDocuments } from './samples';
import { DOCUMENT_KINDS } from './templates';

describe('document templates', () => {
  it('render every template to a PDF whose text keeps Latvian letters and the data', async () => {
    const docs = sampleDocuments();
    expect(Object.keys(docs).sort()).toEqual([...DOCUMENT_KINDS].sort());
    const text = Object.fromEntries(
      await Promise.all(Object.entries(docs).map(async ([k, d]) => [k, await pdfText(await renderPdf(d))] as const)),
    );
    expect(text.EXECUTION_START).toContain('Lēmums par izpildes uzsākšanu');
    expect(text.ASSIGNMENT).toContain('Norīkojums sabiedriskā darba izpildei');
    expect(text.ASSIGNMENT).toContain('norīkots izpildīt sabiedrisko darbu');
    expect(text.ASSIGNMENT).toContain('Ilze Kalniņa');
    expect(text.SCHEDULE).toContain('Darba grafiks');
    expect(text.SCHEDULE).toMatch(/ceturtdiena/i);
    expect(text.SCHEDULE).toContain('pārtraukums 30 min');
    expect(text.SCHEDULE).toContain('40 no 120');
    expect(text.INSPECTION_ACT).toContain('Akts par sabiedriskā darba izpildes pārbaudi');
    expect(text.INSPECTION_ACT).toContain('cimdi');
    expect(text.WARNING).toContain('Brīdinājums Nr. 1');
    expect(text.WARNING).toContain('audzinoša rakstura piespiedu līdzekli');
    expect(text.WARNING).toContain('Līga Bērziņa');
    expect(text.COURT_NOTICE).toContain('Nostrādātas stundas');
    for (const t of Object.values(text)) {
      expect(t).toContain('VALSTS PROBĀCIJAS DIENESTS');
      expect(t).toContain(SAMPLE_HEADER.caseNumber);
      expect(t).toContain(SAMPLE_HEADER.departmentName);
    }
    // Rendering six PDFs takes seconds on a busy machine: no test may depend on speed.
  }, 120_000);
});
