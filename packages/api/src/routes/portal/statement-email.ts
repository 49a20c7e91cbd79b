import { createRoute } from '@hono/zod-openapi';
import { ErrorBody } from '@ssp/schemas';
import { StatementEmailBody, StatementEmailResult, emailStatement } from '../../documents/statement-email.ts';
import { statementPeriod } from '../../queries/statement.ts';
import { requestLocale } from '../../documents/locale.ts';
import type { Deps, PortalEnv } from '../../env.ts';
import { forbidden } from '../../errors.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { portalSecurity } from './params.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/portal/statement/email',
  tags: ['Portal API'],
  summary: 'Email me this statement',
  description:
    "Sends the statement PDF for `from`–`to` (as `GET /v1/portal/statement/pdf` makes it) to the customer's billing email. At most 3 per customer per hour (429 with `Retry-After`); 409 when the customer has no email; 403 when the tenant has turned it off; 503 when the server has no SMTP set up or the mail server refuses. Audited.",
  security: portalSecurity,
  request: { body: { required: true, content: { 'application/json': { schema: StatementEmailBody } } } },
  responses: {
    202: { description: 'Handed to the mail server.', content: { 'application/json': { schema: StatementEmailResult } } },
    ...errorResponses(ErrorBody, 400, 401, 403, 404, 409, 415, 429, 503),
  },
});

export function statementEmailRoutes(deps: Deps) {
  return createRouter<PortalEnv>().openapi(route, async (c) => {
    const tenant = c.get('tenant');
    if (tenant.settings.statementEmail === false) throw forbidden('emailing statements is turned off for this account');
    const body = c.req.valid('json');
    const customerId = c.get('customerId');
    const sent = await emailStatement(deps, {
      tenant, customerId, ...statementPeriod(body, deps.clock.today()), locale: body.locale ?? requestLocale(c), actor: `customer:${customerId}`,
    });
    return c.json(sent, 202);
  });
}
