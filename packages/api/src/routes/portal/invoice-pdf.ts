import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody } from '@ssp/schemas';
import { BinaryBody, attachmentHeaders, bytes } from '../../documents/attachment.ts';
import { LocaleParam, requestLocale } from '../../documents/locale.ts';
import { invoicePdf } from '../../documents/pdf/invoice-pdf.ts';
import type { Deps, PortalEnv } from '../../env.ts';
import { notFound } from '../../errors.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { IdParam, portalSecurity } from './params.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/portal/invoices/{id}/pdf',
  tags: ['Portal API'],
  summary: 'An invoice as PDF',
  description:
    "The customer's copy: the tenant's name, address and logo, billing details, dates, terms, lines with tax, totals, payments and credits applied, balance due, and the status (PAID, OVERDUE, VOID, PARTIALLY PAID, OPEN). Money and dates in `locale`.",
  security: portalSecurity,
  request: { params: IdParam, query: z.object({ locale: LocaleParam.optional() }) },
  responses: {
    200: { description: 'The PDF, as an attachment named `invoice-<number>.pdf`.', content: { 'application/pdf': { schema: BinaryBody } } },
    ...errorResponses(ErrorBody, 400, 401, 403, 404),
  },
});

export function portalInvoicePdfRoutes(deps: Deps) {
  return createRouter<PortalEnv>().openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const document = await invoicePdf(deps.db, { tenant: c.get('tenant'), customerId: c.get('customerId'), invoiceId: id, today: deps.clock.today(), locale: requestLocale(c) });
    if (!document) throw notFound(`invoice ${id}`);
    return c.body(bytes(document.pdf), 200, attachmentHeaders('application/pdf', document.fileName));
  });
}
