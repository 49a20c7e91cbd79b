import { Invoice, InvoiceDetail, InvoiceInput } from '@ssp/schemas';
import type { InvoiceRow } from '../../db/database.ts';
import type { Deps } from '../../env.ts';
import { changesByCustomer } from '../../events/change.ts';
import { upsertInvoices } from '../../ingest/invoices.ts';
import { getInvoice, toInvoice } from '../../queries/invoices.ts';
import { hostResourceRoutes } from './ingest-routes.ts';

export const invoiceRoutes = (deps: Deps) =>
  hostResourceRoutes(deps, {
    path: 'invoices',
    noun: 'invoice',
    table: 'invoices',
    input: InvoiceInput,
    output: InvoiceDetail,
    listItem: Invoice,
    ingest: {
      resource: 'invoices',
      write: upsertInvoices,
      read: (trx, tenantId, item, today) => getInvoice(trx, tenantId, item.customerId, item.id, today),
      changes: (items) => changesByCustomer('invoice', items),
    },
    toWire: async (_db, _tenantId, rows, today) => (rows as InvoiceRow[]).map((row) => toInvoice(row, today)),
  });
