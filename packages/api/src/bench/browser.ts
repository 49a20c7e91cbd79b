import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { ROOT } from './processes.ts';

const DIST = join(ROOT, 'packages/elements/dist');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Runs in the page before anything else: records long tasks, and marks
 * `ssp:painted:<tag>` in the first frame after `<tag>` (looked for through every shadow
 * root) shows `count` elements matching `selector`, all with text. A mark set from a task
 * queued in requestAnimationFrame lands after that frame's paint. A string, not a
 * function: the page must get plain JavaScript, not what tsx compiled this file to.
 */
function instrument(watch: { tag: string; selector: string; count: number }): string {
  return `(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    const find = (root, tag) => {
      const here = root.querySelector(tag);
      if (here) return here;
      for (const element of root.querySelectorAll('*')) {
        const inner = element.shadowRoot && find(element.shadowRoot, tag);
        if (inner) return inner;
      }
      return null;
    };
    const watch = ${JSON.stringify(watch)};
    const check = () => {
      const shown = find(document, watch.tag)?.shadowRoot?.querySelectorAll(watch.selector) ?? [];
      if (shown.length >= watch.count && [...shown].every((node) => node.textContent.trim())) {
        requestAnimationFrame(() => setTimeout(() => performance.mark('ssp:painted:' + watch.tag), 0));
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  })();`;
}

async function painted(page: Page, tag: string) {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, `ssp:painted:${tag}`, { timeout: 60_000, polling: 50 });
  return page.evaluate((name) => {
    const mark = performance.getEntriesByName(name)[0]!.startTime;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
    return { mark, resources: resources.map((entry) => ({ name: entry.name, start: entry.startTime, end: entry.responseEnd })), tasks };
  }, `ssp:painted:${tag}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export interface DashboardTiming {
  /** Bundle downloaded (responseEnd) → summary figures painted, ms. */
  scriptToFigures: number;
  /** Navigation start → summary figures painted, ms. */
  navigationToFigures: number;
  longestTask: number;
}

/**
 * The demo host page (`npm start`), loaded `runs` times in fresh contexts (nothing
 * cached): from the elements bundle being loaded to the account summary's figures being
 * painted. Medians.
 */
export async function measureDashboard(browser: Browser, url: string, runs: number): Promise<DashboardTiming> {
  const results: DashboardTiming[] = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.addInitScript(instrument({ tag: 'account-summary', selector: '[part~="outstanding"]', count: 1 }));
      await page.goto(url);
      const { mark, resources, tasks } = await painted(page, 'account-summary');
      const script = resources.find((entry) => /\/ssp-elements[^/]*\.js$/.test(new URL(entry.name).pathname));
      if (!script) throw new Error('the page did not load the elements bundle');
      results.push({ scriptToFigures: mark - script.end, navigationToFigures: mark, longestTask: Math.max(0, ...tasks.map((task) => task.duration)) });
    } finally {
      await context.close();
    }
  }
  return {
    scriptToFigures: median(results.map((result) => result.scriptToFigures)),
    navigationToFigures: median(results.map((result) => result.navigationToFigures)),
    longestTask: median(results.map((result) => result.longestTask)),
  };
}

export interface ListTiming {
  rows: number;
  /** Response received → every row painted, ms. */
  render: number;
  /** Long tasks (> 50 ms) that start between the response and the paint, and the longest. */
  longTasks: number;
  longestTask: number;
  /** A live-update reload of every row shown, one of them changed: start → painted, ms. */
  reload: number;
  /** Long tasks during that reload, and the longest task. */
  reloadLongTasks: number;
  reloadLongestTask: number;
}

/**
 * `<invoice-list>` alone on a page `width` px wide (narrow: cards), answered with `body`
 * (a list response of `rows` invoices, taken from the API) in one go: the time from the
 * response to every row painted, and the long tasks on the way. The page, the bundle and
 * the API are served by Playwright's router, so that only the element's own work is
 * measured. With `reload`, then a live update's reload of those rows. Medians.
 */
export async function measureInvoiceList(browser: Browser, body: string, rows: number, runs: number, { width = 1280, reload = true } = {}): Promise<ListTiming> {
  const origin = 'http://bench.invalid';
  const results: ListTiming[] = [];
  // What a reload gets: the same rows, one of them paid since, as after a live update.
  const parsed = JSON.parse(body) as { data: { total: number; amountPaid: number; amountCredited: number; balance: number; status: string }[] };
  const paid = parsed.data[Math.floor(parsed.data.length / 2)]!;
  Object.assign(paid, { status: 'paid', amountPaid: paid.total - paid.amountCredited, balance: 0 });
  const reloaded = JSON.stringify(parsed);
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    let answer = body;
    try {
      await context.route(`${origin}/**`, async (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/') {
          return route.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><html lang="en"><head><script type="module" src="/ssp-elements.js"></script></head>
              <body><invoice-list api-url="${origin}" token="bench"></invoice-list></body></html>`,
          });
        }
        if (path === '/v1/portal/invoices') return route.fulfill({ contentType: 'application/json', body: answer });
        if (/^\/[\w.-]+\.js$/.test(path)) return route.fulfill({ contentType: 'text/javascript', body: await readFile(join(DIST, path)) });
        return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"not_found","message":"bench"}}' });
      });
      const page = await context.newPage();
      await page.addInitScript(instrument({ tag: 'invoice-list', selector: 'tbody tr', count: rows }));
      await page.goto(`${origin}/`);
      const { mark, resources, tasks } = await painted(page, 'invoice-list');
      const response = resources.find((entry) => new URL(entry.name).pathname === '/v1/portal/invoices');
      if (!response) throw new Error('the list did not call the API');
      // Tasks that start once the response is in. The routed API answers so fast that the
      // response often lands during the bundle's own task (evaluation and first render,
      // which sends the request): page load, not the list's rendering, and counted here
      // before as a long task of 60–150 ms whatever the list did.
      const during = tasks.filter((task) => task.start >= response.end && task.start <= mark);
      answer = reloaded;
      const reloading = reload ? await page.evaluate(reloadList) : { start: 0, end: 0, tasks: [] };
      results.push({
        rows,
        render: mark - response.end,
        longTasks: during.filter((task) => task.duration > 50).length,
        longestTask: Math.max(0, ...during.map((task) => task.duration)),
        reload: reloading.end - reloading.start,
        reloadLongTasks: reloading.tasks.filter((task) => task.duration > 50).length,
        reloadLongestTask: Math.max(0, ...reloading.tasks.map((task) => task.duration)),
      });
    } finally {
      await context.close();
    }
  }
  return {
    rows,
    render: median(results.map((result) => result.render)),
    longTasks: median(results.map((result) => result.longTasks)),
    longestTask: median(results.map((result) => result.longestTask)),
    reload: median(results.map((result) => result.reload)),
    reloadLongTasks: median(results.map((result) => result.reloadLongTasks)),
    reloadLongestTask: median(results.map((result) => result.reloadLongestTask)),
  };
}

/**
 * Runs in the page: reloads the list as a live update does (`refresh()`), waits for the
 * frame after it settles, and returns that span with the long tasks that started in it.
 */
async function reloadList() {
  type Task = { start: number; duration: number };
  const list = document.querySelector('invoice-list') as HTMLElement & { refresh(): Promise<unknown>; updateComplete: Promise<boolean> };
  const tasks = (window as unknown as { __longTasks: Task[] }).__longTasks;
  const start = performance.now();
  await list.refresh();
  while (!(await list.updateComplete));
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const end = performance.now();
  // Long-task entries arrive after their task ends: give the observer a moment.
  await new Promise((done) => setTimeout(done, 100));
  return { start, end, tasks: tasks.filter((task) => task.start >= start && task.start <= end) };
}
