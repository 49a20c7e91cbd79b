/**
 * The customer `hostile`: markup and script in every text field a host can send, for the
 * test that every element renders data as text (hostile-data.test.ts). Each payload sets
 * `window.__xss` if it ever runs. Shared with that test, so both name the same strings.
 */
type Host = { host(method: string, path: string, body: unknown): Promise<Response> };

export const HOSTILE = {
  name: `<script>window.__xss='name'</script>Hostile & Co`,
  line1: `<img src=x onerror="window.__xss='line1'">`,
  city: `<svg onload=window.__xss='city'>`,
  region: `"><b>region</b>`,
  postalCode: `<i>p</i>&amp;`,
  billingTerms: `<img src=x onerror=alert(1)>`,
  billingCycle: '{{7*7}} ${window.__xss=1}',
  accountManager: `<a href="javascript:window.__xss='am'">AM</a>`,
  contactName: `<iframe srcdoc="<script>parent.__xss='c'</script>">`,
  contactRole: '</td></tr><tr><td>role',
  invoiceNumber: `<img src=x onerror=window.__xss='inv'>`,
  lineDescription: `<script>window.__xss='line'</script>Line`,
  paymentReference: `<img src=x onerror=window.__xss='pay'>`,
  creditNoteNumber: `<b onmouseover=window.__xss='cn'>CN</b>`,
  creditNoteReason: `<script>window.__xss='reason'</script>Reason`,
  salesOrderNumber: `<svg/onload=window.__xss='so'>`,
  salesOrderLine: `<img src=x onerror=window.__xss='soline'>`,
  scheduleName: `<script>window.__xss='sched'</script>Plan`,
  scheduleItemNote: `<img src=x onerror=window.__xss='item'>`,
} as const;

export async function seedHostile(api: Host): Promise<void> {
  const id = 'hostile';
  const writes: [string, unknown][] = [
    ['/v1/customers', {
      id, name: HOSTILE.name, email: 'xss@hostile.example', currency: 'USD', billingTerms: HOSTILE.billingTerms, billingCycle: HOSTILE.billingCycle,
      address: { line1: HOSTILE.line1, city: HOSTILE.city, region: HOSTILE.region, postalCode: HOSTILE.postalCode, country: 'US' },
      accountManager: { name: HOSTILE.accountManager },
      contacts: [{ id: 'h1', name: HOSTILE.contactName, role: HOSTILE.contactRole, isPrimary: true }],
    }],
    ['/v1/sales-orders', {
      id: 'hostile-so', customerId: id, number: HOSTILE.salesOrderNumber, currency: 'USD', orderDate: '2026-03-01', status: 'in_progress',
      lines: [{ description: HOSTILE.salesOrderLine, unitPrice: 10000, amount: 10000 }],
    }],
    ['/v1/invoices', {
      id: 'hostile-inv', customerId: id, number: HOSTILE.invoiceNumber, currency: 'USD', issueDate: '2026-05-01', dueDate: '2026-05-31', salesOrderId: 'hostile-so',
      lines: [{ description: HOSTILE.lineDescription, unitPrice: 10000, amount: 10000 }],
    }],
    ['/v1/payments', {
      id: 'hostile-pay', customerId: id, currency: 'USD', amount: 3000, date: '2026-05-10', method: 'card', reference: HOSTILE.paymentReference,
      allocations: [{ invoiceId: 'hostile-inv', amount: 3000 }],
    }],
    ['/v1/credit-notes', {
      id: 'hostile-cn', customerId: id, number: HOSTILE.creditNoteNumber, currency: 'USD', date: '2026-05-12', amount: 1000, reason: HOSTILE.creditNoteReason,
      allocations: [{ invoiceId: 'hostile-inv', amount: 1000 }],
    }],
    ['/v1/schedules', {
      id: 'hostile-sch', customerId: id, kind: 'payment_plan', name: HOSTILE.scheduleName, currency: 'USD',
      items: [{ id: 'hi1', date: '2026-07-01', amount: 6000, note: HOSTILE.scheduleItemNote }],
    }],
  ];
  for (const [path, body] of writes) {
    const response = await api.host('POST', path, body);
    if (!response.ok) throw new Error(`hostile fixture ${path} failed: ${response.status} ${await response.text()}`);
  }
}
