import { createRoute } from '@hono/zod-openapi';
import { ErrorBody, StatementQuery } from '@ssp/schemas';
import { BinaryBody, attachmentHeaders, bytes } from '../../documents/attachment.ts';
import { LocaleParam, requestLocale } from '../../documents/locale.ts';
import { statementPdf } from '../../documents/pdf/statement-pdf.ts';
import type { Deps, PortalEnv } from '../../env.ts';
import { notFound } from '../../errors.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { statementPeriod } from '../../queries/statement.ts';
import { portalSecurity } from './params.ts';

const StatementPdfQuery = StatementQuery.safeExtend({ locale: LocaleParam.optional() });

const route = createRoute({
  method: 'get',
  path: '/v1/portal/statement/pdf',
  tags: ['Portal API'],
  summary: 'Account statement for a date range, as PDF',
  description:
    'The statement of `GET /v1/portal/statement` on A4 pages: per currency, the opening balance, every line with its running balance, totals, the closing balance and the aging at `to`; headers repeated on every page, "Page n of m". Money and dates in `locale`. File `statement-<from|all>_<to>.pdf`.',
  security: portalSecurity,
  request: { query: StatementPdfQuery },
  responses: {
    200: { description: 'The PDF, as an attachment.', content: { 'application/pdf': { schema: BinaryBody } } },
    ...errorResponses(ErrorBody, 400, 401, 403, 404),
  },
});

export function statementPdfRoutes(deps: Deps) {
  return createRouter<PortalEnv>().openapi(route, async (c) => {
    const period = statementPeriod(c.req.valid('query'), deps.clock.today());
    const document = await statementPdf(deps.db, {
      tenant: c.get('tenant'), customerId: c.get('customerId'), ...period, today: deps.clock.today(), locale: requestLocale(c),
    });
    if (!document) throw notFound('customer');
    return c.body(bytes(document.pdf), 200, attachmentHeaders('application/pdf', document.fileName));
  });
}
