import { parse } from 'csv-parse/sync';
import { toMajorUnits } from '@ssp/schemas';
import ExcelJS from 'exceljs';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { EXPORT_PAGE_SIZE } from '../src/documents/exports.ts';
import { insertBulkInvoices } from '../src/seed/bulk-invoices.ts';
import { ingestFixture } from './fixture.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TRICKY_REFERENCE = 'Ref, with "quotes"\nand a newline';

type CsvRow = Record<string, string>;

/** Reads a CSV download back with csv-parse, after checking what RFC 4180 and Excel need of its bytes. */
async function readCsv(response: Response): Promise<{ rows: CsvRow[]; text: string; header: string[] }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${new TextDecoder().decode(bytes)}`);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes);
  expect(text.endsWith('\r\n')).toBe(true);
  const records = parse(text, { bom: true, record_delimiter: '\r\n' }) as string[][];
  const [header = [], ...body] = records;
  return { header, text, rows: body.map((record) => Object.fromEntries(header.map((name, index) => [name, record[index] ?? '']))) };
}

async function readXlsx(response: Response): Promise<ExcelJS.Worksheet> {
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${bytes.toString()}`);
  expect(response.headers.get('content-type')).toBe(XLSX);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

/** The data rows of a sheet as objects keyed by the header row. */
function sheetRows(sheet: ExcelJS.Worksheet) {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1) as string[];
  const rows: Record<string, ExcelJS.Cell>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(header.map((name, index) => [name, row.getCell(index + 1)])));
  });
  return { header, rows };
}

/** "123.45" (major units, as the CSV writes them) → 12345 minor units, without floats. */
function minor(decimal: string): number {
  const [units = '', fraction = ''] = decimal.split('.');
  return Number(units + fraction);
}

function sumBy(rows: CsvRow[], column: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const row of rows) sums[row.Currency!] = (sums[row.Currency!] ?? 0) + minor(row[column]!);
  return sums;
}

describe.each(backends())('Exports on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  let fixtureToken: string;
  let oddToken: string;
  let customerId: string;

  beforeAll(async () => {
    database = await backend.open();
    api = await createTestApi(database);
    customerId = uniqueId('cus');
    await ingestFixture(api, customerId);
    fixtureToken = await api.token(customerId);

    // A second customer in KWD (3 decimals) and JPY (0 decimals), whose references try
    // the CSV quoting and every formula lead character.
    const odd = uniqueId('cus');
    const id = (name: string) => `${odd}-${name}`;
    await expectJson(api.host('POST', '/v1/customers', { id: odd, name: 'Odd Co', currency: 'KWD' }), 200);
    const invoice = (name: string, currency: string, issueDate: string, dueDate: string, amount: number) => ({
      id: id(name.replace('@', '')), customerId: odd, number: name, currency, issueDate, dueDate, lines: [{ description: 'Service', quantity: 1, unitPrice: amount, amount }],
    });
    await expectJson(
      api.host('POST', '/v1/invoices', {
        data: [
          invoice('KW-1', 'KWD', '2026-05-01', '2026-05-31', 12345),
          invoice('JP-1', 'JPY', '2026-05-02', '2026-06-30', 1000),
          invoice('@INV-AT', 'KWD', '2026-05-03', '2026-07-03', 1000),
        ],
      }),
      200,
    );
    const payment = (name: string, amount: number, reference: string, extra: object = {}) => ({
      id: id(name), customerId: odd, currency: 'KWD', amount, date: '2026-05-10', method: 'bank_transfer', reference, ...extra,
    });
    await expectJson(
      api.host('POST', '/v1/payments', {
        data: [
          payment('PK1', 12345, TRICKY_REFERENCE, { allocations: [{ invoiceId: id('KW-1'), amount: 12345 }] }),
          payment('PK2', 500, '=HYPERLINK("http://x")'),
          payment('PK3', 600, '@SUM(A1:A2)'),
          payment('PK4', 700, '+1 555 0100'),
          payment('PK5', 800, '-2+3'),
          payment('PJ1', 1000, 'YEN-1', { currency: 'JPY', date: '2026-05-12', method: 'card', allocations: [{ invoiceId: id('JP-1'), amount: 1000 }] }),
        ],
      }),
      200,
    );
    oddToken = await api.token(odd);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('exports every filtered invoice as CSV: BOM, header, CRLF, the list order, and totals equal to the list totals', async () => {
    for (const filters of ['', 'status=overdue', 'currency=EUR', 'from=2026-03-01&to=2026-05-31', 'q=inv-1', 'status=open,partially_paid&sort=total', 'sort=-balance']) {
      const response = await api.portal(fixtureToken, `/v1/portal/invoices/export?format=csv&${filters}`);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="invoices-2026-06-15.csv"');
      const { header, rows } = await readCsv(response);
      expect(header).toEqual(['Number', 'Issue date', 'Due date', 'Status', 'Currency', 'Total', 'Paid', 'Credited', 'Balance']);
      const list = await expectJson(api.portal(fixtureToken, `/v1/portal/invoices?limit=100&${filters}`), 200);
      expect(rows.map((row) => row.Number), filters).toEqual(list.data.map((invoice: { number: string }) => invoice.number));
      const totals = sumBy(rows, 'Total');
      const balances = sumBy(rows, 'Balance');
      for (const total of list.totals as { currency: string; total: number; balance: number; count: number }[]) {
        expect(totals[total.currency], filters).toBe(total.total);
        expect(balances[total.currency], filters).toBe(total.balance);
      }
      expect(Object.keys(totals).sort()).toEqual(list.totals.map((total: { currency: string }) => total.currency).sort());
    }
  });

  it('applies the filters: status=overdue gives INV-2 and INV-6 only, with their figures in major units', async () => {
    const { rows } = await readCsv(await api.portal(fixtureToken, '/v1/portal/invoices/export?format=csv&status=overdue'));
    expect(rows).toEqual([
      { Number: 'INV-2', 'Issue date': '2026-03-01', 'Due date': '2026-03-31', Status: 'overdue', Currency: 'USD', Total: '500.00', Paid: '200.00', Credited: '0.00', Balance: '300.00' },
      { Number: 'INV-6', 'Issue date': '2026-02-01', 'Due date': '2026-03-03', Status: 'overdue', Currency: 'USD', Total: '40.00', Paid: '0.00', Credited: '0.00', Balance: '40.00' },
    ]);
  });

  it('exports payments as CSV with RFC 4180 quoting that round-trips a comma, a quote and a newline', async () => {
    const response = await api.portal(oddToken, '/v1/portal/payments/export?format=csv&sort=amount');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="payments-2026-06-15.csv"');
    const { header, rows, text } = await readCsv(response);
    expect(header).toEqual(['Date', 'Reference', 'Method', 'Currency', 'Amount', 'Applied', 'Unapplied', 'Applied to']);
    expect(text).toContain('"Ref, with ""quotes""\nand a newline"');
    // Every record ends in CRLF; the only bare LF is the one inside the quoted reference.
    expect(text.replace(/\r\n/g, '').match(/\n/g)).toHaveLength(1);
    const tricky = rows.find((row) => row.Reference === TRICKY_REFERENCE);
    expect(tricky).toEqual({
      Date: '2026-05-10', Reference: TRICKY_REFERENCE, Method: 'bank_transfer', Currency: 'KWD', Amount: '12.345', Applied: '12.345', Unapplied: '0.000', 'Applied to': 'KW-1',
    });
    expect(rows.find((row) => row.Currency === 'JPY')).toMatchObject({ Amount: '1000', Applied: '1000', Unapplied: '0', 'Applied to': 'JP-1' });
  });

  it('neutralises formulas in text cells with a leading apostrophe, but never in amounts', async () => {
    const { rows } = await readCsv(await api.portal(oddToken, '/v1/portal/payments/export?format=csv&sort=amount'));
    expect(rows.map((row) => row.Reference)).toEqual([
      `'=HYPERLINK("http://x")`, "'@SUM(A1:A2)", "'+1 555 0100", "'-2+3", 'YEN-1', TRICKY_REFERENCE,
    ]);
    expect(rows.map((row) => row.Amount)).toEqual(['0.500', '0.600', '0.700', '0.800', '1000', '12.345']);
    const invoices = await readCsv(await api.portal(oddToken, '/v1/portal/invoices/export?format=csv&sort=number'));
    expect(invoices.rows.map((row) => row.Number)).toEqual(["'@INV-AT", 'JP-1', 'KW-1']);
    // The statement's negative balance is a number we wrote: it keeps its minus sign bare.
    const statement = await readCsv(await api.portal(oddToken, '/v1/portal/statement/csv'));
    const closing = statement.rows.find((row) => row.Currency === 'KWD' && row.Type === 'closing_balance');
    expect(closing?.Balance).toBe('-1.600');
    // Same-day payments go in reference order: + - = @.
    expect(statement.rows.filter((row) => row.Reference!.startsWith("'")).map((row) => row.Reference)).toEqual([
      "'@INV-AT", "'+1 555 0100", "'-2+3", `'=HYPERLINK("http://x")`, "'@SUM(A1:A2)",
    ]);
  });

  it('filters the payment export like the list: method, currency, date range', async () => {
    for (const filters of ['method=card', 'currency=JPY', 'from=2026-05-11', 'q=ref', 'method=bank_transfer&sort=-amount']) {
      const { rows } = await readCsv(await api.portal(oddToken, `/v1/portal/payments/export?format=csv&${filters}`));
      const list = await expectJson(api.portal(oddToken, `/v1/portal/payments?limit=100&${filters}`), 200);
      expect(rows.map((row) => row.Amount), filters).toEqual(list.data.map((p: { amount: number; currency: string }) => toMajorUnits(p.amount, p.currency)));
      const amounts = sumBy(rows, 'Amount');
      const unapplied = sumBy(rows, 'Unapplied');
      for (const total of list.totals as { currency: string; amount: number; unapplied: number }[]) {
        expect(amounts[total.currency], filters).toBe(total.amount);
        expect(unapplied[total.currency], filters).toBe(total.unapplied);
      }
    }
    const { rows } = await readCsv(await api.portal(fixtureToken, '/v1/portal/payments/export?format=csv'));
    expect(rows).toEqual([
      { Date: '2026-03-20', Reference: 'WIRE-0002', Method: 'bank_transfer', Currency: 'USD', Amount: '250.00', Applied: '200.00', Unapplied: '50.00', 'Applied to': 'INV-2' },
      { Date: '2026-02-01', Reference: 'CARD-0001', Method: 'card', Currency: 'USD', Amount: '120.00', Applied: '120.00', Unapplied: '0.00', 'Applied to': 'INV-1' },
    ]);
  });

  it('writes the statement CSV: opening 40.00, every line with its running balance, totals, closing 490.00, aging at the end date', async () => {
    const response = await api.portal(fixtureToken, '/v1/portal/statement/csv?from=2026-03-01&to=2026-05-31');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="statement-2026-03-01_2026-05-31.csv"');
    const { header, rows } = await readCsv(response);
    expect(header).toEqual(['Currency', 'Date', 'Type', 'Reference', 'Description', 'Debit', 'Credit', 'Balance']);
    expect(rows.map((row) => [row.Currency, row.Date, row.Type, row.Reference, row.Debit, row.Credit, row.Balance])).toEqual([
      ['USD', '2026-03-01', 'opening_balance', '', '', '', '40.00'],
      ['USD', '2026-03-01', 'invoice', 'INV-2', '500.00', '', '540.00'],
      ['USD', '2026-03-20', 'payment', 'WIRE-0002', '', '250.00', '290.00'],
      ['USD', '2026-05-20', 'invoice', 'INV-3', '300.00', '', '590.00'],
      ['USD', '2026-05-25', 'credit_note', 'CN-1', '', '100.00', '490.00'],
      ['USD', '2026-05-31', 'totals', '', '800.00', '350.00', ''],
      ['USD', '2026-05-31', 'closing_balance', '', '', '', '490.00'],
      ['USD', '2026-05-31', 'aging', 'current', '', '', '200.00'],
      ['USD', '2026-05-31', 'aging', '1-30', '', '', '0.00'],
      ['USD', '2026-05-31', 'aging', '31-60', '', '', '0.00'],
      ['USD', '2026-05-31', 'aging', '61-90', '', '', '340.00'],
      ['USD', '2026-05-31', 'aging', '90+', '', '', '0.00'],
    ]);
    expect(rows[0]!.Description).toBe('Opening balance');
    expect(rows[1]!.Description).toBe('Invoice INV-2, due 2026-03-31');
  });

  it('writes one statement block per currency, from the first record to today when no range is given', async () => {
    const response = await api.portal(fixtureToken, '/v1/portal/statement/csv?locale=fr-FR');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="statement-all_2026-06-15.csv"');
    const { rows } = await readCsv(response);
    expect([...new Set(rows.map((row) => row.Currency))]).toEqual(['USD', 'EUR']);
    const figure = (currency: string, type: string) => rows.find((row) => row.Currency === currency && row.Type === type)?.Balance;
    expect([figure('USD', 'opening_balance'), figure('USD', 'closing_balance')]).toEqual(['0.00', '540.00']);
    expect([figure('EUR', 'opening_balance'), figure('EUR', 'closing_balance')]).toEqual(['0.00', '99.00']);
    // Amounts stay machine-readable decimals whatever the locale.
    const english = await readCsv(await api.portal(fixtureToken, '/v1/portal/statement/csv'));
    expect(english.rows).toEqual(rows);
  });

  it('exports XLSX with number cells in major units, the currency decimals as format, a currency column and date cells', async () => {
    const response = await api.portal(oddToken, '/v1/portal/invoices/export?format=xlsx&sort=number');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="invoices-2026-06-15.xlsx"');
    const sheet = await readXlsx(response);
    expect(sheet.name).toBe('Invoices');
    const { header, rows } = sheetRows(sheet);
    expect(header).toEqual(['Number', 'Issue date', 'Due date', 'Status', 'Currency', 'Total', 'Paid', 'Credited', 'Balance']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeGreaterThan(10);
    expect(rows.map((row) => row.Number!.value)).toEqual(['@INV-AT', 'JP-1', 'KW-1']);
    const kwd = rows[2]!;
    expect(typeof kwd.Total!.value).toBe('number');
    expect(kwd.Total!.value).toBe(12.345);
    expect(kwd.Total!.numFmt).toBe('#,##0.000');
    expect(kwd.Paid!.value).toBe(12.345);
    expect(kwd.Balance!.value).toBe(0);
    expect(kwd.Currency!.value).toBe('KWD');
    expect(kwd.Status!.value).toBe('paid');
    const issued = kwd['Issue date']!.value;
    expect(issued).toBeInstanceOf(Date);
    expect((issued as Date).toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(kwd['Issue date']!.numFmt).toBe('yyyy-mm-dd');
    const jpy = rows[1]!;
    expect(jpy.Total!.value).toBe(1000);
    expect(jpy.Total!.numFmt).toBe('#,##0');
    expect(jpy.Currency!.value).toBe('JPY');
    expect((jpy['Due date']!.value as Date).toISOString().slice(0, 10)).toBe('2026-06-30');
  });

  it('exports payments as XLSX: typed amounts, exact text (a typed text cell is never a formula), applied-to numbers', async () => {
    const response = await api.portal(oddToken, '/v1/portal/payments/export?format=xlsx&sort=amount');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="payments-2026-06-15.xlsx"');
    const sheet = await readXlsx(response);
    const { header, rows } = sheetRows(sheet);
    expect(header).toEqual(['Date', 'Reference', 'Method', 'Currency', 'Amount', 'Applied', 'Unapplied', 'Applied to']);
    expect(rows.map((row) => row.Reference!.value)).toEqual(['=HYPERLINK("http://x")', '@SUM(A1:A2)', '+1 555 0100', '-2+3', 'YEN-1', TRICKY_REFERENCE]);
    expect(rows.map((row) => row.Reference!.type)).toEqual(Array(6).fill(ExcelJS.ValueType.String));
    expect(rows.map((row) => row.Amount!.value)).toEqual([0.5, 0.6, 0.7, 0.8, 1000, 12.345]);
    expect(rows.map((row) => row.Amount!.numFmt)).toEqual(['#,##0.000', '#,##0.000', '#,##0.000', '#,##0.000', '#,##0', '#,##0.000']);
    expect(rows[5]!['Applied to']!.value).toBe('KW-1');
    expect(rows[0]!['Applied to']!.value).toBeNull();
  });

  it('exports the filtered invoices as XLSX with the same totals as the list', async () => {
    const sheet = await readXlsx(await api.portal(fixtureToken, '/v1/portal/invoices/export?format=xlsx&status=overdue'));
    const { rows } = sheetRows(sheet);
    expect(rows.map((row) => row.Number!.value)).toEqual(['INV-2', 'INV-6']);
    const list = await expectJson(api.portal(fixtureToken, '/v1/portal/invoices?status=overdue'), 200);
    const balance = rows.reduce((sum, row) => sum + Math.round((row.Balance!.value as number) * 100), 0);
    expect(balance).toBe(list.totals[0].balance);
    const all = sheetRows(await readXlsx(await api.portal(fixtureToken, '/v1/portal/invoices/export?format=xlsx')));
    expect(all.rows).toHaveLength(7);
    expect(all.rows.find((row) => row.Currency!.value === 'EUR')?.Total!.value).toBe(99);
  });

  it('writes the header of an empty export', async () => {
    const { header, rows } = await readCsv(await api.portal(fixtureToken, '/v1/portal/invoices/export?format=csv&q=nothing-matches'));
    expect(header[0]).toBe('Number');
    expect(rows).toEqual([]);
    const sheet = sheetRows(await readXlsx(await api.portal(fixtureToken, '/v1/portal/payments/export?format=xlsx&q=nothing-matches')));
    expect(sheet.header[0]).toBe('Date');
    expect(sheet.rows).toEqual([]);
  });

  it('answers 400 with details for a bad format or filter, and 401 without a token', async () => {
    for (const [path, field] of [
      ['/v1/portal/invoices/export?format=pdf', 'format'],
      ['/v1/portal/invoices/export', 'format'],
      ['/v1/portal/payments/export?format=pdf', 'format'],
      ['/v1/portal/invoices/export?format=csv&status=unpaid', 'status'],
      ['/v1/portal/invoices/export?format=csv&sort=colour', 'sort'],
      ['/v1/portal/payments/export?format=xlsx&method=barter', 'method'],
      ['/v1/portal/payments/export?format=csv&from=2026-02-30', 'from'],
      ['/v1/portal/statement/csv?from=2026-06-01&to=2026-05-01', 'to'],
      ['/v1/portal/statement/csv?from=2026-07-01', 'from'],
      ['/v1/portal/statement/csv?locale=not_a_locale!', 'locale'],
    ] as const) {
      const body = await expectJson(api.portal(fixtureToken, path), 400);
      expect(body.error.code, path).toBe('bad_request');
      const paths = body.error.details.map((detail: { path: string }) => detail.path.split('.')[0]);
      expect(paths, path).toContain(field);
    }
    expect((await api.app.request('/v1/portal/invoices/export?format=csv')).status).toBe(401);
  });

  it("never lets another customer's or another tenant's records into an export", async () => {
    const other = uniqueId('cus');
    await ingestFixture(api, other);
    await expectJson(
      api.host('POST', '/v1/invoices', { id: `${other}-THEIRS`, customerId: other, number: 'THEIRS-1', currency: 'USD', issueDate: '2026-04-01', dueDate: '2026-04-30', lines: [{ description: 'x', quantity: 1, unitPrice: 100, amount: 100 }] }),
      200,
    );
    await expectJson(api.host('POST', '/v1/payments', { id: `${other}-PT`, customerId: other, currency: 'USD', amount: 100, date: '2026-04-02', method: 'cash', reference: 'THEIRS-REF' }), 200);
    // The same customer id in another tenant.
    const otherTenant = await createTestApi(database);
    await ingestFixture(otherTenant, customerId);
    await expectJson(
      otherTenant.host('POST', '/v1/invoices', { id: 'THEIRS-2', customerId, number: 'THEIRS-2', currency: 'USD', issueDate: '2026-04-01', dueDate: '2026-04-30', lines: [{ description: 'x', quantity: 1, unitPrice: 100, amount: 100 }] }),
      200,
    );

    const invoices = await readCsv(await api.portal(fixtureToken, '/v1/portal/invoices/export?format=csv'));
    expect(invoices.rows).toHaveLength(7);
    const payments = await readCsv(await api.portal(fixtureToken, '/v1/portal/payments/export?format=csv'));
    expect(payments.rows).toHaveLength(2);
    const statement = await readCsv(await api.portal(fixtureToken, '/v1/portal/statement/csv'));
    const sheet = sheetRows(await readXlsx(await api.portal(fixtureToken, '/v1/portal/invoices/export?format=xlsx')));
    expect(sheet.rows).toHaveLength(7);
    for (const text of [invoices.text, payments.text, statement.text, JSON.stringify(sheet.rows.map((row) => row.Number!.value))]) {
      expect(text).not.toContain('THEIRS');
    }
  });
});

/** Counts the export's page queries (SELECTs with LIMIT page size + 1) as they reach the database. */
class PageQueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const limit = node.kind === 'SelectQueryNode' ? (node.limit?.limit as { value?: unknown } | undefined)?.value : undefined;
    if (limit === EXPORT_PAGE_SIZE + 1) this.count += 1;
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

describe.each(backends())('Streaming exports on $name', (backend) => {
  const ROWS = 20_000;
  const PAGES = ROWS / EXPORT_PAGE_SIZE;
  let database: DatabaseHandle;
  let api: TestApi;
  let token: string;
  const pages = new PageQueryCounter();

  beforeAll(async () => {
    const opened = await backend.open();
    database = { ...opened, db: opened.db.withPlugin(pages) };
    api = await createTestApi(database);
    const customerId = uniqueId('cus');
    await expectJson(api.host('POST', '/v1/customers', { id: customerId, name: 'Big Co' }), 200);
    await insertBulkInvoices(opened.db, { tenantId: api.tenantId, customerId, count: ROWS });
    token = await api.token(customerId);
  });
  afterAll(async () => {
    await database?.close();
  });

  it(`streams ${ROWS.toLocaleString('en')} rows of CSV page by page, never more than one page ahead of the client`, async () => {
    pages.count = 0;
    const response = await api.portal(token, '/v1/portal/invoices/export?format=csv');
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let chunks = 0;
    const ahead: number[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      // When the first bytes arrive, one or two of the twenty pages have been queried.
      if (chunks === 1) expect(pages.count).toBeLessThanOrEqual(2);
      ahead.push(pages.count - chunks);
      text += decoder.decode(value, { stream: true });
    }
    expect(pages.count).toBe(PAGES);
    expect(chunks).toBe(PAGES);
    expect(Math.max(...ahead)).toBeLessThanOrEqual(1);
    const records = parse(text, { bom: true }) as string[][];
    expect(records).toHaveLength(ROWS + 1);
    expect(new Set(records.slice(1).map((record) => record[0])).size).toBe(ROWS);
  });

  it('stops querying when the client goes away', async () => {
    for (const format of ['csv', 'xlsx']) {
      pages.count = 0;
      const response = await api.portal(token, `/v1/portal/invoices/export?format=${format}`);
      const reader = response.body!.getReader();
      await reader.read();
      await reader.cancel();
      const atCancel = pages.count;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pages.count, format).toBe(atCancel);
      expect(pages.count, format).toBeLessThan(PAGES);
    }
  });

  it('holds back the XLSX writer while the client does not read', async () => {
    pages.count = 0;
    const response = await api.portal(token, '/v1/portal/invoices/export?format=xlsx');
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await reader.read();
    // Unread, the response fills up and the writer stops asking for pages: the count
    // settles well before the end (without the waiting it reaches all 20 in ~2 s).
    let settled = -1;
    for (let waited = 0; waited < 5_000 && settled !== pages.count; waited += 700) {
      settled = pages.count;
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
    expect(settled).toBe(pages.count);
    expect(settled).toBeLessThan(PAGES / 2);
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    expect(pages.count).toBe(PAGES);
    expect(bytes).toBeGreaterThan(100_000);
  });
});
