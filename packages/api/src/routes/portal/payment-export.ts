import { createRoute } from '@hono/zod-openapi';
import { ErrorBody, PaymentListQuery } from '@ssp/schemas';
import { ExportFormat, spreadsheetContent, spreadsheetDownload } from '../../documents/download.ts';
import { paymentPages, paymentTable } from '../../documents/exports.ts';
import { primed } from '../../documents/stream.ts';
import type { Deps, PortalEnv } from '../../env.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { portalSecurity } from './params.ts';

const PaymentExportQuery = PaymentListQuery.omit({ limit: true, cursor: true }).extend({ format: ExportFormat });

const route = createRoute({
  method: 'get',
  path: '/v1/portal/payments/export',
  tags: ['Portal API'],
  summary: 'Export the filtered payments as CSV or XLSX',
  description:
    'Every payment matching the same filters and sort as `GET /v1/portal/payments` (no paging): date, reference, method, currency, amount, applied, unapplied, and the numbers of the invoices it was applied to. Streamed. File `payments-<today>.csv|xlsx`.',
  security: portalSecurity,
  request: { query: PaymentExportQuery },
  responses: {
    200: { description: 'The file, as an attachment.', content: spreadsheetContent },
    ...errorResponses(ErrorBody, 400, 401, 403),
  },
});

export function paymentExportRoutes(deps: Deps) {
  return createRouter<PortalEnv>().openapi(route, async (c) => {
    const { format, ...filters } = c.req.valid('query');
    const today = deps.clock.today();
    const scope = { tenantId: c.get('tenant').id, customerId: c.get('customerId') };
    const pages = await primed(paymentPages(deps.db, scope, filters));
    const file = spreadsheetDownload(format, paymentTable, pages, `payments-${today}`, deps.logger);
    return c.body(file.body, 200, file.headers);
  });
}
