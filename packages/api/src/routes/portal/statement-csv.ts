import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, StatementQuery } from '@ssp/schemas';
import { attachmentHeaders } from '../../documents/attachment.ts';
import { CSV_TYPE, csvText } from '../../documents/csv.ts';
import { LocaleParam } from '../../documents/locale.ts';
import { statementRows, statementTable } from '../../documents/statement-csv.ts';
import type { Deps, PortalEnv } from '../../env.ts';
import { badRequest, notFound } from '../../errors.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { getStatement } from '../../queries/statement.ts';
import { portalSecurity } from './params.ts';

const StatementCsvQuery = StatementQuery.safeExtend({ locale: LocaleParam.optional() });

const route = createRoute({
  method: 'get',
  path: '/v1/portal/statement/csv',
  tags: ['Portal API'],
  summary: 'Account statement for a date range, as CSV',
  description:
    'The statement of `GET /v1/portal/statement` as one table, one block per currency: opening balance, each line with its running balance, totals, closing balance, then the aging at `to`. Columns currency, date, type, reference, description, debit, credit, balance; amounts are plain decimals in major units and dates ISO, whatever the `locale`, so that any spreadsheet reads them as numbers and dates. File `statement-<from|all>_<to>.csv`.',
  security: portalSecurity,
  request: { query: StatementCsvQuery },
  responses: {
    200: { description: 'The CSV file, as an attachment.', content: { [CSV_TYPE]: { schema: z.string() } } },
    ...errorResponses(ErrorBody, 400, 401, 403, 404),
  },
});

export function statementCsvRoutes(deps: Deps) {
  return createRouter<PortalEnv>().openapi(route, async (c) => {
    const tenantId = c.get('tenant').id;
    const query = c.req.valid('query');
    const to = query.to ?? deps.clock.today();
    if (query.from && query.from > to) throw badRequest('from must not be after to', [{ path: 'from', message: `after ${to}` }]);
    const customer = await deps.db.selectFrom('customers').select(['id', 'name', 'currency']).where('tenant_id', '=', tenantId).where('id', '=', c.get('customerId')).executeTakeFirst();
    if (!customer) throw notFound('customer');
    const statement = await getStatement(deps.db, tenantId, customer, query.from, to);
    // One period's statement is built whole (as for the JSON route), so it is sent whole.
    const csv = csvText(statementTable, statementRows(statement));
    return c.body(csv, 200, attachmentHeaders(CSV_TYPE, `statement-${query.from ?? 'all'}_${to}.csv`));
  });
}
