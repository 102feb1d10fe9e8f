import type PDFKitDocument from 'pdfkit';
import { loadOnFirstUse } from '../../core/load-on-first-use.ts';

/** pdfkit, loaded on the first PDF (~0.3 s of CPU at load): only the situation report and the flight manifest draw. */
const pdfkit = loadOnFirstUse<typeof PDFKitDocument>('pdfkit');

export function pdfDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  return new (pdfkit())(options);
}
