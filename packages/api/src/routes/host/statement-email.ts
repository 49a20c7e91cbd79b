import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, Id } from '@ssp/schemas';
import { StatementEmailBody, StatementEmailResult, emailStatement } from '../../documents/statement-email.ts';
import { statementPeriod } from '../../queries/statement.ts';
import { requestLocale } from '../../documents/locale.ts';
import type { Deps, HostEnv } from '../../env.ts';
import { createRouter, errorResponses } from '../../openapi.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/customers/{id}/statement-email',
  tags: ['Host API'],
  summary: "Email a customer their statement",
  description:
    "Sends the statement PDF for `from`–`to` to the customer's billing email, as the portal's \"Email me\" does, and counts against the same limit of 3 per customer per hour (429 with `Retry-After`). 409 when the customer has no email; 503 when the server has no SMTP set up or the mail server refuses. Audited.",
  security: [{ secretKey: [] }],
  request: {
    params: z.object({ id: Id.meta({ param: { name: 'id', in: 'path' } }) }),
    body: { required: true, content: { 'application/json': { schema: StatementEmailBody } } },
  },
  responses: {
    202: { description: 'Handed to the mail server.', content: { 'application/json': { schema: StatementEmailResult } } },
    ...errorResponses(ErrorBody, 400, 401, 404, 409, 415, 429, 503),
  },
});

export function hostStatementEmailRoutes(deps: Deps) {
  return createRouter<HostEnv>().openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const sent = await emailStatement(deps, {
      tenant: c.get('tenant'), customerId: id, ...statementPeriod(body, deps.clock.today()), locale: body.locale ?? requestLocale(c), actor: `api_key:${c.get('apiKeyId')}`,
    });
    return c.json(sent, 202);
  });
}
