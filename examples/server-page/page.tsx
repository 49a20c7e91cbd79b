/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/**
 * The host's account page as a Hono JSX component: the server renders the portal's tags
 * with the session token already in them, so the page needs no script of its own to
 * start the portal (only the published bundle, and a small file for token refresh).
 */
import { raw } from 'hono/html';
import type { ElementsRelease } from '../shared/site.ts';

interface PageProps {
  release: ElementsRelease;
  apiUrl: string;
  token: string;
  customerName: string;
}

export function AccountPage({ release, apiUrl, token, customerName }: PageProps) {
  // Without the doctype the page would render in quirks mode.
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Billing — Fieldline Services</title>
          <link rel="icon" href="/favicon.svg" />
          <link rel="stylesheet" href="/static/site.css" />
          <script type="module" src={`/assets/${release.file}`} integrity={release.integrity} crossorigin="anonymous"></script>
          <script type="module" src="/static/refresh.js"></script>
        </head>
        <body>
          <header class="masthead">
            <span class="brand">Fieldline Services</span>
            <span>Signed in as {customerName}</span>
          </header>
          <main>
            <self-service-portal api-url={apiUrl} token={token} theme="light"></self-service-portal>
          </main>
        </body>
      </html>
    </>
  );
}

// Hono's JSX knows HTML's tags; ours are declared here so the page type-checks.
declare module 'hono/jsx' {
  namespace JSX {
    interface IntrinsicElements {
      'self-service-portal': { 'api-url'?: string; token?: string; theme?: 'auto' | 'light' | 'dark'; locale?: string; routing?: 'hash' | 'none' };
    }
  }
}
