import { z } from '@hono/zod-openapi';
import { type Customer, type Statement, StatementQuery } from '@ssp/schemas';
import { sql } from 'kysely';
import type { Tenant } from '../db/database.ts';
import type { Deps } from '../env.ts';
import { ApiError, notFound } from '../errors.ts';
import { getCustomer } from '../queries/customers.ts';
import { LocaleParam, formatMoney } from './locale.ts';
import { mailTransport } from './mailer.ts';
import { tenantDisplayName } from './pdf/letterhead.ts';
import { statementPdf, statementPeriod } from './pdf/statement-pdf.ts';

/**
 * At most this many statement emails per customer in any sliding hour, whoever asks
 * (the customer in the portal or the host's backend): the mailbox at the other end is
 * a person's. Counted from the audit log, so every API process sees the same count.
 */
export const STATEMENT_EMAIL_LIMIT = { count: 3, windowMs: 60 * 60 * 1000 };

export const STATEMENT_EMAIL_ACTION = 'statement.email';

/** The body of both "email the statement" routes: the statement's range, and the locale of its money and dates. */
export const StatementEmailBody = StatementQuery.safeExtend({ locale: LocaleParam.optional() }).meta({ id: 'StatementEmailRequest' });

export const StatementEmailResult = z
  .object({
    sentTo: z.string().meta({ description: "The customer's billing email address." }),
    messageId: z.string().meta({ description: 'The Message-ID of the email, as the mail server took it.' }),
  })
  .meta({ id: 'StatementEmailResult' });

export interface StatementEmailRequest {
  tenant: Tenant;
  customerId: string;
  from: string | undefined;
  to: string;
  locale: string;
  /** Who asked, for the audit log: `customer:<id>` or `api_key:<id>`. */
  actor: string;
}

/**
 * Emails the statement PDF to the customer's billing address over SMTP. The request
 * first claims a slot in the rate limit (an audit row, written under a lock on the
 * customer's row so that concurrent requests in any process count one after the
 * other), then renders and sends outside the transaction, then records the outcome
 * on that row. A send that fails is recorded as failed and does not use up the limit.
 */
export async function emailStatement(deps: Deps, request: StatementEmailRequest): Promise<{ sentTo: string; messageId: string }> {
  const { tenant, customerId } = request;
  const customer = await getCustomer(deps.db, tenant.id, customerId);
  if (!customer) throw notFound('customer');
  if (!deps.config.smtpUrl) throw new ApiError(503, 'service_unavailable', 'email is not set up on this server (no SSP_SMTP_URL)');
  if (!customer.email) throw new ApiError(409, 'conflict', 'the customer has no billing email address to send the statement to');

  const details = { from: request.from ?? null, to: request.to, locale: request.locale, sentTo: customer.email };
  const auditId = await claimSlot(deps, request, details);
  let messageId: string;
  try {
    const document = await statementPdf(deps.db, { ...request, today: deps.clock.today() });
    if (!document) throw notFound('customer');
    const message = statementMessage(tenant, customer, document.statement, request.locale);
    const info = await mailTransport(deps.config.smtpUrl)
      .sendMail({
        from: { name: tenantDisplayName(tenant), address: deps.config.mailFrom },
        to: { name: customer.name, address: customer.email },
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: [{ filename: document.fileName, content: document.pdf, contentType: 'application/pdf' }],
      })
      .catch((error: unknown) => {
        deps.logger.warn({ err: error instanceof Error ? error.message : String(error), tenantId: tenant.id, customerId }, 'statement email not sent');
        throw new ApiError(503, 'service_unavailable', 'the mail server did not take the message; try again later', undefined, { 'Retry-After': '60' });
      });
    messageId = info.messageId;
  } catch (error) {
    await recordOutcome(deps, tenant.id, auditId, { ...details, status: 'failed' });
    throw error;
  }
  await recordOutcome(deps, tenant.id, auditId, { ...details, status: 'sent', messageId });
  return { sentTo: customer.email, messageId };
}

async function claimSlot(deps: Deps, request: StatementEmailRequest, details: object): Promise<number> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - STATEMENT_EMAIL_LIMIT.windowMs);
  return deps.db.transaction().execute(async (trx) => {
    await trx.selectFrom('customers').select('id').where('tenant_id', '=', request.tenant.id).where('id', '=', request.customerId).forUpdate().execute();
    const recent = await trx
      .selectFrom('audit_log')
      .select('at')
      .where('tenant_id', '=', request.tenant.id)
      .where('customer_id', '=', request.customerId)
      .where('action', '=', STATEMENT_EMAIL_ACTION)
      .where('at', '>', since)
      .where(sql<string>`coalesce(details->>'status', 'sent')`, '<>', 'failed')
      .orderBy('at')
      .execute();
    if (recent.length >= STATEMENT_EMAIL_LIMIT.count) {
      const oldest = new Date(recent[0]!.at).getTime();
      const seconds = Math.max(1, Math.ceil((oldest + STATEMENT_EMAIL_LIMIT.windowMs - now.getTime()) / 1000));
      throw new ApiError(
        429,
        'rate_limited',
        `at most ${STATEMENT_EMAIL_LIMIT.count} statement emails per hour for one customer; try again in ${Math.ceil(seconds / 60)} min`,
        undefined,
        { 'Retry-After': String(seconds) },
      );
    }
    const row = await trx
      .insertInto('audit_log')
      .values({ tenant_id: request.tenant.id, at: now, actor: request.actor, action: STATEMENT_EMAIL_ACTION, customer_id: request.customerId, details: JSON.stringify({ ...details, status: 'sending' }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

async function recordOutcome(deps: Deps, tenantId: string, auditId: number, details: object): Promise<void> {
  await deps.db.updateTable('audit_log').set({ details: JSON.stringify(details) }).where('tenant_id', '=', tenantId).where('id', '=', auditId).execute();
}

/** Subject, a short text body and the same in plain HTML (no images, links or styles to fetch). */
export function statementMessage(tenant: Pick<Tenant, 'name' | 'settings'>, customer: Pick<Customer, 'name'>, statement: Statement, locale: string) {
  const seller = tenantDisplayName(tenant);
  const period = statementPeriod(statement, locale);
  const balances = statement.currencies.map((block) => `Closing balance (${block.currency}): ${formatMoney(block.closingBalance, block.currency, locale)}`);
  const signature = [seller, ...(tenant.settings.address ?? [])];
  const paragraphs = [
    `Hello ${customer.name},`,
    `Attached is your statement of account from ${seller} for ${period}.`,
    balances.join('\n'),
    'The attached PDF lists every invoice, payment and credit note of the period with a running balance, and the aging of what is open.',
    signature.join('\n'),
  ];
  const html = `<!doctype html><html><body>${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br>')}</p>`).join('')}</body></html>`;
  return { subject: `Your statement from ${seller}: ${period}`, text: `${paragraphs.join('\n\n')}\n`, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
