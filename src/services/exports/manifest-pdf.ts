/**
 * The printable flight manifest (pdfkit, like the situation report): one table on A4 landscape,
 * a header naming the flight and the embassy, the count, and a signature line. Helvetica covers
 * Latin only; names reach here already as in the travel document (Latin letters), anything else is
 * transliterated with any-ascii, as the situation report does.
 */
import type { Readable } from 'node:stream';
import anyAscii from 'any-ascii';
import { pdfDocument } from './pdfkit.ts';
import { MANIFEST_COLUMNS, type ManifestPerson } from '../../core/exports/manifest.ts';

export interface ManifestData {
  embassy: string;
  flightNumber: string;
  flightDate: string;
  generatedAt: string;
  people: ManifestPerson[];
}

const WIDTHS = [190, 34, 74, 68, 150, 120, 58, 68];

export function renderManifestPdf(data: ManifestData): Readable {
  const doc = pdfDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: `Flight manifest ${data.flightNumber} ${data.flightDate}`, Author: 'Refuge' },
  });
  const left = 36;
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor('#1f2d3d')
    .text(`Flight manifest: ${anyAscii(data.flightNumber)}`);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#222')
    .text(`Departure date: ${data.flightDate}`)
    .text(`Issued by: ${anyAscii(data.embassy)}`)
    .text(`Passengers: ${data.people.length}`)
    .text(`Printed: ${data.generatedAt.slice(0, 16).replace('T', ' ')} UTC`)
    .moveDown(0.8);

  const row = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: WIDTHS[i]! - 6, lineBreak: false, ellipsis: true });
      x += WIDTHS[i]!;
    });
    doc.y = y + 16;
    doc
      .moveTo(left, doc.y - 4)
      .lineTo(x, doc.y - 4)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
  };
  row(
    MANIFEST_COLUMNS.map((c) => c.header),
    true,
  );
  for (const p of data.people)
    row(
      MANIFEST_COLUMNS.map((c) => anyAscii(String(c.value(p) ?? ''))),
      false,
    );
  if (data.people.length === 0) doc.font('Helvetica').text('Nobody is booked on this flight.', left);

  doc.moveDown(2).font('Helvetica').fontSize(10).text('Consular officer: ______________________________', left);
  doc.moveDown(0.5).text('Signature and stamp: ___________________________', left);
  doc.end();
  return doc as unknown as Readable;
}
