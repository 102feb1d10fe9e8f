import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';

let loaded: typeof PDFKitDocument | undefined;

/**
 * pdfkit's document class, loaded on the first PDF: loading it took ~0.3 s of CPU that every server start and every CLI
 * command paid, though only the situation report and the flight manifest draw with it.
 */
export function pdfDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  loaded ??= createRequire(import.meta.url)('pdfkit') as typeof PDFKitDocument;
  return new loaded(options);
}
