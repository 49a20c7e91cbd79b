/**
 * Customers beyond the API fixture, for states the elements must show:
 * - `empty`: a customer with no records at all;
 * - `multi`: KWD (3 decimals) and JPY (0 decimals) invoices, one of them overdue;
 * - `long`: 60 invoices, for paging and sorting.
 */
type Host = { host(method: string, path: string, body: unknown): Promise<Response> };

async function ok(response: Promise<Response>) {
  const res = await response;
  if (!res.ok) throw new Error(`fixture write failed: ${res.status} ${await res.text()}`);
}

export async function seedExtras(api: Host): Promise<void> {
  await ok(api.host('POST', '/v1/customers', { data: [
    { id: 'empty', name: 'Empty Ltd', currency: 'EUR' },
    { id: 'multi', name: 'Gulf & Tokyo Trading', currency: 'KWD' },
    { id: 'long', name: 'Longstanding Inc.', currency: 'USD' },
  ] }));
  await ok(api.host('POST', '/v1/invoices', { data: [
    { id: 'multi-k1', customerId: 'multi', number: 'K-1', currency: 'KWD', issueDate: '2026-06-01', dueDate: '2026-06-30', lines: [{ description: 'Fee', unitPrice: 12345, amount: 12345 }] },
    { id: 'multi-j1', customerId: 'multi', number: 'J-1', currency: 'JPY', issueDate: '2026-04-01', dueDate: '2026-04-30', lines: [{ description: 'Fee', unitPrice: 1000, amount: 1000 }] },
  ] }));
  const months = Array.from({ length: 60 }, (_, index) => {
    const month = new Date(Date.UTC(2021, 6 + index, 1)).toISOString().slice(0, 10);
    const due = new Date(Date.UTC(2021, 6 + index, 31)).toISOString().slice(0, 10);
    return { id: `long-${String(index + 1).padStart(3, '0')}`, customerId: 'long', number: `L-${1000 + index}`, currency: 'USD', issueDate: month, dueDate: due < month ? month : due, lines: [{ description: 'Monthly service', unitPrice: 10000 + index * 100, amount: 10000 + index * 100 }] };
  });
  await ok(api.host('POST', '/v1/invoices', { data: months }));
  await ok(api.host('POST', '/v1/payments', {
    id: 'long-pay', customerId: 'long', currency: 'USD', amount: 560000, date: '2026-05-01', method: 'bank_transfer', reference: 'BULK',
    allocations: months.slice(0, 45).map((invoice) => ({ invoiceId: invoice.id, amount: invoice.lines[0]!.amount })),
  }));
}
