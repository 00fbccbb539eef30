/** Documents of the case, rendered to PDF from Latvian templates (docs/documents.md). */
export { createDocument, caseHeader } from './store';
export * as templates from './templates';
export { DOCUMENT_KINDS, TEMPLATE_VERSION, type DocumentKind } from './templates';
export { renderPdf } from './pdf';
export * as format from './format';
