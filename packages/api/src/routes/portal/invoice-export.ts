import { createRoute } from '@hono/zod-openapi';
import { ErrorBody, InvoiceListQuery } from '@ssp/schemas';
import { ExportFormat, spreadsheetContent, spreadsheetDownload } from '../../documents/download.ts';
import { invoicePages, invoiceTable } from '../../documents/exports.ts';
import { primed } from '../../documents/stream.ts';
import type { Deps, PortalEnv } from '../../env.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { portalSecurity } from './params.ts';

const InvoiceExportQuery = InvoiceListQuery.omit({ limit: true, cursor: true }).extend({ format: ExportFormat });

const route = createRoute({
  method: 'get',
  path: '/v1/portal/invoices/export',
  tags: ['Portal API'],
  summary: 'Export the filtered invoices as CSV or XLSX',
  description:
    'Every invoice matching the same filters and sort as `GET /v1/portal/invoices` (no paging): number, issue date, due date, status, currency, total, paid, credited, balance. Streamed; amounts in major units (numbers in XLSX, with the currency\'s decimals). File `invoices-<today>.csv|xlsx`.',
  security: portalSecurity,
  request: { query: InvoiceExportQuery },
  responses: {
    200: { description: 'The file, as an attachment.', content: spreadsheetContent },
    ...errorResponses(ErrorBody, 400, 401, 403),
  },
});

export function invoiceExportRoutes(deps: Deps) {
  return createRouter<PortalEnv>().openapi(route, async (c) => {
    const { format, ...filters } = c.req.valid('query');
    const today = deps.clock.today();
    const scope = { tenantId: c.get('tenant').id, customerId: c.get('customerId') };
    const pages = await primed(invoicePages(deps.db, scope, filters, today));
    const file = spreadsheetDownload(format, invoiceTable, pages, `invoices-${today}`, deps.logger);
    return c.body(file.body, 200, file.headers);
  });
}
