import { Customer, CustomerInput } from '@ssp/schemas';
import type { CustomerRow } from '../../db/database.ts';
import type { Deps } from '../../env.ts';
import { upsertCustomers } from '../../ingest/customers.ts';
import { getCustomer, withContacts } from '../../queries/customers.ts';
import { hostResourceRoutes } from './ingest-routes.ts';

export const customerRoutes = (deps: Deps) =>
  hostResourceRoutes(deps, {
    path: 'customers',
    noun: 'customer',
    table: 'customers',
    input: CustomerInput,
    output: Customer,
    ingest: {
      resource: 'customers',
      write: upsertCustomers,
      read: (trx, tenantId, item) => getCustomer(trx, tenantId, item.id),
      changes: (items) => items.map((item) => ({ customerId: item.id, kind: 'customer' as const, ids: [item.id] })),
    },
    toWire: (db, tenantId, rows) => withContacts(db, tenantId, rows as CustomerRow[]),
  });
