import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import { html, unsafeStatic } from 'lit/static-html.js';
import { expectAccessible, sessionToken, settled } from './helpers.ts';
import { mount } from './lists.ts';

/**
 * What the download and export tests watch, in the page itself: every API request the
 * elements make (URL, method, Authorization header), optionally held open or sent
 * elsewhere, and every file saved through a temporary `<a download>` (its name and
 * bytes), without the browser actually saving anything.
 */
export interface Recorded {
  url: URL;
  method: string;
  authorization: string | null;
  body: unknown;
}

export interface Saved {
  filename: string;
  href: string;
  blob: Promise<Blob>;
}

export function watchDownloads() {
  const requests: Recorded[] = [];
  const saved: Saved[] = [];
  const realFetch = window.fetch;
  const realClick = HTMLAnchorElement.prototype.click;
  const ownClick = Object.hasOwn(HTMLAnchorElement.prototype, 'click');
  let gate: Promise<void> | undefined;
  let rewrite: ((url: string) => string) | undefined;

  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    let url = input instanceof Request ? input.url : String(input);
    // The live-update stream is not a request these tests are about.
    const path = new URL(url, location.href).pathname;
    if (path.startsWith('/v1/') && path !== '/v1/portal/events') {
      if (rewrite) url = rewrite(url);
      const headers = new Headers(init?.headers);
      requests.push({
        url: new URL(url, location.href),
        method: init?.method ?? 'GET',
        authorization: headers.get('Authorization'),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      });
      if (gate) await gate;
    }
    return realFetch(url, init);
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (!this.download) return realClick.call(this);
    // Read the bytes now: the object URL is revoked a little later.
    saved.push({ filename: this.download, href: this.href, blob: realFetch(this.href).then((response) => response.blob()) });
  };

  return {
    requests,
    saved,
    /** Requests to `/v1/portal/<path>` only (the lists' own reloads left out). */
    to: (path: string) => requests.filter((request) => request.url.pathname === `/v1/portal/${path}`),
    /** Holds every API request until the returned function is called. */
    hold(): () => void {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    /** Sends API requests elsewhere (another customer's invoice id, say). */
    redirect(change: (url: string) => string) {
      rewrite = change;
    },
    restore() {
      window.fetch = realFetch;
      if (ownClick) HTMLAnchorElement.prototype.click = realClick;
      else delete (HTMLAnchorElement.prototype as Partial<HTMLAnchorElement>).click;
    },
  };
}

export type Watch = ReturnType<typeof watchDownloads>;

/** Waits (up to 5 s) until `condition` holds. */
export async function waitFor(condition: () => unknown, what = 'condition'): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > 5000) throw new Error(`${what} not reached in 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The first bytes of a saved file as text (`%PDF-`, `PK`, a CSV header). */
export async function head(file: Saved, length = 5): Promise<string> {
  return new TextDecoder().decode((await (await file.blob).arrayBuffer()).slice(0, length));
}

export interface ExportCase {
  /** The API path of the export, under `/v1/portal/`. */
  path: string;
  /** The file name before the date: `invoices` → `invoices-2026-06-15.csv`. */
  basename: string;
  /** A filter preset (attribute) and the query it must send along. */
  preset: [attribute: string, query: Record<string, string>];
  /** The first cell of each CSV data row for that preset. */
  firsts: string[];
}

/** The buttons of an element's shadow root whose text (trimmed) is `label`. */
export function button(element: Element, label: string): HTMLButtonElement {
  const found = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
    (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent!.trim()) === label,
  );
  if (!found) throw new Error(`no button "${label}" in <${element.localName}>`);
  return found;
}

/** The text of the element's failure message (role="alert" beside the toolbar). */
export const failure = (element: Element) => element.shadowRoot!.querySelector('[part~="message"][role="alert"]')?.textContent!.trim() ?? '';

/** The CSV's lines, without a byte-order mark. */
async function csvLines(file: Saved): Promise<string[]> {
  return (await (await file.blob).text()).replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
}

/**
 * "Export CSV" and "Export Excel" of a list: the request (filters, token in a header
 * only), the file (name, type, content), the busy state, and the failure message.
 */
export function describeExports(tag: string, { path, basename, preset: [attribute, query], firsts }: ExportCase) {
  describe(`${tag}: exports`, () => {
    let watch: Watch;
    beforeEach(() => (watch = watchDownloads()));
    afterEach(() => watch.restore());

    it('exports the filtered list as CSV: its filters in the query, the token in a header only', async () => {
      const element = await mount<LitElement>(tag, 'fixture', attribute);
      const token = element.getAttribute('token')!;
      button(element, 'Export CSV').click();
      await waitFor(() => watch.saved.length, 'the CSV');
      const [request] = watch.to(path);
      expect(request!.method).to.equal('GET');
      expect(request!.authorization).to.equal(`Bearer ${token}`);
      expect(request!.url.href).not.to.contain(token);
      expect(Object.fromEntries(request!.url.searchParams)).to.include({ ...query, format: 'csv' });
      expect(request!.url.searchParams.has('token')).to.equal(false);
      const [file] = watch.saved;
      expect(file!.filename).to.equal(`${basename}-2026-06-15.csv`);
      expect(file!.href).to.match(/^blob:/);
      expect((await file!.blob).type).to.match(/^text\/csv/);
      const [header, ...rows] = await csvLines(file!);
      expect(header!.split(',').length).to.be.greaterThan(5);
      expect(rows.map((row) => row.split(',')[0])).to.deep.equal(firsts);
      expect(failure(element)).to.equal('');
    });

    it('exports the filtered list as Excel (XLSX)', async () => {
      const element = await mount<LitElement>(tag, 'fixture', attribute);
      button(element, 'Export Excel').click();
      await waitFor(() => watch.saved.length, 'the workbook');
      expect(Object.fromEntries(watch.to(path)[0]!.url.searchParams)).to.include({ ...query, format: 'xlsx' });
      expect(watch.saved[0]!.filename).to.equal(`${basename}-2026-06-15.xlsx`);
      expect(await head(watch.saved[0]!, 2)).to.equal('PK');
      expect((await watch.saved[0]!.blob).type).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    });

    it('shows "Preparing…" (aria-busy, disabled) while the export runs, and gives focus back', async () => {
      const element = await mount<LitElement>(tag, 'fixture', attribute);
      const csv = button(element, 'Export CSV');
      csv.focus();
      const release = watch.hold();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(csv.disabled).to.equal(true);
      expect(csv.getAttribute('aria-busy')).to.equal('true');
      expect(csv.textContent!.trim()).to.equal('Preparing…');
      // The other export stays available.
      expect(button(element, 'Export Excel').disabled).to.equal(false);
      await expectAccessible(element);
      release();
      await waitFor(() => watch.saved.length, 'the CSV');
      await element.updateComplete;
      expect(csv.disabled).to.equal(false);
      expect(csv.getAttribute('aria-busy')).to.equal('false');
      expect(csv.textContent!.trim()).to.equal('Export CSV');
      expect(element.shadowRoot!.activeElement).to.equal(csv);
      expect(watch.saved).to.have.length(1);
    });

    it('announces a failed export, with what failed, when the API cannot be reached', async () => {
      const token = await sessionToken('fixture');
      const name = unsafeStatic(tag);
      const element = await fixture<LitElement>(html`<${name} locale="en-US" theme="dark" api-url="http://127.0.0.1:1" token=${token}></${name}>`);
      await settled(element);
      button(element, 'Export Excel').click();
      await waitFor(() => failure(element), 'the failure message');
      expect(failure(element)).to.equal('“Export Excel” failed. The portal could not be reached. Check your connection.');
      expect(button(element, 'Export Excel').disabled).to.equal(false);
      expect(watch.saved).to.have.length(0);
      expect(watch.requests.at(-1)!.url.pathname).to.equal(`/v1/portal/${path}`);
      await expectAccessible(element);
    });
  });
}
