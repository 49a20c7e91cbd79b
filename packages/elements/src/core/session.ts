import { createContext } from '@lit/context';
import { PortalClient } from '@ssp/client';

/**
 * One customer's session on the page: the API client (token, refresh callback) that
 * every element of a portal shares, so the page holds one token and refreshes it once.
 */
export class PortalSession {
  readonly client: PortalClient;

  constructor(apiUrl: string, token?: string, fetchToken?: () => Promise<string>) {
    this.client = new PortalClient({ apiUrl, token, fetchToken });
  }
}

/** Provided by `self-service-portal` (or `ssp-session`) to every element inside it. */
export const sessionContext = createContext<PortalSession | undefined>(Symbol('ssp-session'));
