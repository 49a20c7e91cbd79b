import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { ingestFixture } from './fixture.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';
import { type ReadPdf, readPdf, solidPng } from './pdf-reader.ts';

const TENANT = { displayName: 'Acme Utilities Ltd', address: ['12 Harbour Road', 'Bristol BS1 4QA, United Kingdom'] };

/** A regex for cells that stand on one line of `pdftotext -layout`, in order, apart only by spaces. */
function row(...cells: string[]): RegExp {
  return new RegExp(cells.map((cell) => cell.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' +'));
}

/** Every word of the document lies inside the page's margins (48 pt each side) and away from its edges. */
function expectInsidePage(pdf: ReadPdf) {
  expect(pdf.pageSize).toEqual({ width: 595.28, height: 841.89 });
  const outside = pdf.words.filter((word) => word.xMin < 47.5 || word.xMax > pdf.pageSize.width - 47.5 || word.yMin < 20 || word.yMax > pdf.pageSize.height - 20);
  expect(outside).toEqual([]);
}

/** "Page n of m" on every page, with the right n and m. */
function expectPageNumbers(pdf: ReadPdf) {
  pdf.pages.forEach((page, index) => expect(page).toMatch(new RegExp(`Page ${index + 1} of ${pdf.pages.length}\\s*$`)));
}

describe.each(backends())('Invoice and statement PDFs on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  let token: string;
  let customerId: string;
  const id = (name: string) => `${customerId}-${name}`;

  async function pdf(path: string, init: RequestInit = {}, who = token): Promise<{ response: Response; pdf: ReadPdf }> {
    const response = await api.portal(who, path, init);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    return { response, pdf: readPdf(bytes) };
  }

  beforeAll(async () => {
    database = await backend.open();
    api = await createTestApi(database, { settings: TENANT });
    customerId = uniqueId('cus');
    await ingestFixture(api, customerId);
    token = await api.token(customerId);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('prints INV-3 with every figure, the credit applied, the balance due and PARTIALLY PAID', async () => {
    const { response, pdf: doc } = await pdf(`/v1/portal/invoices/${id('INV-3')}/pdf`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="invoice-INV-3.pdf"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(doc.pages).toHaveLength(1);
    const text = doc.text;
    for (const expected of [
      row('Acme Utilities Ltd', 'INVOICE'), /12 Harbour Road/, /Bristol BS1 4QA, United Kingdom/,
      row('BILL TO'), /Fixture Co/, /1 Main St/, /Springfield, IL 62701/, /United States/, /billing@fixture\.example/,
      row('Invoice number', 'INV-3'), row('Issue date', 'May 20, 2026'), row('Due date', 'Jun 19, 2026'), row('Terms', 'NET30'), row('Currency', 'USD'),
      row('Description', 'Qty', 'Unit price', 'Tax rate', 'Tax', 'Amount'),
      row('Service', '1', '$250.00', '20%', '$50.00', '$250.00'),
      row('Subtotal', '$250.00'), row('Tax', '$50.00'), row('Total', '$300.00'),
      row('Date', 'Type', 'Reference', 'Amount'),
      row('May 25, 2026', 'Credit note', 'CN-1', '$100.00'),
      row('Payments applied', '$0.00'), row('Credits applied', '-$100.00'), row('Balance due', '$200.00'),
      /PARTIALLY PAID/, row('Acme Utilities Ltd · Invoice INV-3', 'Page 1 of 1'),
    ]) {
      expect(text).toMatch(expected);
    }
    expect(text).not.toMatch(/OVERDUE|VOID|\bPAID\b(?<!PARTIALLY PAID)/);
    expectInsidePage(doc);
  });

  it('marks INV-1 PAID with the card payment applied', async () => {
    const { pdf: doc } = await pdf(`/v1/portal/invoices/${id('INV-1')}/pdf`);
    for (const expected of [
      /\bPAID\b/, row('Service', '1', '$100.00', '20%', '$20.00', '$100.00'), row('Total', '$120.00'),
      row('Feb 1, 2026', 'Payment (card)', 'CARD-0001', '$120.00'), row('Payments applied', '-$120.00'), row('Balance due', '$0.00'),
    ]) {
      expect(doc.text).toMatch(expected);
    }
    expect(doc.text).not.toMatch(/PARTIALLY|OVERDUE/);
  });

  it('marks INV-2 OVERDUE, days past due, with the part of the wire applied to it', async () => {
    const { pdf: doc } = await pdf(`/v1/portal/invoices/${id('INV-2')}/pdf`);
    for (const expected of [
      /OVERDUE/, /76 days past due/, row('Service', '1', '$300.00', '—', '$0.00', '$300.00'), row('Service', '1', '$200.00', '—', '$0.00', '$200.00'),
      row('Subtotal', '$500.00'), row('Total', '$500.00'), row('Mar 20, 2026', 'Payment (bank transfer)', 'WIRE-0002', '$200.00'),
      row('Payments applied', '-$200.00'), row('Balance due', '$300.00'),
    ]) {
      expect(doc.text).toMatch(expected);
    }
  });

  it('marks INV-5 VOID with nothing due', async () => {
    const { pdf: doc } = await pdf(`/v1/portal/invoices/${id('INV-5')}/pdf`);
    for (const expected of [/\bVOID\b/, row('Total', '$70.00'), row('Balance due', '$0.00'), /This invoice is void: nothing is owed on it\./, /None\./]) {
      expect(doc.text).toMatch(expected);
    }
  });

  it('prints the statement of 2026-03-01..2026-05-31: opening, lines with running balance, totals, closing, aging', async () => {
    const { response, pdf: doc } = await pdf('/v1/portal/statement/pdf?from=2026-03-01&to=2026-05-31');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="statement-2026-03-01_2026-05-31.pdf"');
    expect(doc.pages).toHaveLength(1);
    for (const expected of [
      row('Acme Utilities Ltd', 'STATEMENT'), row('STATEMENT FOR'), /Fixture Co/,
      row('Period', 'Mar 1, 2026 – May 31, 2026'), row('Issued', 'Jun 15, 2026'), row('Terms', 'NET30'),
      /US Dollar \(USD\)/,
      row('Date', 'Type', 'Reference', 'Description', 'Debit', 'Credit', 'Balance'),
      row('Mar 1, 2026', 'Opening balance', '$40.00'),
      row('Mar 1, 2026', 'Invoice', 'INV-2', 'Due Mar 31, 2026', '$500.00', '$540.00'),
      row('Mar 20, 2026', 'Payment', 'WIRE-0002', 'Payment (bank transfer)', '$250.00', '$290.00'),
      row('May 20, 2026', 'Invoice', 'INV-3', 'Due Jun 19, 2026', '$300.00', '$590.00'),
      row('May 25, 2026', 'Credit note', 'CN-1', 'Service outage', '$100.00', '$490.00'),
      row('Totals', '$800.00', '$350.00', '$490.00'),
      row('Opening balance', '$40.00'), row('Debits', '$800.00'), row('Credits', '-$350.00'), row('Closing balance', '$490.00'),
      /Aging at May 31, 2026/,
      row('Current', '1–30 days', '31–60 days', '61–90 days', 'Over 90 days', 'Total open'),
      row('$200.00', '$0.00', '$0.00', '$340.00', '$0.00', '$540.00'),
      row('Acme Utilities Ltd · Statement of account', 'Page 1 of 1'),
    ]) {
      expect(doc.text).toMatch(expected);
    }
    // EUR had no activity in the period: no block for it (as in the JSON statement).
    expect(doc.text).not.toMatch(/EUR|€/);
    expectInsidePage(doc);
  });

  it('prints a statement from the first record with one block per currency', async () => {
    const { response, pdf: doc } = await pdf('/v1/portal/statement/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="statement-all_2026-06-15.pdf"');
    for (const expected of [
      row('Period', 'All activity to Jun 15, 2026'), row('Opening balance', '$0.00'), row('Closing balance', '$540.00'),
      /Euro \(EUR\)/, row('Jun 5, 2026', 'Invoice', 'INV-7', 'Due Jul 5, 2026', '€99.00', '€99.00'), row('Closing balance', '€99.00'),
      row('Jun 10, 2026', 'Credit note', 'CN-2', 'Goodwill', '$30.00', '$540.00'),
    ]) {
      expect(doc.text).toMatch(expected);
    }
    expect(doc.text.indexOf('US Dollar (USD)')).toBeLessThan(doc.text.indexOf('Euro (EUR)'));
  });

  it('runs a long statement over several pages, repeating the table header and numbering "Page n of m"', async () => {
    const longId = uniqueId('cus');
    await expectJson(api.host('POST', '/v1/customers', { id: longId, name: 'Longstanding Account Ltd', email: 'ap@long.example', currency: 'USD' }), 200);
    const count = 200;
    const day = (offset: number) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    const amount = (index: number) => 10_000 + index * 137;
    await expectJson(api.host('POST', '/v1/invoices', {
      data: Array.from({ length: count }, (_, index) => ({
        id: `${longId}-I${index}`, customerId: longId, number: `L-${1000 + index}`, currency: 'USD', issueDate: day(index), dueDate: day(index + 30),
        lines: [{ description: 'Monthly service', quantity: 1, unitPrice: amount(index), amount: amount(index) }],
      })),
    }), 200);
    // Every invoice paid 10 days later, the last 20 of them not (yet) in full.
    await expectJson(api.host('POST', '/v1/payments', {
      data: Array.from({ length: count }, (_, index) => {
        const paid = index >= count - 20 ? amount(index) - 500 : amount(index);
        return { id: `${longId}-P${index}`, customerId: longId, currency: 'USD', amount: paid, date: day(index + 10), method: 'card', reference: `R-${1000 + index}`, allocations: [{ invoiceId: `${longId}-I${index}`, amount: paid }] };
      }),
    }), 200);
    const statement = await expectJson(api.portal(await api.token(longId), '/v1/portal/statement?from=2025-01-01&to=2026-06-15'), 200);
    const usd = statement.currencies[0];
    expect(usd.lines).toHaveLength(2 * count);
    expect(usd.closingBalance).toBe(20 * 500);

    const { pdf: doc } = await pdf('/v1/portal/statement/pdf?from=2025-01-01&to=2026-06-15', {}, await api.token(longId));
    expect(doc.pages.length).toBeGreaterThanOrEqual(3);
    expectPageNumbers(doc);
    const header = row('Date', 'Type', 'Reference', 'Description', 'Debit', 'Credit', 'Balance');
    const lineRow = /^ *[A-Z][a-z]{2} \d{1,2}, \d{4} +(Invoice|Payment) +[LR]-\d{4} /gm;
    let printed = 0;
    doc.pages.forEach((page, index) => {
      const rows = page.match(lineRow)?.length ?? 0;
      printed += rows;
      if (rows) expect(page, `page ${index + 1}`).toMatch(header);
      if (index > 0) expect(page).toMatch(/Statement · Longstanding Account Ltd · Jan 1, 2025 – Jun 15, 2026/);
    });
    // Every line exactly once across the page breaks, and the last running balance is the closing one.
    expect(printed).toBe(2 * count);
    expect(usd.lines.at(-1)).toMatchObject({ date: '2025-07-29', reference: 'R-1199', credit: 36763, balance: 10000 });
    expect(doc.text).toMatch(row('Jul 29, 2025', 'Payment', 'R-1199', 'Payment (card)', '$367.63', '$100.00'));
    expect(doc.text).toMatch(row('Closing balance', '$100.00'));
    expect(doc.text).toMatch(row('$0.00', '$0.00', '$0.00', '$0.00', '$100.00', '$100.00'));
    expectInsidePage(doc);
  });

  it('runs a long invoice over pages with the lines header on each and the totals at the end', async () => {
    const bigId = uniqueId('cus');
    await expectJson(api.host('POST', '/v1/customers', { id: bigId, name: 'Many Lines GmbH', currency: 'USD' }), 200);
    const lines = Array.from({ length: 120 }, (_, index) => ({
      description: index % 10 === 0 ? `Site visit ${index + 1}: inspection of the meter, replacement of the seal, and a written report for the landlord's file` : `Item ${index + 1}`,
      quantity: 2, unitPrice: 1250, amount: 2500, taxRate: 10, taxAmount: 250,
    }));
    await expectJson(api.host('POST', '/v1/invoices', { id: `${bigId}-I1`, customerId: bigId, number: 'BIG-1', currency: 'USD', issueDate: '2026-06-01', dueDate: '2026-07-01', lines }), 200);
    const { pdf: doc } = await pdf(`/v1/portal/invoices/${bigId}-I1/pdf`, {}, await api.token(bigId));
    expect(doc.pages.length).toBeGreaterThanOrEqual(3);
    expectPageNumbers(doc);
    const header = row('Description', 'Qty', 'Unit price', 'Tax rate', 'Tax', 'Amount');
    let printed = 0;
    doc.pages.forEach((page) => {
      const rows = page.match(/ 2 +\$12\.50 +10% +\$2\.50 +\$25\.00$/gm)?.length ?? 0;
      printed += rows;
      if (rows) expect(page).toMatch(header);
    });
    expect(printed).toBe(120);
    expect(doc.text).toMatch(/Site visit 111: inspection of the meter/);
    for (const expected of [row('Subtotal', '$3,000.00'), row('Tax', '$300.00'), row('Total', '$3,300.00'), row('Balance due', '$3,300.00')]) {
      expect(doc.pages.at(-1)).toMatch(expected);
    }
    expect(doc.pages[0]).toMatch(/\bOPEN\b/);
    expectInsidePage(doc);
  });

  it('prints Greek and Cyrillic names and text in an embedded font', async () => {
    const greek = uniqueId('cus');
    const russian = uniqueId('cus');
    await expectJson(api.host('POST', '/v1/customers', {
      data: [
        { id: greek, name: 'Ωμέγα Α.Ε.', email: 'logistirio@omega.example', currency: 'EUR', address: { line1: 'Λεωφόρος Κηφισίας 12', city: 'Αθήνα', postalCode: '115 26', country: 'GR' } },
        { id: russian, name: 'ООО Ромашка', email: 'buh@romashka.example', currency: 'EUR', address: { line1: 'ул. Ленина, д. 1', city: 'Москва', postalCode: '101000', country: 'RU' } },
      ],
    }), 200);
    await expectJson(api.host('POST', '/v1/invoices', {
      data: [
        { id: `${greek}-1`, customerId: greek, number: 'ΤΙΜ-1', currency: 'EUR', issueDate: '2026-05-20', dueDate: '2026-06-19', lines: [{ description: 'Συντήρηση λογισμικού', quantity: 1, unitPrice: 100000, amount: 100000, taxRate: 23.456, taxAmount: 23456 }] },
        { id: `${russian}-1`, customerId: russian, number: 'СЧ-1', currency: 'EUR', issueDate: '2026-05-20', dueDate: '2026-06-19', lines: [{ description: 'Техническое обслуживание', quantity: 1, unitPrice: 5000, amount: 5000 }] },
      ],
    }), 200);

    const greekInvoice = await pdf(`/v1/portal/invoices/${greek}-1/pdf`, {}, await api.token(greek));
    for (const expected of [/Ωμέγα Α\.Ε\./, /Λεωφόρος Κηφισίας 12/, /Αθήνα, 115 26/, /Greece/, row('Invoice number', 'ΤΙΜ-1'), /Συντήρηση λογισμικού/, row('Total', '€1,234.56')]) {
      expect(greekInvoice.pdf.text).toMatch(expected);
    }
    expect(greekInvoice.response.headers.get('content-disposition')).toBe(`attachment; filename="invoice-___-1.pdf"; filename*=UTF-8''invoice-%CE%A4%CE%99%CE%9C-1.pdf`);
    const russianStatement = await pdf('/v1/portal/statement/pdf?from=2026-05-01&to=2026-05-31', {}, await api.token(russian));
    for (const expected of [/ООО Ромашка/, /ул\. Ленина, д\. 1/, /Москва, 101000/, row('May 20, 2026', 'Invoice', 'СЧ-1'), row('Closing balance', '€50.00')]) {
      expect(russianStatement.pdf.text).toMatch(expected);
    }
    for (const document of [greekInvoice.pdf, russianStatement.pdf]) {
      expect(document.fonts.length).toBeGreaterThan(0);
      for (const font of document.fonts) {
        expect(font.name).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
        expect(font.embedded).toBe(true);
      }
    }
  });

  it('formats money and dates in the request locale: ?locale=, else Accept-Language', async () => {
    const french = uniqueId('cus');
    await expectJson(api.host('POST', '/v1/customers', { id: french, name: 'Société Générale des Eaux', currency: 'EUR', billingTerms: '30 jours fin de mois' }), 200);
    await expectJson(api.host('POST', '/v1/invoices', {
      id: `${french}-1`, customerId: french, number: 'F-2026-001', currency: 'EUR', issueDate: '2026-05-20', dueDate: '2026-06-30',
      lines: [{ description: 'Abonnement', quantity: 1.5, unitPrice: 82304, amount: 123456, taxRate: 20, taxAmount: 24691 }],
    }), 200);
    const frenchToken = await api.token(french);
    const byParam = await pdf(`/v1/portal/invoices/${french}-1/pdf?locale=fr-FR`, {}, frenchToken);
    for (const expected of [
      row('Issue date', '20 mai 2026'), row('Due date', '30 juin 2026'), row('Abonnement', '1,5', '823,04 €', '20 %', '246,91 €', '1 234,56 €'),
      row('Subtotal', '1 234,56 €'), row('Total', '1 481,47 €'), row('Balance due', '1 481,47 €'),
    ]) {
      expect(byParam.pdf.text).toMatch(expected);
    }
    const byHeader = await pdf('/v1/portal/statement/pdf?from=2026-05-01&to=2026-06-15', { headers: { 'Accept-Language': 'fr-CH;q=0.8, fr-FR, en;q=0.5' } }, frenchToken);
    for (const expected of [row('Period', '1 mai 2026 – 15 juin 2026'), row('20 mai 2026', 'Invoice', 'F-2026-001', 'Due 30 juin 2026', '1 481,47 €', '1 481,47 €'), row('Closing balance', '1 481,47 €'), /Aging at 15 juin 2026/]) {
      expect(byHeader.pdf.text).toMatch(expected);
    }
    // The parameter wins over the header.
    const german = await pdf(`/v1/portal/invoices/${french}-1/pdf?locale=de`, { headers: { 'Accept-Language': 'fr' } }, frenchToken);
    expect(german.pdf.text).toMatch(row('Total', '1.481,47 €'));
    expect(german.pdf.text).toMatch(row('Issue date', '20.05.2026'));
  });

  it('names files after the invoice number, made safe for any file system', async () => {
    const odd = uniqueId('cus');
    await expectJson(api.host('POST', '/v1/customers', { id: odd, name: 'Odd Numbers Inc', currency: 'USD' }), 200);
    await expectJson(api.host('POST', '/v1/invoices', {
      id: `${odd}-1`, customerId: odd, number: '2026/07 "draft" #5', currency: 'USD', issueDate: '2026-06-01', dueDate: '2026-06-30', lines: [{ description: 'x', unitPrice: 100, amount: 100 }],
    }), 200);
    const { response, pdf: doc } = await pdf(`/v1/portal/invoices/${odd}-1/pdf`, {}, await api.token(odd));
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="invoice-2026-07-draft-5.pdf"');
    expect(doc.text).toMatch(row('Invoice number', '2026/07 "draft" #5'));
  });

  it('prints the tenant logo when it has one, and a drawn mark otherwise', async () => {
    expect((await pdf(`/v1/portal/invoices/${id('INV-3')}/pdf`)).pdf.images).toBe(0);
    const branded = await createTestApi(database, { settings: { ...TENANT, logoPng: solidPng(240, 80, [47, 95, 138]).toString('base64') } });
    const brandedCustomer = uniqueId('cus');
    await ingestFixture(branded, brandedCustomer);
    const response = await branded.portal(await branded.token(brandedCustomer), `/v1/portal/invoices/${brandedCustomer}-INV-3/pdf`);
    expect(response.status).toBe(200);
    const doc = readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(doc.images).toBe(1);
    expect(doc.text).toMatch(row('Balance due', '$200.00'));
  });

  it("answers 404 for another customer's invoice and for a missing one, exactly alike", async () => {
    const other = uniqueId('cus');
    await ingestFixture(api, other);
    const foreign = await expectJson(api.portal(token, `/v1/portal/invoices/${other}-INV-1/pdf`), 404);
    const missing = await expectJson(api.portal(token, '/v1/portal/invoices/nope/pdf'), 404);
    expect(foreign.error.code).toBe('not_found');
    expect(missing.error.code).toBe('not_found');
    expect((await api.app.request(`/v1/portal/invoices/${id('INV-1')}/pdf`)).status).toBe(401);
  });

  it('documents the document routes in the OpenAPI description', async () => {
    const doc = await expectJson(api.app.request('/v1/openapi.json'), 200);
    expect(Object.keys(doc.paths['/v1/portal/invoices/{id}/pdf'].get.responses[200].content)).toEqual(['application/pdf']);
    expect(doc.paths['/v1/portal/statement/pdf'].get.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual(['from', 'locale', 'to']);
    expect(doc.paths['/v1/portal/statement/email'].post.responses).toHaveProperty('429');
    expect(doc.paths['/v1/customers/{id}/statement-email'].post.responses).toHaveProperty('202');
  });

  it('answers 400 with details for bad dates, ranges, locales and ids', async () => {
    for (const [path, field] of [
      ['/v1/portal/statement/pdf?from=2026-02-30', 'from'],
      ['/v1/portal/statement/pdf?to=2026-13-01', 'to'],
      ['/v1/portal/statement/pdf?from=2026-06-01&to=2026-05-01', 'to'],
      ['/v1/portal/statement/pdf?from=2026-07-01', 'from'],
      ['/v1/portal/statement/pdf?locale=not%20a%20locale', 'locale'],
      [`/v1/portal/invoices/${id('INV-1')}/pdf?locale=--`, 'locale'],
      ['/v1/portal/invoices/bad%20id/pdf', 'id'],
    ] as const) {
      const body = await expectJson(api.portal(token, path), 400);
      expect(body.error.code, path).toBe('bad_request');
      expect(body.error.details.map((detail: { path: string }) => detail.path), path).toContain(field);
    }
  });
});
