// The host's own router: three billing pages, each showing one of the portal's widgets
// in the main column. The quick actions in the sidebar fire `ssp-navigate` with the
// host's URL; the router takes the event, so the page never reloads.
const pages = {
  '/billing/invoices': { tag: 'invoice-list', title: 'Invoices' },
  '/billing/payments': { tag: 'payment-history', title: 'Payments' },
  '/billing/statement': { tag: 'account-statement', title: 'Statement' },
};
const content = document.getElementById('content');
const session = document.querySelector('ssp-session');

function show(path) {
  const page = pages[path] ?? pages['/billing/invoices'];
  if (content.firstElementChild?.localName === page.tag) return;
  // A new widget inside <ssp-session> picks up the shared session by itself.
  content.replaceChildren(document.createElement(page.tag));
  document.title = `${page.title} — Brightwater Energy`;
  for (const link of document.querySelectorAll('.topbar nav a')) {
    if (link.pathname === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function go(path) {
  if (location.pathname !== path) history.pushState(null, '', path);
  show(path);
}

document.addEventListener('ssp-navigate', (event) => {
  if (!event.href) return;
  event.preventDefault();
  go(new URL(event.href, location.href).pathname);
});
document.querySelector('.topbar nav').addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link) return;
  event.preventDefault();
  go(link.pathname);
});
addEventListener('popstate', () => show(location.pathname));

session.fetchToken = async () => {
  const response = await fetch('/session', { method: 'POST' });
  if (!response.ok) throw new Error(`token refresh failed: ${response.status}`);
  return (await response.json()).token;
};
show(location.pathname);
