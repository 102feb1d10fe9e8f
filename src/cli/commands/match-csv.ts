/** Minimal CSV reading for match evaluation: quoted cells, CRLF, FEBRL's space after each comma. */
import { readFileSync } from 'node:fs';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
    } else cell += ch;
  }
  row.push(cell);
  if (!(row.length === 1 && row[0] === '')) rows.push(row);
  return rows;
}

/** Rows as objects keyed by trimmed header; blank cells become null. */
export function readCsvObjects(path: string): Record<string, string | null>[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const cols = header.map((h) => h.trim());
  return rows.map((r) => {
    const o: Record<string, string | null> = {};
    cols.forEach((c, i) => {
      const v = (r[i] ?? '').trim();
      o[c] = v === '' ? null : v;
    });
    return o;
  });
}
