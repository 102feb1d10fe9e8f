/**
 * Draws the situation report with pdfkit (maintained, pure JavaScript, streams its output, and
 * draws vector shapes, which the compound map needs; pdf-lib has had no release since 2021). The
 * built-in Helvetica covers Latin text only, so names in other scripts are transliterated with
 * any-ascii (already used for name matching) rather than shipping font files.
 */
import type { Readable } from 'node:stream';
import anyAscii from 'any-ascii';
import { pdfDocument } from './pdfkit.ts';
import type { CoordinationFigures, HomeFigures } from '../../core/statistics/figures.ts';
import type { FootprintGeometry, Position } from '../../core/geo/geojson-types.ts';
import type { ReportSource } from '../../db/repositories/exports.repository.ts';
import type { StatisticsScope } from '../statistics.service.ts';

export interface SitrepData {
  generatedAt: string;
  home: HomeFigures & { scope: StatisticsScope };
  coordination: CoordinationFigures & { scope: StatisticsScope };
  compounds: { name: string; status: string; point: [number, number] | null; footprint: FootprintGeometry | null }[];
  alerts: { title: string; severity: string; date: string; compound: string | null }[];
  sources: ReportSource[];
  /** Figures articles disagree on (issue #17); absent when the reader's organisation may not read articles. */
  disagreements?: { quantity: string; agreement: string; figures: string[] }[];
}

const STATUS_COLOURS: Record<string, string> = {
  operating: '#c0392b',
  reactivated: '#8e44ad',
  raided: '#e67e22',
  mass_exit: '#d4ac0d',
  emptied: '#27ae60',
  relocated: '#2980b9',
  unknown: '#7f8c8d',
};
const HIDDEN = '*';
const text = (s: string) => anyAscii(s);
const count = (c: number | 'suppressed') => (c === 'suppressed' ? HIDDEN : c.toLocaleString('en'));
const words = (s: string) => s.replaceAll('_', ' ');

const SCOPE_LINES: Record<StatisticsScope, string> = {
  organisation: "Your organisation's own records, exact.",
  all: 'All organisations: people who consented to statistics, each counted once; small cells suppressed.',
  visible: 'The cases your embassy may see: people who consented to statistics; small cells suppressed.',
};

function heading(doc: PDFKit.PDFDocument, title: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#1f2d3d').text(title, 40);
  doc.moveDown(0.3).font('Helvetica').fontSize(9.5).fillColor('#222');
}

function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][], widths: number[]): void {
  const draw = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - 70) doc.addPage();
    const y = doc.y;
    let x = 40;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: widths[i]! - 6, align: i === 0 ? 'left' : 'right', lineBreak: false });
      x += widths[i]!;
    });
    doc.y = y + 14;
    doc
      .moveTo(40, doc.y - 3)
      .lineTo(x, doc.y - 3)
      .lineWidth(0.3)
      .strokeColor('#cccccc')
      .stroke();
  };
  draw(header, true);
  for (const r of rows) draw(r, false);
  doc.x = 40;
}

/**
 * Fits every compound into a box with an equirectangular projection, north up, scaled by the cosine of the middle
 * latitude.
 */
function drawMap(
  doc: PDFKit.PDFDocument,
  compounds: SitrepData['compounds'],
  box: { x: number; y: number; w: number; h: number },
) {
  doc.save().rect(box.x, box.y, box.w, box.h).fillAndStroke('#f4f7fa', '#9aa5b1').restore();
  const positions: Position[] = compounds.flatMap((c) => [
    ...(c.point ? [c.point as Position] : []),
    ...outlines(c.footprint).flat(),
  ]);
  if (positions.length === 0) {
    doc
      .fontSize(10)
      .fillColor('#555')
      .text('No compound has a location yet.', box.x + 12, box.y + box.h / 2 - 6);
    return;
  }
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of positions) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const pad = Math.max(0.05, (maxLon - minLon) * 0.1, (maxLat - minLat) * 0.1);
  [minLon, maxLon, minLat, maxLat] = [minLon - pad, maxLon + pad, minLat - pad, maxLat + pad];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = Math.min((box.w - 20) / ((maxLon - minLon) * k), (box.h - 20) / (maxLat - minLat));
  const cx = box.x + box.w / 2 - (((minLon + maxLon) / 2 - minLon) * k * scale - 0);
  const cy = box.y + box.h / 2 + ((maxLat - minLat) / 2) * scale;
  const project = ([lon, lat]: Position): [number, number] => [
    cx + (lon - minLon) * k * scale,
    cy - (lat - minLat) * scale,
  ];

  // A graticule with degree labels, so the map can be read without a basemap.
  const step = niceStep(Math.max(maxLon - minLon, maxLat - minLat) / 4);
  doc.save().lineWidth(0.3).strokeColor('#d5dbe1').fontSize(6.5).fillColor('#8795a1');
  for (let lon = Math.ceil(minLon / step) * step; lon <= maxLon; lon += step) {
    const [x] = project([lon, minLat]);
    if (x < box.x || x > box.x + box.w) continue;
    doc
      .moveTo(x, box.y)
      .lineTo(x, box.y + box.h)
      .stroke();
    doc.text(`${lon.toFixed(2)}°E`, x + 2, box.y + box.h - 9, { lineBreak: false });
  }
  for (let lat = Math.ceil(minLat / step) * step; lat <= maxLat; lat += step) {
    const [, y] = project([minLon, lat]);
    if (y < box.y || y > box.y + box.h) continue;
    doc
      .moveTo(box.x, y)
      .lineTo(box.x + box.w, y)
      .stroke();
    doc.text(`${lat.toFixed(2)}°N`, box.x + 2, y - 8, { lineBreak: false });
  }
  doc.restore();

  compounds.forEach((c, i) => {
    const colour = STATUS_COLOURS[c.status] ?? STATUS_COLOURS.unknown!;
    for (const ring of outlines(c.footprint)) {
      const [first, ...rest] = ring.map(project);
      if (!first) continue;
      doc.moveTo(first[0], first[1]);
      for (const p of rest) doc.lineTo(p[0], p[1]);
      doc.closePath().fillOpacity(0.3).fillAndStroke(colour, colour).fillOpacity(1);
    }
    const at = c.point ?? outlines(c.footprint)[0]?.[0] ?? null;
    if (!at) return;
    const [x, y] = project(at);
    doc.circle(x, y, 4).fillAndStroke(colour, '#ffffff');
    doc
      .fontSize(7)
      .fillColor('#1f2d3d')
      .text(String(i + 1), x + 5, y - 4, { lineBreak: false });
  });
  doc.fillColor('#222');
}

function outlines(footprint: FootprintGeometry | null): Position[][] {
  if (!footprint) return [];
  return footprint.type === 'Polygon' ? [footprint.coordinates[0] ?? []] : footprint.coordinates.map((p) => p[0] ?? []);
}

function niceStep(raw: number): number {
  const exp = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-6))));
  const f = raw / exp;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * exp;
}

export function renderSitrepPdf(data: SitrepData): Readable {
  const doc = pdfDocument({
    size: 'A4',
    margin: 40,
    info: {
      Title: 'Situation report',
      Author: 'Refuge',
      Subject: 'Scam compound response: figures, compounds, alerts, sources',
    },
  });
  const width = doc.page.width - 80;

  doc.font('Helvetica-Bold').fontSize(20).fillColor('#1f2d3d').text('Situation report');
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .fillColor('#555')
    .text(`Generated ${data.generatedAt.slice(0, 16).replace('T', ' ')} UTC by Refuge. ${SCOPE_LINES[data.home.scope]}`)
    .text('Nothing in this report identifies an individual.');

  heading(doc, 'Key figures');
  const boxes: [string, number | 'suppressed'][] = [
    ['Survivors', data.home.survivors],
    ['Registered in the last 7 days', data.home.registeredLast7Days],
    ['With a case', data.home.cases],
    ['High or critical risk', data.home.highRisk],
  ];
  const top = doc.y;
  const boxW = width / boxes.length;
  boxes.forEach(([label, value], i) => {
    const x = 40 + i * boxW;
    doc
      .save()
      .rect(x + 2, top, boxW - 4, 52)
      .fillAndStroke('#eef3f8', '#c9d6e3')
      .restore();
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .fillColor('#1f2d3d')
      .text(count(value), x + 10, top + 8, { width: boxW - 20 });
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor('#555')
      .text(label, x + 10, top + 32, { width: boxW - 20 });
  });
  doc.y = top + 62;
  doc.x = 40;
  doc.fillColor('#222');
  const statuses = Object.entries(data.home.casesByStatus);
  if (statuses.length)
    doc.fontSize(9.5).text(`Cases by status: ${statuses.map(([s, n]) => `${words(s)} ${count(n)}`).join(', ')}.`);

  if (data.coordination.rows.length) {
    heading(doc, 'Progress by nationality');
    table(
      doc,
      ['Nationality', 'Registered', 'Awaiting docs', 'Awaiting travel', 'Repatriated', 'Lost contact', 'Bottleneck'],
      data.coordination.rows.map((r) => [
        r.nationality,
        count(r.registered),
        count(r.awaiting_documents),
        count(r.awaiting_travel),
        count(r.repatriated),
        count(r.lost_contact),
        r.bottleneck === 'suppressed' ? HIDDEN : r.bottleneck,
      ]),
      [85, 65, 85, 75, 70, 70, 65],
    );
  }
  if (data.home.minimumCell !== null)
    doc
      .moveDown(0.4)
      .fontSize(8)
      .fillColor('#555')
      .text(
        `${HIDDEN} hidden: fewer than ${data.home.minimumCell} people, or ` +
          `hidden so that a small number cannot be worked out from the totals.`,
      )
      .fillColor('#222');

  heading(doc, 'Compounds');
  const mapBox = { x: 40, y: doc.y, w: width, h: 280 };
  if (mapBox.y + mapBox.h > doc.page.height - 60) {
    doc.addPage();
    mapBox.y = doc.y;
  }
  drawMap(doc, data.compounds, mapBox);
  doc.x = 40;
  doc.y = mapBox.y + mapBox.h + 8;
  const legend = Object.entries(STATUS_COLOURS);
  let lx = 40;
  for (const [status, colour] of legend) {
    doc.circle(lx + 4, doc.y + 4, 3.5).fill(colour);
    doc
      .fontSize(8)
      .fillColor('#333')
      .text(words(status), lx + 11, doc.y, { lineBreak: false });
    lx += 74;
  }
  doc.y += 14;
  doc.x = 40;
  table(
    doc,
    ['#  Compound', 'Status'],
    data.compounds.map((c, i) => [`${i + 1}  ${text(c.name)}`, words(c.status)]),
    [380, 135],
  );

  heading(doc, 'Top alerts');
  if (data.alerts.length === 0) doc.text('No open alerts.');
  for (const a of data.alerts)
    doc.text(`${a.date}  [${a.severity}]  ${text(a.title)}${a.compound ? ` (${text(a.compound)})` : ''}`, {
      width,
    });

  heading(doc, 'Sources');
  if (data.sources.length === 0) doc.text('No corroborated public sources yet.');
  for (const s of data.sources)
    doc.text(
      `${text(s.publisher ?? 'Unknown publisher')}: ${text(s.title ?? 'untitled')} ` +
        `(${words(s.kind)}, ${s.state}, ${s.acquiredAt.slice(0, 10)})${s.url ? ` ${s.url}` : ''}`,
      { width },
    );

  if (data.disagreements?.length) {
    heading(doc, 'Disagreeing figures');
    for (const d of data.disagreements) {
      doc.text(`${text(d.quantity)}  [${d.agreement}]`, { width });
      for (const f of d.figures) doc.text(`    ${text(f)}`, { width });
    }
  }

  doc.end();
  return doc as unknown as Readable;
}
