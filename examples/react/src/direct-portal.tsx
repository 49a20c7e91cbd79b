import '@ssp/elements/define';
import type {} from '@ssp/react/jsx';
import { useState } from 'react';
import { apiUrl, fetchToken } from './session.ts';

/**
 * React 19 renders the custom element as it is: props become properties (`fetchToken`
 * is a function) and `onssp-navigate` is a listener for the `ssp-navigate` event.
 */
export function DirectPortal({ token }: { token: string }) {
  const [view, setView] = useState('dashboard');
  return (
    <section aria-label="Portal">
      <p className="note" data-testid="direct-view">
        Tags rendered by React 19 · last view asked for: <output>{view}</output>
      </p>
      <self-service-portal apiUrl={apiUrl} token={token} fetchToken={fetchToken} routing="none" onssp-navigate={(event) => setView(event.view)}></self-service-portal>
    </section>
  );
}
