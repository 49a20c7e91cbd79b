import type { CurrencyStatement, Customer, Statement, StatementLine } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database, Tenant } from '../../db/database.ts';
import { getCustomer } from '../../queries/customers.ts';
import { getStatement } from '../../queries/statement.ts';
import { formatDate, formatMoney } from '../locale.ts';
import { COLORS, PdfLayout } from './layout.ts';
import { billingLines, drawBlock, drawLetterhead, drawPairs, tenantDisplayName } from './letterhead.ts';

export interface StatementDocument {
  tenant: Pick<Tenant, 'name' | 'settings'>;
  customer: Customer;
  statement: Statement;
  locale: string;
  /** The day the statement is issued. */
  today: string;
}

/** `statement-2026-01-01_2026-06-30.pdf`; `all` when the statement starts at the first record. */
export const statementFileName = (from: string | undefined | null, to: string, extension = 'pdf') => `statement-${from ?? 'all'}_${to}.${extension}`;

/** Room for the opening/debits/credits/closing block and the aging table under a currency's lines: they stay with the last rows. */
const SUMMARY_GAP = 8;
const SUMMARY_HEIGHT = 70;
const AGING_HEIGHT = 62;

const TYPE_LABELS: Record<StatementLine['type'], string> = { invoice: 'Invoice', payment: 'Payment', credit_note: 'Credit note' };

/** The customer's statement for [from, to] (from the first record when `from` is omitted). */
export async function statementPdf(
  db: Kysely<Database>,
  scope: { tenant: Tenant; customerId: string; from: string | undefined; to: string; today: string; locale: string },
): Promise<{ fileName: string; pdf: Buffer; statement: Statement; customer: Customer } | undefined> {
  const customer = await getCustomer(db, scope.tenant.id, scope.customerId);
  if (!customer) return undefined;
  const statement = await getStatement(db, scope.tenant.id, customer, scope.from, scope.to);
  const pdf = await renderStatementPdf({ tenant: scope.tenant, customer, statement, locale: scope.locale, today: scope.today });
  return { fileName: statementFileName(scope.from, scope.to), pdf, statement, customer };
}

/** "1 Mar 2026 – 31 May 2026", or "All activity to 31 May 2026" without a start. */
export function statementPeriod(statement: Pick<Statement, 'from' | 'to'>, locale: string): string {
  const to = formatDate(statement.to, locale);
  return statement.from ? `${formatDate(statement.from, locale)} – ${to}` : `All activity to ${to}`;
}

/** Lays out a statement: per currency, opening balance, lines with running balance, totals, closing balance, aging. */
export function renderStatementPdf({ tenant, customer, statement, locale, today }: StatementDocument): Promise<Buffer> {
  const seller = tenantDisplayName(tenant);
  const period = statementPeriod(statement, locale);
  const layout = new PdfLayout({
    title: `Statement ${period}`,
    author: seller,
    subject: `Statement of account for ${customer.name}, ${period}`,
    runningHeader: `Statement · ${customer.name} · ${period}`,
    footer: `${seller} · Statement of account`,
  });
  drawLetterhead(layout, tenant, 'STATEMENT');

  const top = layout.y;
  const rightWidth = 240;
  const rightX = layout.right - rightWidth;
  const leftHeight = drawBlock(layout, 'Statement for', billingLines(customer, locale), layout.left, rightX - layout.left - 24, top);
  const rightHeight = drawPairs(
    layout,
    [
      ['Period', period],
      ['Issued', formatDate(today, locale)],
      ['Account', customer.id],
      ['Terms', customer.billingTerms ?? '—'],
    ],
    rightX,
    rightWidth,
    top,
  );
  layout.y = top + Math.max(leftHeight, rightHeight) + 16;

  const currencyNames = displayNames(locale);
  for (const block of statement.currencies) {
    currencySection(layout, block, locale, statement, currencyNames?.of(block.currency));
  }
  return layout.finish();
}

function currencySection(layout: PdfLayout, block: CurrencyStatement, locale: string, statement: Statement, currencyName: string | undefined): void {
  const money = (minor: number) => formatMoney(minor, block.currency, locale);
  // Each day is printed a few times over (line dates, due dates): formatted once.
  const dates = new Map<string, string>();
  const date = (iso: string) => {
    let text = dates.get(iso);
    if (text === undefined) {
      text = formatDate(iso, locale);
      dates.set(iso, text);
    }
    return text;
  };
  // A block that fits on one page starts on one; a longer one keeps its heading with the
  // table's header and first rows. (Rows are ~16 pt at 8 pt type.)
  const whole = 40 + (block.lines.length + 3) * 16 + SUMMARY_GAP + SUMMARY_HEIGHT + AGING_HEIGHT;
  layout.ensureSpace(whole <= layout.pageContentHeight ? whole : 90);
  layout.moveDown(6);
  layout.line(currencyName && currencyName !== block.currency ? `${currencyName} (${block.currency})` : block.currency, { size: 12, bold: true, color: COLORS.accent });
  layout.moveDown(4);

  layout.table(
    [
      // Sized for the common case at 8 pt: "May 12, 2026", "Credit note", a 19-character
      // card reference, "Payment (bank transfer)", and amounts up to "$19,451.20" in bold.
      { header: 'Date', width: 62 },
      { header: 'Type', width: 53 },
      { header: 'Reference', width: 96, wrap: true },
      { header: 'Description', wrap: true },
      { header: 'Debit', width: 60, align: 'right' },
      { header: 'Credit', width: 60, align: 'right' },
      { header: 'Balance', width: 62, align: 'right' },
    ],
    [
      { cells: [statement.from ? date(statement.from) : '', '', '', 'Opening balance', '', '', money(block.openingBalance)], shaded: true },
      ...block.lines.map((line) => ({
        cells: [
          date(line.date),
          TYPE_LABELS[line.type],
          line.reference,
          describe(line, date),
          line.debit ? money(line.debit) : '',
          line.credit ? money(line.credit) : '',
          money(line.balance),
        ],
      })),
      { cells: ['', '', '', 'Totals', money(block.totals.debits), money(block.totals.credits), money(block.closingBalance)], bold: true },
    ],
    { fontSize: 8, padX: 3.5, keepWithLast: SUMMARY_GAP + SUMMARY_HEIGHT + AGING_HEIGHT },
  );

  const summaryWidth = 240;
  const x = layout.right - summaryWidth;
  const pairs: [string, string][] = [
    ['Opening balance', money(block.openingBalance)],
    ['Debits', money(block.totals.debits)],
    ['Credits', money(-block.totals.credits)],
  ];
  const closingHeight = layout.lineHeight({ size: 10.5, bold: true }) + 4;
  layout.moveDown(SUMMARY_GAP);
  layout.ensureSpace(SUMMARY_HEIGHT + AGING_HEIGHT);
  layout.y += drawPairs(layout, pairs, x, summaryWidth, layout.y);
  layout.rule(layout.y + 1, x, layout.right, COLORS.ink, 0.75);
  layout.y += 5;
  layout.place('Closing balance', x, summaryWidth / 2, { size: 10.5, bold: true });
  layout.place(money(block.closingBalance), x + summaryWidth / 2, summaryWidth / 2, { size: 10.5, bold: true, align: 'right', whole: true });
  layout.y += closingHeight + 10;

  const aging = block.aging;
  const buckets = [aging.current, aging.days1to30, aging.days31to60, aging.days61to90, aging.days90plus];
  layout.ensureSpace(AGING_HEIGHT);
  layout.line(`Aging at ${date(statement.to)}`, { size: 10, bold: true });
  layout.moveDown(3);
  const width = layout.width / 6;
  layout.table(
    ['Current', '1–30 days', '31–60 days', '61–90 days', 'Over 90 days', 'Total open'].map((header) => ({ header, width, align: 'right' as const })),
    [{ cells: [...buckets, buckets.reduce((sum, amount) => sum + amount, 0)].map(money) }],
  );
  layout.moveDown(14);
}

/**
 * The line's description without what the Type and Reference columns already say, so that
 * most rows keep to one line: an invoice's "Due 31 Mar 2026" (its due date in the
 * document's locale), a credit note's reason (or nothing), a payment's "Payment (card)".
 */
function describe(line: StatementLine, date: (iso: string) => string): string {
  if (line.dueDate) return `Due ${date(line.dueDate)}`;
  if (line.type === 'credit_note') return line.reason ?? '';
  return line.description;
}

function displayNames(locale: string): Intl.DisplayNames | undefined {
  try {
    return new Intl.DisplayNames([locale], { type: 'currency' });
  } catch {
    return undefined;
  }
}
