/**
 * XLSX, streamed: exceljs's streaming WorkbookWriter (the most used Node XLSX writer, which can
 * write a sheet row by row into a zip stream) with shared strings and styles off, so nothing
 * grows with the number of rows. Rows are committed as they come; every batch the writer waits
 * until both the compressor and the reader have caught up, so neither a slow download nor the
 * compression itself piles the file up in memory.
 */
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import type { ExportColumn } from '../../core/exports/table.ts';
import { loadOnFirstUse } from '../../core/load-on-first-use.ts';

/** exceljs, loaded on the first XLSX export (~0.4 s of CPU at load). */
const loadExcelJs = loadOnFirstUse<typeof ExcelJS>('exceljs');

const BATCH = 500;
/** Bytes waiting (for the compressor or the reader) beyond which the writer pauses. */
const BACKLOG = 4 * 1024 * 1024;

/**
 * Bytes the sheet has written that the zip has not compressed yet. exceljs's sheet stream ignores
 * backpressure (its write() always returns true), so without this the rows pile up in front of
 * the compressor (680 MB at a million rows in bench:export). This reads exceljs internals
 * (the streams the sheet's StreamBuf pipes into) defensively: 0 if their shape changes.
 */
function compressorBacklog(sheet: unknown): number {
  type Pipe = { writableLength?: number; _writableState?: { length?: number } };
  const pipes = (sheet as { _stream?: { pipes?: Pipe[] } })._stream?.pipes ?? [];
  // archiver's streams come from readable-stream 2, which has no writableLength getter.
  return pipes.reduce((n, p) => n + (p.writableLength ?? p._writableState?.length ?? 0), 0);
}

export function xlsxStream<R>(
  sheetName: string,
  columns: readonly ExportColumn<R>[],
  rows: AsyncIterable<R> | Iterable<R>,
): Readable {
  const out = new PassThrough();
  const workbook = new (loadExcelJs().stream.xlsx.WorkbookWriter)({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
    // Fast deflate: an export is downloaded once; level 1 is several times quicker and about as small for CSV-like XML.
    zip: { zlib: { level: 1 } },
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const write = async () => {
    sheet.addRow(columns.map((c) => c.header)).commit();
    let n = 0;
    for await (const row of rows) {
      sheet.addRow(columns.map((c) => c.value(row))).commit();
      if (++n % BATCH === 0) {
        // Let the zip compress what was committed, and wait while the reader is behind.
        await nextTurn();
        while ((out.readableLength > BACKLOG || compressorBacklog(sheet) > BACKLOG) && !out.destroyed) await sleep(2);
        if (out.destroyed) return;
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
