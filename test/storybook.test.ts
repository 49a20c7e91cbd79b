/**
 * Storybook without building it: every element has its stories file with every state,
 * and the fixture accounts those stories read still match the wire schemas. (Whether
 * the stories render is seen in `npm run build-storybook` and Chromium; this is the
 * cheap part that can run with every test.)
 */
import { readFile, readdir } from 'node:fs/promises';
import { CreditNote, InvoiceDetail, Payment, Profile, SalesOrderDetail, ScheduleDetail, Summary } from '@ssp/schemas';
import { describe, expect, it } from 'vitest';
import { type AccountName, accounts, createFixtureFetch } from '../packages/elements/stories/fixture-fetch.ts';

const src = new URL('../packages/elements/src/', import.meta.url);

// The states issue 3 asks a story for, by export name.
const STATES = [
  'Loading', 'Empty', 'ErrorWithRetry', 'SessionExpired', 'Populated', 'OverdueHeavy', 'MultiCurrency', 'LongHistory',
  'DarkTheme', 'French', 'German', 'RightToLeft', 'Narrow',
];

/** Every element folder: one with a define module, but for ssp-session, which only shares a session and shows nothing. */
async function elementFolders(): Promise<string[]> {
  const entries = await readdir(src, { withFileTypes: true });
  const folders: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === 'ssp-session') continue;
    const files = await readdir(new URL(`${entry.name}/`, src));
    if (files.includes('define.ts')) folders.push(entry.name);
  }
  return folders.sort();
}

describe('storybook stories', () => {
  it('cover the eleven elements', async () => {
    expect(await elementFolders()).toEqual([
      'account-info', 'account-statement', 'account-summary', 'credit-note-list', 'customer-profile', 'invoice-list',
      'payment-history', 'quick-actions', 'sales-order-list', 'schedule-list', 'self-service-portal',
    ]);
  });

  it('give every element a stories file with a story for every state', async () => {
    for (const tag of await elementFolders()) {
      const text = await readFile(new URL(`${tag}/${tag}.stories.ts`, src), 'utf8');
      expect(text, tag).toContain(`title: 'Elements/${tag}'`);
      expect(text, tag).toContain(`elementMeta('${tag}'`);
      expect(text, tag).toMatch(/^export default meta;$/m);
      const exported = [...text.matchAll(/^export const (\w+)\b/gm)].map((match) => match[1]);
      expect(exported, tag).toEqual(expect.arrayContaining(STATES));
    }
  });
});

describe('storybook fixtures', () => {
  const schemas = { invoices: InvoiceDetail, payments: Payment, creditNotes: CreditNote, salesOrders: SalesOrderDetail, schedules: ScheduleDetail };

  it('match the wire schemas', () => {
    for (const [name, account] of Object.entries(accounts)) {
      expect(() => Summary.parse(account.summary), name).not.toThrow();
      expect(() => Profile.parse(account.profile), name).not.toThrow();
      for (const [key, schema] of Object.entries(schemas)) {
        for (const record of account[key as keyof typeof schemas]) expect(schema.safeParse(record).success, `${name} ${key} ${record.id}`).toBe(true);
      }
    }
  });

  it("keep the API fixture's hand-computed figures in the populated account", () => {
    const usd = accounts.populated.summary.currencies.find((block) => block.currency === 'USD')!;
    expect([usd.outstanding, usd.overdue.amount, usd.upcoming.amount, usd.totalPaid, usd.availableCredit.total]).toEqual([62000, 34000, 20000, 37000, 8000]);
    expect(Object.keys(accounts).sort()).toEqual(['empty', 'long-history', 'multi-currency', 'overdue-heavy', 'populated'] satisfies AccountName[]);
  });

  it('answer like the API in the failing scenarios, and never in the loading one', async () => {
    const expired = await createFixtureFetch('expired')('https://fixtures.invalid/v1/portal/summary');
    expect([expired.status, ((await expired.json()) as { error: { code: string } }).error.code]).toEqual([401, 'token_expired']);
    expect((await createFixtureFetch('error')('https://fixtures.invalid/v1/portal/summary')).status).toBe(503);
    const abort = new AbortController();
    const pending = createFixtureFetch('loading')('https://fixtures.invalid/v1/portal/summary', { signal: abort.signal });
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
