import { createRoute } from '@hono/zod-openapi';
import { ErrorBody, Profile, ProfileUpdate } from '@ssp/schemas';
import type { Deps, PortalEnv } from '../../env.ts';
import { forbidden, notFound } from '../../errors.ts';
import { recordChanges } from '../../events/outbox.ts';
import { replaceContacts } from '../../ingest/customers.ts';
import { duplicates } from '../../ingest/issues.ts';
import { unprocessable } from '../../errors.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { getCustomer } from '../../queries/customers.ts';
import { portalSecurity } from './params.ts';

const read = createRoute({
  method: 'get',
  path: '/v1/portal/profile',
  tags: ['Portal API'],
  summary: "The customer's profile, and whether they may edit it",
  security: portalSecurity,
  responses: {
    200: { description: 'The profile.', content: { 'application/json': { schema: Profile } } },
    ...errorResponses(ErrorBody, 401, 403, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/v1/portal/profile',
  tags: ['Portal API'],
  summary: 'Edit email, phone, address and contacts (when the tenant allows it)',
  description: 'Only the fields sent change; `contacts`, when sent, replaces the list. Every change is written to the audit log with its before and after values.',
  security: portalSecurity,
  request: { body: { required: true, content: { 'application/json': { schema: ProfileUpdate } } } },
  responses: {
    200: { description: 'The updated profile.', content: { 'application/json': { schema: Profile } } },
    ...errorResponses(ErrorBody, 400, 401, 403, 404, 415, 422),
  },
});

export function profileRoutes(deps: Deps) {
  return createRouter<PortalEnv>()
    .openapi(read, async (c) => {
      const customer = await getCustomer(deps.db, c.get('tenant').id, c.get('customerId'));
      if (!customer) throw notFound('customer');
      return c.json({ customer, editable: c.get('tenant').settings.profileEditable === true }, 200);
    })
    .openapi(update, async (c) => {
      const tenant = c.get('tenant');
      const customerId = c.get('customerId');
      if (tenant.settings.profileEditable !== true) throw forbidden('this account’s profile is view-only');
      const changes = c.req.valid('json');
      if (changes.contacts) {
        const repeated = duplicates(changes.contacts.map((contact) => contact.id));
        if (repeated.size) throw unprocessable('contact ids must be unique', [...repeated].map((id) => ({ path: 'contacts', message: `contact ${id} appears more than once` })));
      }
      const customer = await deps.db.transaction().execute(async (trx) => {
        const before = await getCustomer(trx, tenant.id, customerId);
        if (!before) throw notFound('customer');
        const set = {
          ...(changes.email !== undefined ? { email: changes.email ?? null } : {}),
          ...(changes.phone !== undefined ? { phone: changes.phone ?? null } : {}),
          ...(changes.address !== undefined ? { address: changes.address ? JSON.stringify(changes.address) : null } : {}),
        };
        await trx.updateTable('customers').set({ ...set, updated_at: new Date() }).where('tenant_id', '=', tenant.id).where('id', '=', customerId).execute();
        if (changes.contacts) await replaceContacts(trx, tenant.id, [{ id: customerId, contacts: changes.contacts }]);
        const after = (await getCustomer(trx, tenant.id, customerId))!;
        const fields = Object.keys(changes) as (keyof typeof changes)[];
        await trx
          .insertInto('audit_log')
          .values({
            tenant_id: tenant.id,
            actor: `customer:${customerId}`,
            action: 'profile.update',
            customer_id: customerId,
            details: JSON.stringify({
              before: Object.fromEntries(fields.map((field) => [field, before[field]])),
              after: Object.fromEntries(fields.map((field) => [field, after[field]])),
            }),
          })
          .execute();
        // Last, after the row locks above (see recordChanges): the customer's other tabs and devices refetch.
        await recordChanges(trx, tenant.id, [{ customerId, kind: 'customer', ids: [customerId] }], deps.config.eventsRetentionDays);
        return after;
      });
      return c.json({ customer, editable: true }, 200);
    });
}
