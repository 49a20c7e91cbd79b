import type { InvoiceStatus } from '@ssp/schemas';

/**
 * Each invoice status's badge tone, an extra to its name in words
 * (`invoices.status.<status>`); also the list of statuses, in the order filters offer them.
 */
export const invoiceTones: Record<InvoiceStatus, string> = { open: '', partially_paid: 'warn', paid: 'good', overdue: 'bad', void: 'quiet' };
