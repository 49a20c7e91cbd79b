import { toMajorUnits } from '@ssp/schemas';
import { type Options, stringify } from 'csv-stringify/sync';
import type { Column, Table } from './table.ts';

export const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

// RFC 4180: CRLF between records; a field holding a delimiter, a quote or a line break
// is quoted. csv-stringify quotes a lone CR or LF only when asked (its record delimiter
// is CRLF here), hence `quoted_match`.
const OPTIONS: Options = { record_delimiter: 'windows', quoted_match: /[\r\n]/ };

/** Characters that make a spreadsheet read a cell as a formula (or DDE) when they lead it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises formula injection: text that a spreadsheet would evaluate (`=HYPERLINK(…)`,
 * `+1+2`, `@SUM(…)`, `-2+3`) gets a leading apostrophe, which Excel and LibreOffice take
 * as "this is text" and do not show. Amount cells never pass through here: they are
 * decimals we format ourselves, and a negative one must stay a number.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell<Row>(column: Column<Row>, row: Row, currency: string): string {
  if (column.kind === 'amount') {
    const minor = column.value(row);
    return minor === null ? '' : toMajorUnits(minor, currency);
  }
  const text = column.value(row);
  return text === null ? '' : neutralise(text);
}

/**
 * `rows` of `table` as CSV: UTF-8 with a byte-order mark (so that Excel does not read it
 * in the machine's legacy code page) and a header row unless `header` is false (a later
 * chunk of the same file), RFC 4180 quoting and CRLF records. Amounts are plain
 * decimals in major units (`-12.345` for KWD) that any spreadsheet reads as numbers,
 * whatever its locale; dates are ISO.
 */
export function csvText<Row>(table: Table<Row>, rows: Row[], header = true): string {
  const records = rows.map((row) => {
    const currency = table.currency(row);
    return table.columns.map((column) => cell(column, row, currency));
  });
  if (header) records.unshift(table.columns.map((column) => column.header));
  return stringify(records, { ...OPTIONS, bom: header });
}

/**
 * The same, one chunk per page of rows, for a file streamed as it is queried. The header
 * goes out with the first page, so that whoever primes this generator has also run the
 * first query.
 */
export async function* csvChunks<Row>(table: Table<Row>, pages: AsyncIterable<Row[]>): AsyncGenerator<string> {
  let first = true;
  for await (const rows of pages) {
    yield csvText(table, rows, first);
    first = false;
  }
  if (first) yield csvText(table, []);
}
