import { CreditNote, CreditNoteList, CreditNoteListQuery } from '@ssp/schemas';
import type { Deps } from '../../env.ts';
import { getCreditNote, listCreditNotes } from '../../queries/credit-notes.ts';
import { portalListRoutes } from './list-routes.ts';

export const portalCreditNoteRoutes = (deps: Deps) =>
  portalListRoutes(deps, {
    path: 'credit-notes',
    noun: 'credit note',
    description: 'Each credit note with the invoices it was applied to and the credit remaining.',
    query: CreditNoteListQuery,
    list: CreditNoteList,
    detail: CreditNote,
    fetchList: (s, query) => listCreditNotes(s.db, s.tenantId, s.customerId, query),
    fetchOne: (s, id) => getCreditNote(s.db, s.tenantId, s.customerId, id),
  });
