import { z } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { BinaryBody, attachmentHeaders } from './attachment.ts';
import { CSV_TYPE, csvChunks } from './csv.ts';
import { pullStream } from './stream.ts';
import type { Table } from './table.ts';
import { XLSX_TYPE, xlsxStream } from './xlsx.ts';

export const ExportFormat = z.enum(['csv', 'xlsx']).meta({ description: 'File format: `csv` (UTF-8, RFC 4180) or `xlsx`.' });
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The OpenAPI content of an export response. */
export const spreadsheetContent = {
  [CSV_TYPE]: { schema: z.string() },
  [XLSX_TYPE]: { schema: BinaryBody },
};

/** `pages` of `table` as a streamed CSV or XLSX file named `<baseName>.<format>`. */
export function spreadsheetDownload<Row>(format: ExportFormat, table: Table<Row>, pages: AsyncGenerator<Row[]>, baseName: string, logger: Logger) {
  const onError = (error: unknown) => logger.error({ err: error }, 'export cut short');
  const body = format === 'csv' ? pullStream(csvChunks(table, pages), onError) : xlsxStream(table, pages, onError);
  return { body, headers: attachmentHeaders(format === 'csv' ? CSV_TYPE : XLSX_TYPE, `${baseName}.${format}`) };
}
