import { useState } from 'react';
import { AccountSummary, InvoiceList, QuickActions, SspSession } from '@ssp/react';
import { apiUrl, fetchToken } from './session.ts';

/**
 * The @lit/react components: typed props and `on…` event props, the same on React 18
 * (which would otherwise pass only strings to custom elements) and React 19.
 */
export function WrappedWidgets({ token }: { token: string }) {
  const [selected, setSelected] = useState<string>();
  const [asked, setAsked] = useState<string>();
  return (
    <SspSession apiUrl={apiUrl} token={token} fetchToken={fetchToken}>
      <p className="note" data-testid="wrapper-state">
        @ssp/react components · view asked for: <output>{asked ?? '—'}</output> · invoice opened: <output>{selected ?? '—'}</output>
      </p>
      <div className="columns">
        <aside>
          <AccountSummary />
          <QuickActions hide="sales-orders credit-notes schedules profile" onNavigate={(event) => setAsked(event.view)} />
        </aside>
        <InvoiceList onInvoiceSelect={(event) => setSelected(event.detail.id)} />
      </div>
    </SspSession>
  );
}
