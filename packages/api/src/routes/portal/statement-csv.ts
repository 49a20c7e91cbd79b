import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, StatementQuery } from '@ssp/schemas';
import { attachmentHeaders } from '../../documents/attachment.ts';
import { CSV_TYPE, csvText } from '../../documents/csv.ts';
import { LocaleParam } from '../../documents/locale.ts';
import { statementRows, statementTable } from '../../documents/statement-csv.ts';
import type { Deps, PortalEnv } from '../../env.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { customerStatement, statementPeriod } from '../../queries/statement.ts';
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
    const { from, to } = statementPeriod(c.req.valid('query'), deps.clock.today());
    const statement = await customerStatement(deps.db, c.get('tenant').id, c.get('customerId'), { from, to });
    // One period's statement is built whole (as for the JSON route), so it is sent whole.
    const csv = csvText(statementTable, statementRows(statement));
    return c.body(csv, 200, attachmentHeaders(CSV_TYPE, `statement-${from ?? 'all'}_${to}.csv`));
  });
}
