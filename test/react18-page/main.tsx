/**
 * The @ssp/react components rendered by React 18. This imports plain `react` and
 * `react-dom/client`; test/react18-wrapper.test.ts builds it with both aliased to the
 * React 18 copies, so React, @lit/react and @ssp/react all share React 18 here. What
 * the handlers receive is written into the page for the test to read.
 */
import { useState, version } from 'react';
import { version as domVersion } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { AccountSummary, InvoiceList, QuickActions, SspSession } from '@ssp/react';

const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)!.content;

// A function prop: React 18 alone would turn it into the string attribute "async () => …".
async function fetchToken(): Promise<string> {
  const response = await fetch('/session', { method: 'POST' });
  return ((await response.json()) as { token: string }).token;
}

function Page() {
  const [asked, setAsked] = useState('—');
  const [opened, setOpened] = useState('—');
  return (
    <SspSession apiUrl={meta('ssp-api-url')} token={meta('ssp-token')} fetchToken={fetchToken}>
      <p>
        React <output data-testid="react">{version}</output> / react-dom <output data-testid="react-dom">{domVersion}</output> · view asked for:{' '}
        <output data-testid="asked">{asked}</output> · invoice opened: <output data-testid="opened">{opened}</output>
      </p>
      <AccountSummary />
      <QuickActions hide="statement schedules" onNavigate={(event) => setAsked(event.view)} />
      <InvoiceList onInvoiceSelect={(event) => setOpened(event.detail.id)} />
    </SspSession>
  );
}

createRoot(document.getElementById('root')!).render(<Page />);
