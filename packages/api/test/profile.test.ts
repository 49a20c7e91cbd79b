import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';

describe.each(backends())('Profile on $name', (backend) => {
  let database: DatabaseHandle;
  let editable: TestApi;
  let viewOnly: TestApi;
  const cus = uniqueId('cus');
  const customer = { id: cus, name: 'Profile Co', email: 'old@profile.example', phone: '+1 555 0101', currency: 'USD', contacts: [{ id: 'p1', name: 'Pat', isPrimary: true }] };

  beforeAll(async () => {
    database = await backend.open();
    editable = await createTestApi(database, { settings: { profileEditable: true } });
    viewOnly = await createTestApi(database);
    await expectJson(editable.host('POST', '/v1/customers', customer), 200);
    await expectJson(viewOnly.host('POST', '/v1/customers', customer), 200);
  });
  afterAll(async () => {
    await database?.close();
  });

  const patch = (api: TestApi, token: string, body: unknown) =>
    api.portal(token, '/v1/portal/profile', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('shows the profile and whether it is editable', async () => {
    const token = await viewOnly.token(cus);
    const profile = await expectJson(viewOnly.portal(token, '/v1/portal/profile'), 200);
    expect(profile.editable).toBe(false);
    expect(profile.customer).toMatchObject({ id: cus, email: 'old@profile.example' });
  });

  it('refuses edits when the tenant keeps profiles view-only (403), changing nothing', async () => {
    const token = await viewOnly.token(cus);
    const body = await expectJson(patch(viewOnly, token, { email: 'new@profile.example' }), 403);
    expect(body.error.code).toBe('forbidden');
    expect((await expectJson(viewOnly.portal(token, '/v1/portal/account'), 200)).email).toBe('old@profile.example');
  });

  it('saves allowed fields, replaces contacts, and audits before and after', async () => {
    const token = await editable.token(cus);
    const saved = await expectJson(
      patch(editable, token, {
        email: 'new@profile.example',
        address: { line1: '2 High St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
        contacts: [{ id: 'p2', name: 'Quinn', email: 'quinn@profile.example', isPrimary: true }],
      }),
      200,
    );
    expect(saved.customer).toMatchObject({ email: 'new@profile.example', phone: '+1 555 0101', address: { city: 'Leeds' }, primaryContact: { id: 'p2' } });
    const audit = await editable.deps.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', editable.tenantId).where('action', '=', 'profile.update').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`customer:${cus}`);
    expect(audit[0]!.details).toMatchObject({ before: { email: 'old@profile.example' }, after: { email: 'new@profile.example' } });
  });

  it('validates edits with details per field, and refuses fields a customer may not change', async () => {
    const token = await editable.token(cus);
    const invalid = await expectJson(patch(editable, token, { email: 'not-an-email', phone: 'call me', address: { line1: '', city: 'X', country: 'gb' } }), 400);
    expect(invalid.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['address.country', 'address.line1', 'email', 'phone']);
    const name = await expectJson(patch(editable, token, { name: 'New name' }), 400);
    expect(name.error.details[0].message).toMatch(/name/);
    await expectJson(patch(editable, token, {}), 400);
    const dup = await expectJson(patch(editable, token, { contacts: [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }] }), 422);
    expect(dup.error.code).toBe('unprocessable');
  });
});
