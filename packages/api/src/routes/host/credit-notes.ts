import { CreditNote, CreditNoteInput } from '@ssp/schemas';
import type { CreditNoteRow } from '../../db/database.ts';
import type { Deps } from '../../env.ts';
import { changesByCustomer } from '../../events/change.ts';
import { upsertCreditNotes } from '../../ingest/credit-notes.ts';
import { allocationsOf } from '../../queries/allocations.ts';
import { getCreditNote, toCreditNote } from '../../queries/credit-notes.ts';
import { hostResourceRoutes } from './ingest-routes.ts';

export const creditNoteRoutes = (deps: Deps) =>
  hostResourceRoutes(deps, {
    path: 'credit-notes',
    noun: 'credit note',
    table: 'credit_notes',
    input: CreditNoteInput,
    output: CreditNote,
    ingest: {
      resource: 'credit_notes',
      write: upsertCreditNotes,
      read: (trx, tenantId, item) => getCreditNote(trx, tenantId, item.customerId, item.id),
      changes: (items, invoices: Awaited<ReturnType<typeof upsertCreditNotes>>) => changesByCustomer('credit_note', items, invoices),
    },
    toWire: async (db, tenantId, rows) => {
      const allocations = await allocationsOf(db, tenantId, 'credit_note', rows.map((row) => row.id));
      return (rows as CreditNoteRow[]).map((row) => toCreditNote(row, allocations.get(row.id) ?? []));
    },
  });
