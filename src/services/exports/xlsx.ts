/**
 * XLSX, streamed: exceljs's streaming WorkbookWriter (the most used Node XLSX writer, which can
 * write a sheet row by row into a zip stream) with shared strings and styles off, so nothing
 * grows with the number of rows. Rows are committed as they come; every batch the writer waits
 * for the reader to take what was written, so a slow download cannot pile the file up in memory.
 */
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { ExportColumn } from '../../core/exports/table.ts';

const BATCH = 500;
/** Bytes waiting for the reader beyond which the writer pauses. */
const BACKLOG = 4 * 1024 * 1024;

export function xlsxStream<R>(
  sheetName: string,
  columns: readonly ExportColumn<R>[],
  rows: AsyncIterable<R> | Iterable<R>,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const write = async () => {
    sheet.addRow(columns.map((c) => c.header)).commit();
    let n = 0;
    for await (const row of rows) {
      sheet.addRow(columns.map((c) => c.value(row))).commit();
      if (++n % BATCH === 0) {
        // Let the zip compress what was committed, and wait while the reader is behind.
        await nextTurn();
        while (out.readableLength > BACKLOG && !out.destroyed) await sleep(5);
        if (out.destroyed) return;
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
