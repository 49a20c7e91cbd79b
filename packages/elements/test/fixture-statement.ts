/**
 * Extra fixture data for the statement and schedule elements' tests (see
 * fixture-extras.ts for the shared customers). As of 2026-06-15:
 *
 * `sched`, four schedules, listed next commitment first:
 *   1. SP "Solar panel instalments" (payment plan, USD 150.00 each): 04-01 done,
 *      05-01 missed, 06-20 upcoming, 07-20 upcoming → active, next 06-20
 *   2. MH "Monthly hosting" (billing arrangement, USD 49.00): 06-01 done, 07-01 upcoming → active, next 07-01
 *   3. CV "Cleaning visits" (service, cancelled): 06-25 08:00–10:00 cancelled → cancelled, no next
 *   4. IN "Installation" (service): 05-10 10:00–12:00 done → completed, no next
 * Their names are inserted and named so that neither insertion nor alphabetical order
 * matches the expected one.
 */
type Host = { host(method: string, path: string, body: unknown): Promise<Response> };

async function ok(response: Promise<Response>) {
  const res = await response;
  if (!res.ok) throw new Error(`fixture write failed: ${res.status} ${await res.text()}`);
}

export async function seedStatement(api: Host): Promise<void> {
  await ok(api.host('POST', '/v1/customers', { id: 'sched', name: 'Schedules & Co', currency: 'USD' }));
  await ok(api.host('POST', '/v1/schedules', { data: [
    { id: 'sched-IN', customerId: 'sched', kind: 'service', name: 'Installation', items: [
      { id: 'i1', date: '2026-05-10', windowStart: '10:00', windowEnd: '12:00', status: 'done' },
    ] },
    { id: 'sched-CV', customerId: 'sched', kind: 'service', name: 'Cleaning visits', cancelled: true, items: [
      { id: 'c1', date: '2026-06-25', windowStart: '08:00', windowEnd: '10:00', status: 'cancelled' },
    ] },
    { id: 'sched-MH', customerId: 'sched', kind: 'billing_arrangement', name: 'Monthly hosting', currency: 'USD', items: [
      { id: 'h1', date: '2026-06-01', amount: 4900, status: 'done' },
      { id: 'h2', date: '2026-07-01', amount: 4900 },
    ] },
    { id: 'sched-SP', customerId: 'sched', kind: 'payment_plan', name: 'Solar panel instalments', currency: 'USD', items: [
      { id: 's1', date: '2026-04-01', amount: 15000, status: 'done' },
      { id: 's2', date: '2026-05-01', amount: 15000 },
      { id: 's3', date: '2026-06-20', amount: 15000 },
      { id: 's4', date: '2026-07-20', amount: 15000, note: 'Final instalment' },
    ] },
  ] }));
}
