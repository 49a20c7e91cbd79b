/**
 * Extra fixture data for the lists elements' tests (see fixture-extras.ts for the shared
 * customers): `lists-many` has 30 payments, 30 credit notes and 30 sales orders, so that
 * each list pages ("Load more") and sorts beyond the API fixture's two or one records.
 *
 * Record i (1…30) is dated 2026-01-i and worth i × $10.00 (payments), i × $1.00 (credit
 * notes, nothing applied) or i × $100.00 (sales orders, status open, in progress,
 * completed, cancelled in turn). Payments alternate card (odd i) and cash (even i).
 * Hand-computed: payments total $4,650.00, all unapplied; card payments 15 for $2,250.00;
 * credit notes total $465.00, all remaining.
 */
type Host = { host(method: string, path: string, body: unknown): Promise<Response> };

async function ok(response: Promise<Response>) {
  const res = await response;
  if (!res.ok) throw new Error(`fixture write failed: ${res.status} ${await res.text()}`);
}

export async function seedLists(api: Host): Promise<void> {
  const customerId = 'lists-many';
  await ok(api.host('POST', '/v1/customers', { id: customerId, name: 'Many Records GmbH', currency: 'USD' }));
  const each = <T>(make: (i: number, day: string, two: string) => T) =>
    Array.from({ length: 30 }, (_, index) => make(index + 1, `2026-01-${String(index + 1).padStart(2, '0')}`, String(index + 1).padStart(2, '0')));
  await ok(api.host('POST', '/v1/payments', {
    data: each((i, date, two) => ({ id: `lists-p${two}`, customerId, currency: 'USD', amount: i * 1000, date, method: i % 2 ? 'card' : 'cash', reference: `REF-${two}` })),
  }));
  await ok(api.host('POST', '/v1/credit-notes', {
    data: each((i, date, two) => ({ id: `lists-cn${two}`, customerId, number: `LCN-${two}`, currency: 'USD', amount: i * 100, date, reason: 'Adjustment' })),
  }));
  const statuses = ['open', 'in_progress', 'completed', 'cancelled'];
  await ok(api.host('POST', '/v1/sales-orders', {
    data: each((i, orderDate, two) => ({
      id: `lists-so${two}`, customerId, number: `LSO-${two}`, currency: 'USD', orderDate, status: statuses[(i - 1) % 4],
      lines: [{ description: 'Delivery', quantity: 1, unitPrice: i * 10000, amount: i * 10000 }],
    })),
  }));
}
