import type { Customer, InvoiceDetail } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import { daysBetween } from '../../dates.ts';
import type { Database, Tenant } from '../../db/database.ts';
import { getCustomer } from '../../queries/customers.ts';
import { getInvoice } from '../../queries/invoices.ts';
import { fileNamePart } from '../attachment.ts';
import { formatDate, formatMoney } from '../locale.ts';
import { COLORS, PdfLayout, type TableRow } from './layout.ts';
import { billingLines, drawBlock, drawLetterhead, drawPairs, drawStatusMark, tenantDisplayName } from './letterhead.ts';

export interface InvoiceDocument {
  tenant: Pick<Tenant, 'name' | 'settings'>;
  customer: Customer;
  invoice: InvoiceDetail;
  locale: string;
  /** The day the copy is printed, for "n days overdue". */
  today: string;
}

/** `invoice-INV-1042.pdf`. */
export const invoiceFileName = (number: string) => `invoice-${fileNamePart(number)}.pdf`;

/**
 * The customer's copy of one of their invoices, or undefined when it is not theirs
 * (the same 404 as the JSON detail route).
 */
export async function invoicePdf(
  db: Kysely<Database>,
  scope: { tenant: Tenant; customerId: string; invoiceId: string; today: string; locale: string },
): Promise<{ fileName: string; pdf: Buffer } | undefined> {
  const [invoice, customer] = await Promise.all([
    getInvoice(db, scope.tenant.id, scope.customerId, scope.invoiceId, scope.today),
    getCustomer(db, scope.tenant.id, scope.customerId),
  ]);
  if (!invoice || !customer) return undefined;
  const pdf = await renderInvoicePdf({ tenant: scope.tenant, customer, invoice, locale: scope.locale, today: scope.today });
  return { fileName: invoiceFileName(invoice.number), pdf };
}

/** Lays out an invoice: letterhead, parties, lines, totals, what was applied, balance due. */
export function renderInvoicePdf({ tenant, customer, invoice, locale, today }: InvoiceDocument): Promise<Buffer> {
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  const date = (iso: string) => formatDate(iso, locale);
  const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 3 });
  const seller = tenantDisplayName(tenant);

  const layout = new PdfLayout({
    title: `Invoice ${invoice.number}`,
    author: seller,
    subject: `Invoice ${invoice.number} for ${customer.name}`,
    runningHeader: `Invoice ${invoice.number} · ${customer.name} · ${seller}`,
    footer: `${seller} · Invoice ${invoice.number}`,
  });
  drawLetterhead(layout, tenant, 'INVOICE');

  // Parties: bill-to on the left; the invoice's facts and its status on the right.
  const top = layout.y;
  const rightWidth = 220;
  const rightX = layout.right - rightWidth;
  const leftHeight = drawBlock(layout, 'Bill to', billingLines(customer, locale), layout.left, rightX - layout.left - 24, top);
  const facts: [string, string][] = [
    ['Invoice number', invoice.number],
    ['Issue date', date(invoice.issueDate)],
    ['Due date', date(invoice.dueDate)],
    ['Terms', customer.billingTerms ?? '—'],
    ['Currency', invoice.currency],
  ];
  let rightHeight = drawPairs(layout, facts, rightX, rightWidth, top);
  rightHeight += 8 + drawStatusMark(layout, invoice.status, rightX, top + rightHeight + 8, rightWidth);
  if (invoice.status === 'overdue') {
    const days = daysBetween(invoice.dueDate, today);
    layout.place(`${days} ${days === 1 ? 'day' : 'days'} past due`, rightX, rightWidth, { y: top + rightHeight + 4, size: 8.5, color: '#b42318', align: 'center' });
    rightHeight += 16;
  }
  layout.y = top + Math.max(leftHeight, rightHeight) + 20;

  layout.table(
    [
      { header: 'Description', wrap: true },
      { header: 'Qty', width: 42, align: 'right' },
      { header: 'Unit price', width: 76, align: 'right' },
      { header: 'Tax rate', width: 48, align: 'right' },
      { header: 'Tax', width: 70, align: 'right' },
      { header: 'Amount', width: 80, align: 'right' },
    ],
    invoice.lines.map((line) => ({
      cells: [
        line.description,
        quantity.format(line.quantity),
        money(line.unitPrice),
        line.taxRate === null ? '—' : percent.format(line.taxRate / 100),
        money(line.taxAmount),
        money(line.amount),
      ],
    })),
    { keepWithLast: 70 },
  );

  const summaryWidth = 240;
  const summaryX = layout.right - summaryWidth;
  totals(layout, summaryX, summaryWidth, [
    ['Subtotal', money(invoice.subtotal)],
    ['Tax', money(invoice.tax)],
  ], ['Total', money(invoice.total)]);

  layout.moveDown(16);
  layout.ensureSpace(60);
  layout.line('Payments and credits applied', { size: 10.5, bold: true });
  layout.moveDown(4);
  const applied: { on: string; rows: TableRow }[] = [
    ...invoice.payments.map((payment) => ({
      on: payment.appliedOn,
      rows: { cells: [date(payment.date), `Payment (${payment.method.replaceAll('_', ' ')})`, payment.reference ?? payment.paymentId, money(payment.amount)] },
    })),
    ...invoice.credits.map((credit) => ({
      on: credit.appliedOn,
      rows: { cells: [date(credit.date), 'Credit note', credit.number, money(credit.amount)] },
    })),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  if (applied.length) {
    layout.table(
      [
        { header: 'Date', width: 90 },
        { header: 'Type', width: 150 },
        { header: 'Reference', wrap: true },
        { header: 'Amount', width: 90, align: 'right' },
      ],
      applied.map((entry) => entry.rows),
    );
  } else {
    layout.line('None.', { size: 9, color: COLORS.muted });
  }

  totals(
    layout,
    summaryX,
    summaryWidth,
    [
      ['Total', money(invoice.total)],
      ['Payments applied', money(-invoice.amountPaid)],
      ['Credits applied', money(-invoice.amountCredited)],
    ],
    ['Balance due', money(invoice.balance)],
  );
  if (invoice.status === 'void') {
    layout.moveDown(6);
    layout.paragraph('This invoice is void: nothing is owed on it.', { size: 9, color: COLORS.muted });
  }
  if (invoice.memo) {
    layout.moveDown(14);
    layout.line('Notes', { size: 10.5, bold: true });
    layout.moveDown(2);
    layout.paragraph(invoice.memo, { size: 9 });
  }
  return layout.finish();
}

/** A right-hand block of label/amount rows closed by a bold one, kept on one page. */
function totals(layout: PdfLayout, x: number, width: number, rows: [string, string][], last: [string, string]): void {
  const rowHeight = layout.lineHeight({ size: 9 }) + 3;
  const lastHeight = layout.lineHeight({ size: 10.5, bold: true }) + 4;
  layout.moveDown(8);
  layout.ensureSpace(rows.length * rowHeight + lastHeight + 8);
  layout.y += drawPairs(layout, rows, x, width, layout.y, { size: 9 });
  layout.rule(layout.y + 1, x, layout.right, COLORS.ink, 0.75);
  layout.y += 5;
  layout.place(last[0], x, width / 2, { size: 10.5, bold: true });
  layout.place(last[1], x + width / 2, width / 2, { size: 10.5, bold: true, align: 'right', whole: true });
  layout.y += lastHeight;
}
