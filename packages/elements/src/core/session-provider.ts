import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { PortalSession, sessionContext } from './session.ts';

interface SessionHost extends ReactiveElement {
  apiUrl: string;
  token: string;
  fetchToken: (() => Promise<string>) | undefined;
}

/**
 * Provides one PortalSession to every portal element inside the host element. A new
 * API URL or token makes a new session, so the elements inside reload with it (the
 * way back from "session expired" is for the host to set a fresh `token`).
 */
export class SessionProvider implements ReactiveController {
  private readonly provider: ContextProvider<typeof sessionContext>;
  private key = '';

  constructor(private readonly host: SessionHost) {
    this.provider = new ContextProvider(host, { context: sessionContext });
    host.addController(this);
  }

  get session(): PortalSession | undefined {
    return this.provider.value;
  }

  // Connected first (attributes are already set then), so that the elements inside find
  // the session when they ask for it, before any of them starts loading on its own.
  hostConnected(): void {
    this.hostUpdate();
  }

  hostUpdate(): void {
    const key = `${this.host.apiUrl}\n${this.host.token}`;
    if (key !== this.key || !this.provider.value) {
      this.key = key;
      this.provider.setValue(new PortalSession(this.host.apiUrl, this.host.token, () => this.freshToken()));
    }
  }

  // Read at call time, so a host may set fetchToken after the session was made.
  private freshToken(): Promise<string> {
    if (!this.host.fetchToken) return Promise.reject(new Error('no fetchToken'));
    return this.host.fetchToken();
  }
}
