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
      // A sales order lists the invoices billed from it: linking one changes the order too.
      changes: (items) => [
        ...changesByCustomer('invoice', items),
        ...changesByCustomer('sales_order', [...new Map(items.flatMap((item) => (item.salesOrderId ? [[item.salesOrderId, { id: item.salesOrderId, customerId: item.customerId }] as const] : []))).values()]),
      ],
    },
    toWire: async (_db, _tenantId, rows, today) => (rows as InvoiceRow[]).map((row) => toInvoice(row, today)),
  });
