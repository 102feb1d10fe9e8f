/**
 * A table to export: named columns (with an optional HXL hashtag for the Humanitarian Data
 * Exchange) and a value function per column. CSV and HXL-CSV are written here, a chunk at a time,
 * so a million rows stream through in constant memory; XLSX reuses the same columns
 * (services/exports/xlsx.ts).
 */
export type Cell = string | number | boolean | null;

export interface ExportColumn<R> {
  /** The header a person reads (first row). */
  readonly header: string;
  /** The HXL hashtag with attributes, e.g. `#affected+f+adults` (second row of an HXL file). */
  readonly hxl?: string;
  readonly value: (row: R) => Cell;
}

export type CsvFlavour = 'csv' | 'hxl';

/**
 * RFC 4180 quoting, and spreadsheet formula injection neutralised: a text cell that a spreadsheet
 * would evaluate (=, +, -, @, tab, carriage return first) gets a leading apostrophe (OWASP's advice),
 * since exported names and places were typed by other people.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** The header row, and for HXL the hashtag row under it (columns without a tag get an empty cell, which HXL allows). */
export function csvHead<R>(columns: readonly ExportColumn<R>[], flavour: CsvFlavour): string {
  const head = csvLine(columns.map((c) => c.header));
  return flavour === 'hxl' ? head + csvLine(columns.map((c) => c.hxl ?? null)) : head;
}

/** Lines joined into chunks of about `chunkChars` characters: one write per chunk, not per row. */
export async function* csvChunks<R>(
  columns: readonly ExportColumn<R>[],
  rows: AsyncIterable<R> | Iterable<R>,
  flavour: CsvFlavour,
  chunkChars = 64 * 1024,
): AsyncGenerator<string> {
  let chunk = csvHead(columns, flavour);
  for await (const row of rows) {
    chunk += csvLine(columns.map((c) => c.value(row)));
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** HXL hashtags: `#tag` then `+attribute`s, lower-case letters, digits and underscores (HXL 1.1). */
export const HXL_TAG = /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/;

/** A GeoJSON FeatureCollection written feature by feature (RFC 7946), in chunks like the CSV. */
export async function* featureCollectionChunks(
  features: AsyncIterable<unknown> | Iterable<unknown>,
  chunkChars = 64 * 1024,
): AsyncGenerator<string> {
  let chunk = '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const feature of features) {
    chunk += (first ? '\n' : ',\n') + JSON.stringify(feature);
    first = false;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n]}\n`;
}
