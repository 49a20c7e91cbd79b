import { type TestApi, expectJson } from './harness.ts';

/**
 * A small account whose every figure is computed by hand in the tests, as of
 * 2026-06-15 (the harness's default clock):
 *
 * USD (NET30-ish):
 *   INV-1  2026-01-10 due 02-09  12000 (10000 + 2000 tax)  paid by P1          → paid
 *   INV-6  2026-02-01 due 03-03   4000                     nothing applied      → overdue 104 days (90+)
 *   INV-2  2026-03-01 due 03-31  50000                     P2 applied 20000     → overdue  76 days (61–90), balance 30000
 *   INV-5  2026-04-01 due 05-01   7000                     void                 → void (counts nowhere)
 *   INV-3  2026-05-20 due 06-19  30000 (25000 + 5000 tax)  CN1 applied 10000    → partially_paid, upcoming, balance 20000
 *   INV-4  2026-06-01 due 07-20   8000                                          → open, due beyond 30 days
 *   P1  2026-02-01 card           12000 → INV-1 12000
 *   P2  2026-03-20 bank_transfer  25000 → INV-2 20000, 5000 unapplied (overpayment)
 *   CN1 2026-05-25 10000 → INV-3 10000 (fully applied)
 *   CN2 2026-06-10  3000 unapplied
 * EUR:
 *   INV-7  2026-06-05 due 07-05   9900 → open, upcoming
 * Also a sales order SO-1 (billed by INV-2) and a service schedule, which move no figure.
 */
export async function ingestFixture(api: TestApi, customerId: string): Promise<void> {
  const id = (name: string) => `${customerId}-${name}`;
  await expectJson(
    api.host('POST', '/v1/customers', {
      id: customerId,
      name: 'Fixture Co',
      email: 'billing@fixture.example',
      phone: '+1 555 0100',
      address: { line1: '1 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
      currency: 'USD',
      billingTerms: 'NET30',
      billingCycle: 'Monthly',
      accountManager: { name: 'Ada Manager', email: 'ada@host.example' },
      customerSince: '2020-04-01',
      contacts: [
        { id: 'ct1', name: 'Bob Billing', email: 'bob@fixture.example', role: 'Accounts payable' },
        { id: 'ct2', name: 'Carol Chief', email: 'carol@fixture.example', isPrimary: true },
      ],
    }),
    200,
  );
  await expectJson(
    api.host('POST', '/v1/sales-orders', {
      id: id('SO-1'), customerId, number: 'SO-1', currency: 'USD', orderDate: '2026-02-20', servicePeriodStart: '2026-03-01', servicePeriodEnd: '2026-08-31',
      status: 'in_progress', lines: [{ description: 'Installation', quantity: 1, unitPrice: 50000, amount: 50000 }],
    }),
    200,
  );
  await expectJson(
    api.host('POST', '/v1/schedules', {
      id: id('SCH-1'), customerId, kind: 'service', name: 'Quarterly inspection',
      items: [
        { id: 'v1', date: '2026-03-15', windowStart: '09:00', windowEnd: '11:00', status: 'done' },
        { id: 'v2', date: '2026-06-15', windowStart: '13:00', windowEnd: '15:00' },
      ],
    }),
    200,
  );
  const line = (amount: number, taxAmount = 0) => ({ description: 'Service', quantity: 1, unitPrice: amount, amount, taxAmount });
  const invoice = (name: string, issueDate: string, dueDate: string, lines: object[], extra: object = {}) => ({
    id: id(name), customerId, number: name, currency: 'USD', issueDate, dueDate, lines, ...extra,
  });
  await expectJson(
    api.host('POST', '/v1/invoices', {
      data: [
        invoice('INV-1', '2026-01-10', '2026-02-09', [{ ...line(10000, 2000), taxRate: 20 }]),
        invoice('INV-6', '2026-02-01', '2026-03-03', [line(4000)]),
        invoice('INV-2', '2026-03-01', '2026-03-31', [line(30000), line(20000)], { salesOrderId: id('SO-1') }),
        invoice('INV-5', '2026-04-01', '2026-05-01', [line(7000)], { void: true }),
        invoice('INV-3', '2026-05-20', '2026-06-19', [{ ...line(25000, 5000), taxRate: 20 }]),
        invoice('INV-4', '2026-06-01', '2026-07-20', [line(8000)]),
        invoice('INV-7', '2026-06-05', '2026-07-05', [line(9900)], { currency: 'EUR' }),
      ],
    }),
    200,
  );
  await expectJson(
    api.host('POST', '/v1/payments', {
      data: [
        { id: id('P1'), customerId, currency: 'USD', amount: 12000, date: '2026-02-01', method: 'card', reference: 'CARD-0001', allocations: [{ invoiceId: id('INV-1'), amount: 12000 }] },
        { id: id('P2'), customerId, currency: 'USD', amount: 25000, date: '2026-03-20', method: 'bank_transfer', reference: 'WIRE-0002', allocations: [{ invoiceId: id('INV-2'), amount: 20000 }] },
      ],
    }),
    200,
  );
  await expectJson(
    api.host('POST', '/v1/credit-notes', {
      data: [
        { id: id('CN1'), customerId, number: 'CN-1', currency: 'USD', date: '2026-05-25', amount: 10000, reason: 'Service outage', allocations: [{ invoiceId: id('INV-3'), amount: 10000 }] },
        { id: id('CN2'), customerId, number: 'CN-2', currency: 'USD', date: '2026-06-10', amount: 3000, reason: 'Goodwill' },
      ],
    }),
    200,
  );
}
