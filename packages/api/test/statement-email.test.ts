import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.ts';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { ingestFixture } from './fixture.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';
import { readPdf } from './pdf-reader.ts';

interface Received {
  from: string;
  to: string[];
  mail: ParsedMail;
}

/** A real SMTP server on loopback that keeps what it receives (no TLS, no auth needed). */
async function startSmtp(): Promise<{ server: SMTPServer; url: string; inbox: Received[] }> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { server, url: `smtp://127.0.0.1:${port}`, inbox };
}

const post = (api: TestApi, token: string, body: unknown, headers: Record<string, string> = {}) =>
  api.portal(token, '/v1/portal/statement/email', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe.each(backends())('Emailing statements on $name', (backend) => {
  let database: DatabaseHandle;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let api: TestApi;

  async function customer(api: TestApi, fields: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
    const id = uniqueId('cus');
    await ingestFixture(api, id);
    if (Object.keys(fields).length) await expectJson(api.host('POST', '/v1/customers', { id, name: 'Fixture Co', currency: 'USD', ...fields }), 200);
    return { id, token: await api.token(id) };
  }

  beforeAll(async () => {
    database = await backend.open();
    smtp = await startSmtp();
    api = await createTestApi(database, {
      settings: { displayName: 'Acme Utilities Ltd', address: ['12 Harbour Road', 'Bristol BS1 4QA'] },
      config: { smtpUrl: smtp.url, mailFrom: 'statements@acme.example' },
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
    await database?.close();
  });

  it("sends the statement PDF to the customer's billing email, and audits it", async () => {
    const { id, token } = await customer(api);
    const sent = await expectJson(post(api, token, { from: '2026-03-01', to: '2026-05-31' }), 202);
    expect(sent.sentTo).toBe('billing@fixture.example');
    const received = smtp.inbox.find((message) => message.mail.messageId === sent.messageId);
    expect(received).toBeDefined();
    const { mail } = received!;
    expect(received!.to).toEqual(['billing@fixture.example']);
    expect(received!.from).toBe('statements@acme.example');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([{ address: 'billing@fixture.example', name: 'Fixture Co' }]);
    expect(mail.from?.value).toEqual([{ address: 'statements@acme.example', name: 'Acme Utilities Ltd' }]);
    expect(mail.subject).toBe('Your statement from Acme Utilities Ltd: Mar 1, 2026 – May 31, 2026');
    expect(mail.text).toContain('Hello Fixture Co,');
    expect(mail.text).toContain('Closing balance (USD): $490.00');
    // The HTML alternative says the same and loads nothing from anywhere.
    expect(mail.html).toContain('Closing balance (USD): $490.00');
    expect(mail.html).not.toMatch(/<img|<link|<script|https?:|src=|url\(/i);

    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment!.filename).toBe('statement-2026-03-01_2026-05-31.pdf');
    expect(attachment!.contentType).toBe('application/pdf');
    const pdf = readPdf(attachment!.content);
    expect(pdf.text).toMatch(/Closing balance +\$490\.00/);
    expect(pdf.text).toMatch(/Opening balance +\$40\.00/);
    expect(pdf.text).toMatch(/Page 1 of 1/);

    const audit = await database.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', api.tenantId).where('customer_id', '=', id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'statement.email', actor: `customer:${id}` });
    expect(audit[0]!.details).toEqual({ from: '2026-03-01', to: '2026-05-31', locale: 'en', sentTo: 'billing@fixture.example', status: 'sent', messageId: sent.messageId });
  });

  it('formats the email and its PDF in the requested locale, to today when no range is given', async () => {
    const { token } = await customer(api);
    const sent = await expectJson(post(api, token, { locale: 'fr-FR' }), 202);
    const { mail } = smtp.inbox.find((message) => message.mail.messageId === sent.messageId)!;
    expect(mail.subject).toBe('Your statement from Acme Utilities Ltd: All activity to 15 juin 2026');
    expect(mail.text?.replace(/[\u00a0\u202f]/g, ' ')).toContain('Closing balance (USD): 540,00 $US');
    expect(mail.attachments[0]!.filename).toBe('statement-all_2026-06-15.pdf');
    expect(readPdf(mail.attachments[0]!.content).text).toMatch(/Closing balance +99,00 €/);
  });

  it('allows 3 emails per customer per hour, then answers 429 with Retry-After, for portal and host alike', async () => {
    const { id } = await customer(api);
    const other = await customer(api);
    // Session tokens live 15 minutes: each moment of the test gets fresh ones.
    const at = async (instant: string) => {
      api.setClock(fixedClock(instant));
      return api.token(id);
    };
    try {
      let token = await at('2026-06-15T10:00:00Z');
      await expectJson(post(api, token, {}), 202);
      token = await at('2026-06-15T10:20:00Z');
      await expectJson(post(api, token, {}), 202);
      await expectJson(api.host('POST', `/v1/customers/${id}/statement-email`, {}), 202);
      const limited = await post(api, token, {});
      expect(limited.status).toBe(429);
      // The oldest of the three leaves the window at 11:00: 40 minutes from now.
      expect(limited.headers.get('retry-after')).toBe('2400');
      expect((await limited.json()).error.code).toBe('rate_limited');
      expect((await api.host('POST', `/v1/customers/${id}/statement-email`, {})).status).toBe(429);
      // Another customer has a limit of their own.
      await expectJson(post(api, await api.token(other.id), {}), 202);

      token = await at('2026-06-15T11:00:01Z');
      await expectJson(post(api, token, {}), 202);
      expect((await post(api, token, {})).status).toBe(429);
    } finally {
      api.setClock(fixedClock('2026-06-15'));
    }
    const rows = await database.db.selectFrom('audit_log').select(['actor']).where('tenant_id', '=', api.tenantId).where('customer_id', '=', id).where('action', '=', 'statement.email').execute();
    expect(rows.map((row) => row.actor).sort()).toEqual([`api_key:${api.keyId}`, `customer:${id}`, `customer:${id}`, `customer:${id}`]);
  });

  it('holds the limit under concurrent requests', async () => {
    const { id, token } = await customer(api);
    const statuses = await Promise.all(Array.from({ length: 6 }, () => post(api, token, { from: '2026-06-01' }).then((response) => response.status)));
    expect(statuses.filter((status) => status === 202)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(3);
    const rows = await database.db.selectFrom('audit_log').select('id').where('tenant_id', '=', api.tenantId).where('customer_id', '=', id).execute();
    expect(rows).toHaveLength(3);
  });

  it('sends from the Host API to any customer of the tenant, and 404s for others', async () => {
    const { id } = await customer(api);
    const sent = await expectJson(api.host('POST', `/v1/customers/${id}/statement-email`, { from: '2026-03-01', to: '2026-05-31' }), 202);
    expect(sent.sentTo).toBe('billing@fixture.example');
    expect(smtp.inbox.some((message) => message.mail.messageId === sent.messageId)).toBe(true);
    await expectJson(api.host('POST', '/v1/customers/nobody/statement-email', {}), 404);
    const otherTenant = await createTestApi(database, { config: { smtpUrl: smtp.url } });
    await expectJson(otherTenant.host('POST', `/v1/customers/${id}/statement-email`, {}), 404);
    expect((await api.app.request(`/v1/customers/${id}/statement-email`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
  });

  it('answers 409 when the customer has no email address', async () => {
    const { id, token } = await customer(api, { email: null });
    const body = await expectJson(post(api, token, {}), 409);
    expect(body.error.code).toBe('conflict');
    await expectJson(api.host('POST', `/v1/customers/${id}/statement-email`, {}), 409);
  });

  it('answers 503 without SSP_SMTP_URL, and when the mail server is down (without using up the limit)', async () => {
    const unconfigured = await createTestApi(database);
    const one = await customer(unconfigured);
    const body = await expectJson(post(unconfigured, one.token, {}), 503);
    expect(body.error.code).toBe('service_unavailable');

    const closed = await startSmtp();
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const down = await createTestApi(database, { config: { smtpUrl: closed.url } });
    const two = await customer(down);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await post(down, two.token, {});
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('60');
    }
    const rows = await database.db.selectFrom('audit_log').select('details').where('tenant_id', '=', down.tenantId).where('customer_id', '=', two.id).execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => (row.details as { status: string }).status === 'failed')).toBe(true);
  });

  it('answers 403 when the tenant has turned statement emails off in the portal', async () => {
    const off = await createTestApi(database, { settings: { statementEmail: false }, config: { smtpUrl: smtp.url } });
    const { id, token } = await customer(off);
    expect((await expectJson(post(off, token, {}), 403)).error.code).toBe('forbidden');
    // The host's own backend still may.
    await expectJson(off.host('POST', `/v1/customers/${id}/statement-email`, {}), 202);
  });

  it('answers 400 for bad dates and locales, and 415 for a body that is not JSON', async () => {
    const { token } = await customer(api);
    for (const [body, field] of [
      [{ from: '2026-02-30' }, 'from'],
      [{ from: '2026-06-01', to: '2026-05-01' }, 'to'],
      [{ from: '2026-07-01' }, 'from'],
      [{ locale: 'not a locale' }, 'locale'],
      [{ to: 20260601 }, 'to'],
    ] as const) {
      const response = await expectJson(post(api, token, body), 400);
      expect(response.error.details.map((detail: { path: string }) => detail.path), JSON.stringify(body)).toContain(field);
    }
    expect((await api.portal(token, '/v1/portal/statement/email', { method: 'POST', body: 'from=2026-01-01' })).status).toBe(415);
  });
});
