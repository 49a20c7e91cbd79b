import { filenameOf } from '@ssp/client';
import { expect } from '@open-wc/testing';
import { saveBlob } from './download.ts';

describe('filenameOf (Content-Disposition, RFC 6266)', () => {
  const cases: [string | null, string | undefined][] = [
    ['attachment; filename="invoice-INV-3.pdf"', 'invoice-INV-3.pdf'],
    ['attachment; filename=statement-all_2026-06-15.csv', 'statement-all_2026-06-15.csv'],
    ['ATTACHMENT; FILENAME = "a \\"quoted\\" name.pdf"', 'a "quoted" name.pdf'],
    // filename* (RFC 8187) wins over filename, wherever it stands.
    [`attachment; filename="EUR rates.pdf"; filename*=UTF-8''%E2%82%AC%20rates.pdf`, '€ rates.pdf'],
    [`attachment; filename*=utf-8''Stra%C3%9Fe.csv; filename="Strasse.csv"`, 'Straße.csv'],
    [`attachment; filename*=ISO-8859-1'en'%A3%20rates.pdf`, '£ rates.pdf'],
    // Malformed percent-encoding: the plain name.
    [`attachment; filename*=UTF-8''%E2%82; filename="ok.pdf"`, 'ok.pdf'],
    // Never a folder.
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\Windows\\\\evil.pdf"', 'evil.pdf'],
    ['attachment; xfilename="no.pdf"', undefined],
    ['attachment', undefined],
    [null, undefined],
  ];
  for (const [header, expected] of cases) {
    it(`${header} → ${expected}`, () => expect(filenameOf(header)).to.equal(expected));
  }
});

describe('saveBlob', () => {
  it('clicks a temporary <a download> with an object URL, and leaves nothing behind', async () => {
    const clicked: { download: string; href: string; connected: boolean; bytes: Promise<string> }[] = [];
    const own = Object.hasOwn(HTMLAnchorElement.prototype, 'click');
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href, connected: this.isConnected, bytes: fetch(this.href).then((response) => response.text()) });
    };
    const before = document.body.childElementCount;
    try {
      saveBlob(new Blob(['a,b\r\n1,2\r\n'], { type: 'text/csv' }), 'invoices-2026-06-15.csv');
    } finally {
      if (!own) delete (HTMLAnchorElement.prototype as Partial<HTMLAnchorElement>).click;
    }
    expect(clicked).to.have.length(1);
    expect(clicked[0]!.download).to.equal('invoices-2026-06-15.csv');
    expect(clicked[0]!.href).to.match(/^blob:/);
    expect(clicked[0]!.connected).to.equal(true);
    expect(await clicked[0]!.bytes).to.equal('a,b\r\n1,2\r\n');
    expect(document.body.childElementCount).to.equal(before);
  });
});
