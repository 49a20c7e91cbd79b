import type { Aging, Statement, StatementLine } from '@ssp/schemas';
import type { Table } from './table.ts';

/** One row of the statement as a table: a line, or one of the figures around the lines. */
export interface StatementRow {
  currency: string;
  date: string | null;
  type: StatementLine['type'] | 'opening_balance' | 'totals' | 'closing_balance' | 'aging';
  reference: string | null;
  description: string;
  debit: number | null;
  credit: number | null;
  balance: number | null;
}

const AGING: [keyof Aging, string, string][] = [
  ['current', 'current', 'Aging: not yet due'],
  ['days1to30', '1-30', 'Aging: 1–30 days past due'],
  ['days31to60', '31-60', 'Aging: 31–60 days past due'],
  ['days61to90', '61-90', 'Aging: 61–90 days past due'],
  ['days90plus', '90+', 'Aging: over 90 days past due'],
];

/**
 * The statement flattened into one table, one block per currency: the opening balance,
 * every line with its running balance, the totals of debits and credits, the closing
 * balance, then the aging buckets at the end date. A single set of columns (rather than
 * one section layout per part) so that the file loads as one table anywhere; `type`
 * says what each row is.
 */
export function statementRows(statement: Statement): StatementRow[] {
  return statement.currencies.flatMap((block) => {
    const at = (type: StatementRow['type'], description: string, figures: Partial<Pick<StatementRow, 'reference' | 'debit' | 'credit' | 'balance'>>): StatementRow => ({
      currency: block.currency, date: statement.to, type, reference: null, description, debit: null, credit: null, balance: null, ...figures,
    });
    return [
      { ...at('opening_balance', 'Opening balance', { balance: block.openingBalance }), date: statement.from },
      ...block.lines.map((line): StatementRow => ({
        currency: block.currency,
        date: line.date,
        type: line.type,
        reference: line.reference,
        description: line.description,
        debit: line.type === 'invoice' ? line.debit : null,
        credit: line.type === 'invoice' ? null : line.credit,
        balance: line.balance,
      })),
      at('totals', 'Totals', { debit: block.totals.debits, credit: block.totals.credits }),
      at('closing_balance', 'Closing balance', { balance: block.closingBalance }),
      ...AGING.map(([bucket, reference, description]) => at('aging', description, { reference, balance: block.aging[bucket] })),
    ];
  });
}

export const statementTable: Table<StatementRow> = {
  sheet: 'Statement',
  currency: (row) => row.currency,
  columns: [
    { kind: 'text', header: 'Currency', width: 10, value: (row) => row.currency },
    { kind: 'date', header: 'Date', width: 12, value: (row) => row.date },
    { kind: 'text', header: 'Type', width: 16, value: (row) => row.type },
    { kind: 'text', header: 'Reference', width: 20, value: (row) => row.reference },
    { kind: 'text', header: 'Description', width: 40, value: (row) => row.description },
    { kind: 'amount', header: 'Debit', width: 15, value: (row) => row.debit },
    { kind: 'amount', header: 'Credit', width: 15, value: (row) => row.credit },
    { kind: 'amount', header: 'Balance', width: 15, value: (row) => row.balance },
  ],
};
