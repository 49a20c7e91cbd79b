/**
 * A tabular document (an export or the statement as a spreadsheet) described once, and
 * written by both the CSV and the XLSX writer: the column headers, how wide each is, and
 * what kind of value it holds, so that each writer can type the cell its own way.
 */
export type Column<Row> =
  /** Text from the data (numbers, references, names): neutralised against formulas in CSV. */
  | { kind: 'text'; header: string; width: number; value: (row: Row) => string | null }
  /** A `YYYY-MM-DD` calendar date: ISO text in CSV, a date cell in XLSX. */
  | { kind: 'date'; header: string; width: number; value: (row: Row) => string | null }
  /** Integer minor units of the row's currency: a decimal in major units in both. */
  | { kind: 'amount'; header: string; width: number; value: (row: Row) => number | null };

export interface Table<Row> {
  /** The worksheet's name in XLSX. */
  sheet: string;
  columns: Column<Row>[];
  /** The ISO 4217 code the row's amounts are in. */
  currency(row: Row): string;
}
