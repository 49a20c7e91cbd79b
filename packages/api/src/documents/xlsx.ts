import { EventEmitter, once } from 'node:events';
import { PassThrough } from 'node:stream';
import { currencyExponent, toMajorUnits } from '@ssp/schemas';
import ExcelJS from 'exceljs';
import { pullStream } from './stream.ts';
import type { Table } from './table.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel's number format for a currency's ISO 4217 decimals: `#,##0.000` for KWD, `#,##0` for JPY. */
export function amountFormat(currency: string): string {
  const decimals = currencyExponent(currency);
  return decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
}

const DATE_FORMAT = 'yyyy-mm-dd';

/**
 * The XLSX workbook of `table`, streamed: exceljs's WorkbookWriter writes each row as it
 * is committed into the zip going out, so memory holds a page of rows, not the sheet.
 * Cells are typed: amounts are numbers in major units with the currency's decimals as
 * their format (a currency column beside them, since one sheet may mix currencies),
 * dates are real date cells shown as ISO `yyyy-mm-dd`, text is inline text (never a
 * formula: a typed string cell is not evaluated, so it needs no neutralising). The
 * header row is bold, frozen and filterable.
 *
 * A client that goes away destroys the stream; the writer then returns `pages`, so no
 * further page is queried.
 */
export function xlsxStream<Row>(table: Table<Row>, pages: AsyncGenerator<Row[]>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const closed = new AbortController();
  output.once('close', () => closed.abort());
  writeWorkbook(table, pages, output, closed.signal).catch((error: unknown) => {
    if (!closed.signal.aborted) output.destroy(error as Error);
  });
  // Pulled chunk by chunk like the CSV (Readable.toWeb would queue up to 16,384 chunks
  // ahead of the client on Node 20, which defeats the waiting for 'drain' below).
  return pullStream(output[Symbol.asyncIterator](), onError);
}

async function writeWorkbook<Row>(table: Table<Row>, pages: AsyncGenerator<Row[]>, output: PassThrough, closed: AbortSignal) {
  // Inline strings, not the shared-strings table: that table would grow with every
  // distinct invoice number and is only written at the end.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({ width: column.width }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  header.commit();

  for await (const rows of pages) {
    if (closed.aborted) return;
    for (const row of rows) writeRow(sheet, table, row);
    // commit() never waits, neither for zlib nor for the client: wait here for both.
    const backlog = zipBacklog(sheet);
    if (backlog && backlog._writableState.length > MAX_ZIP_BACKLOG) await once(backlog, 'drain', { signal: closed });
    if (output.writableNeedDrain) await once(output, 'drain', { signal: closed });
  }
  sheet.commit();
  await workbook.commit();
}

/** Sheet XML allowed to wait for compression before the next page is queried. */
const MAX_ZIP_BACKLOG = 1024 * 1024;

interface Backlog extends EventEmitter {
  _writableState: { length: number };
}

/**
 * The stream in which a sheet's committed XML waits for zlib. exceljs writes rows into
 * its own buffer, which forwards them to the stream archiver reads the zip entry from,
 * ignoring that stream's backpressure; when rows come faster than compression goes (a
 * database page arrives every few milliseconds, compression needs event-loop turns),
 * the XML piles up there without bound. Neither library exposes it, so it is found
 * through their private fields (exceljs 4 `_stream.pipes`, archiver 5's input
 * PassThrough), defensively: if a new version moves them, this returns undefined, the
 * export still works with only the client's backpressure, and the test beside this
 * file fails to say so.
 */
export function zipBacklog(sheet: ExcelJS.Worksheet): Backlog | undefined {
  const pipe = (sheet as unknown as { _stream?: { pipes?: unknown[] } })._stream?.pipes?.[0] as Partial<Backlog> | undefined;
  return pipe instanceof EventEmitter && typeof pipe._writableState?.length === 'number' ? (pipe as Backlog) : undefined;
}

function writeRow<Row>(sheet: ExcelJS.Worksheet, table: Table<Row>, row: Row) {
  const currency = table.currency(row);
  const added = sheet.addRow(
    table.columns.map((column) => {
      if (column.kind === 'amount') {
        const minor = column.value(row);
        // The decimal string is exact; the nearest double is what Excel stores anyway.
        return minor === null ? null : Number(toMajorUnits(minor, currency));
      }
      if (column.kind === 'date') {
        const iso = column.value(row);
        return iso === null ? null : new Date(`${iso}T00:00:00Z`);
      }
      return column.value(row);
    }),
  );
  table.columns.forEach((column, index) => {
    if (column.kind === 'amount') added.getCell(index + 1).numFmt = amountFormat(currency);
    else if (column.kind === 'date') added.getCell(index + 1).numFmt = DATE_FORMAT;
  });
  added.commit();
}
