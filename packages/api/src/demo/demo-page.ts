const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Acme Utilities' "My account" page, with the portal embedded as a host would. */
export function demoPage(options: { customers: { id: string; name: string }[]; current: { id: string; name: string }; token: string }): string {
  const choices = options.customers
    .map((customer) => `<option value="${escapeHtml(customer.id)}"${customer.id === options.current.id ? ' selected' : ''}>${escapeHtml(customer.name)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>My account — Acme Utilities</title>
<link rel="icon" href="/demo/favicon.svg">
<link rel="stylesheet" href="/demo/site.css">
<script type="module" src="/assets/ssp-elements.js"></script>
<script type="module" src="/demo/app.js"></script>
</head>
<body>
<header class="site-header">
  <a class="brand" href="/"><span class="logo" aria-hidden="true">A</span> Acme Utilities</a>
  <nav aria-label="Acme">
    <a href="/">Home</a><a href="/" aria-current="page">My account</a><a href="/v1/docs">Developers</a>
  </nav>
  <form class="signed-in" action="/" method="get">
    <label>Signed in as <select name="customer" id="customer">${choices}</select></label>
    <label>Theme <select id="theme"><option value="auto">System</option><option value="light">Light</option><option value="dark">Dark</option></select></label>
    <label>Language <select id="locale"><option value="">Page (English)</option><option value="fr-FR">Français</option><option value="de-DE">Deutsch</option></select></label>
    <noscript><button>Switch</button></noscript>
  </form>
</header>
<main class="site-main">
  <p class="welcome">Welcome back, <strong>${escapeHtml(options.current.name)}</strong></p>
  <self-service-portal token="${escapeHtml(options.token)}"></self-service-portal>
</main>
<footer class="site-footer">Acme Utilities · Customer care 0800 123 456 · This is a demo host page for the Self-Service Portal.</footer>
</body>
</html>`;
}
