import { createHash } from 'node:crypto';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * PDF rendering with pdfmake (declarative layout, tables, page numbers) and its bundled Roboto, which has
 * every Latvian letter (ā č ē ģ ī ķ ļ ņ š ū ž); the 14 standard PDF fonts do not. Fonts are read from the
 * package's own files: nothing is fetched at run time.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ROBOTO = require('pdfmake/fonts/Roboto.js') as Record<string, Record<string, string>>;
pdfmake.addFonts(ROBOTO);
// Only the bundled fonts may be read from disk; templates never name files or URLs.
pdfmake.setLocalAccessPolicy((p: string) => Object.values(ROBOTO.Roboto ?? {}).includes(p));
pdfmake.setUrlAccessPolicy(() => false);

export interface OfficialDocument {
  /** e.g. "Valsts probācijas dienests, Rīgas Centra nodaļa". */
  issuer: string;
  title: string;
  /** Case number and date line under the title. */
  reference: string;
  body: Content[];
  /** Who signs, e.g. "Probācijas speciālists". */
  signatory: string;
  /** Written into the PDF's metadata. */
  subject: string;
}

export async function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    info: { title: doc.title, subject: doc.subject, author: 'Valsts probācijas dienests', creator: 'PLUS Flow' },
    pageSize: 'A4',
    pageMargins: [56, 64, 56, 64],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.25 },
    styles: {
      issuer: { fontSize: 9, color: '#444444', alignment: 'center' },
      title: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 18, 0, 4] },
      reference: { fontSize: 9.5, alignment: 'center', color: '#444444', margin: [0, 0, 0, 18] },
      h2: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 4] },
      th: { bold: true, fillColor: '#eeeeee' },
      small: { fontSize: 8.5, color: '#555555' },
    },
    header: { text: 'VALSTS PROBĀCIJAS DIENESTS', style: 'issuer', margin: [0, 28, 0, 0] },
    footer: (page, pages) => ({
      text: `${doc.title} · ${page}. lpp. no ${pages}`,
      style: 'small',
      alignment: 'center',
      margin: [0, 24, 0, 0],
    }),
    content: [
      { text: doc.issuer, style: 'issuer' },
      { text: doc.title, style: 'title' },
      { text: doc.reference, style: 'reference' },
      ...doc.body,
      {
        margin: [0, 36, 0, 0],
        columns: [
          { text: doc.signatory, width: '*' },
          { text: '______________________\n(paraksts)', width: 'auto', alignment: 'center', style: 'small' },
        ],
      },
      { text: 'Dokuments sagatavots informācijas sistēmā PLUS Flow.', style: 'small', margin: [0, 24, 0, 0] },
    ],
  };
  return pdfmake.createPdf(definition).getBuffer();
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
