import { ContextConsumer } from '@lit/context';
import type { Task } from '@lit/task';
import { NetworkError, SessionExpiredError } from '@ssp/client';
import { LitElement, type PropertyDeclarations, type TemplateResult, html, nothing } from 'lit';
import commonStrings from '../i18n/en/common.ts';
import { type Catalogue, Localizer } from '../i18n/localize.ts';
import { shared } from '../styles/shared.ts';
import { tokens } from '../styles/tokens.ts';
import { SspSessionExpiredEvent } from './events.ts';
import { date, money } from './format.ts';
import { PortalSession, sessionContext } from './session.ts';

/**
 * What every portal element shares: the session (from `self-service-portal` through
 * context, else its own from `api-url` + `token` / `fetchToken`), the locale and its
 * strings, money and date formatting, the theme, and the loading / error / expired
 * states of its data task.
 */
export class PortalElement extends LitElement {
  static override styles = [tokens, shared];
  /**
   * The English strings this element uses, area by area; subclasses add theirs. Only
   * these ship with the element, so one widget alone does not carry every string.
   */
  static strings: Catalogue[] = [commonStrings];

  // Declared without decorators, as in every element: the bundle carries no decorator
  // runtime (about 0.6 KB gzipped).
  static override properties: PropertyDeclarations = {
    apiUrl: { attribute: 'api-url' },
    token: {},
    fetchToken: { attribute: false },
    locale: {},
    theme: { reflect: true },
    live: {},
  };

  /**
   * What this element shows, as the event stream names changes (`invoice`, `payment`,
   * `credit_note`, …): an event of another kind does not reload it.
   */
  static liveKinds: string[] = [];
  /** The polite announcement after a live reload (an i18n key). */
  static liveMessage = 'common.updated';

  /** Base URL of the API; empty means the page's own origin. */
  declare apiUrl: string;
  /** Session token minted by the host's backend. */
  declare token: string;
  /** Called for a fresh token when the current one expires. */
  declare fetchToken: (() => Promise<string>) | undefined;
  /** BCP 47 locale for text, money and dates; default: the page's `lang`. */
  declare locale: string | undefined;
  /** `light`, `dark`, or `auto` (follow the system). */
  declare theme: 'light' | 'dark' | 'auto';
  /** `off` stops live updates: the figures then change only on reload or `refresh()`. */
  declare live: 'on' | 'off';

  /**
   * The session of an enclosing `self-service-portal` or `ssp-session`, if any (the
   * consumer asks for an update when it changes). ES private fields and methods, here
   * and in the client, because the minifier can shorten their names.
   */
  readonly #context = new ContextConsumer(this, { context: sessionContext, subscribe: true });

  constructor() {
    super();
    this.apiUrl = '';
    this.token = '';
    this.theme = 'auto';
  }

  protected readonly i18n = new Localizer(this, (this.constructor as typeof PortalElement).strings);
  #own: PortalSession | undefined;
  #given: string | undefined;

  /** The session in use: the portal's when inside one, else this element's own. */
  get session(): PortalSession {
    if (this.#context.value) return this.#context.value;
    if (this.#own?.client.apiUrl !== this.apiUrl.replace(/\/+$/, '')) this.#own = new PortalSession(this.apiUrl, this.token, this.fetchToken);
    const { client } = this.#own!;
    // A token the host sets replaces the client's; one the client refreshed itself stays
    // (else every request after expiry would first fail with the host's old token).
    if (this.token && this.token !== this.#given) client.token = this.#given = this.token;
    client.fetchToken = this.fetchToken;
    return this.#own!;
  }

  /** Reloads what the element shows, keeping it on screen meanwhile (live updates call this). */
  refresh(): Promise<unknown> {
    return Promise.resolve();
  }

  private watched: PortalSession | undefined;
  private unwatch: (() => void) | undefined;

  // The stream code is loaded only when an element goes live, after its first render:
  // it is not needed to paint, and a page with live="off" never loads it.
  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const session = this.live === 'off' || !(this.constructor as typeof PortalElement).liveKinds.length ? undefined : this.session;
    if (session === this.watched) return;
    this.unwatch?.();
    this.unwatch = undefined;
    this.watched = session;
    if (session)
      void import('./live.ts').then(({ watch }) => {
        if (this.watched === session) this.unwatch = watch(this, session);
      });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.unwatch = this.watched = undefined;
  }

  /** Arguments every data task starts with, so a new session or token reloads it. */
  protected get sessionArgs(): [PortalSession, string] {
    return [this.session, this.token];
  }

  t(key: string, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  money(minor: number, currency: string): string {
    return money(minor, currency, this.i18n.locale);
  }

  date(iso: string, style?: 'medium' | 'long' | 'month'): string {
    return date(iso, this.i18n.locale, style);
  }

  /**
   * Renders a data task: the skeleton while the first load runs (the same size as the
   * result, so the page does not shift), the result (kept on screen while a refresh
   * runs), or an error state with a Retry button.
   */
  protected renderTask<T>(task: Task<readonly unknown[], T>, skeleton: () => TemplateResult, complete: (value: T) => TemplateResult | typeof nothing) {
    return task.render({
      initial: skeleton,
      pending: () => (task.value === undefined ? skeleton() : complete(task.value)),
      complete,
      error: (error) => this.renderError(error, () => void task.run()),
    });
  }

  /**
   * Awaits a request made by a data task; an expired session is announced to the host
   * (`ssp-session-expired`) before the error state shows.
   */
  protected async guard<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof SessionExpiredError) this.dispatchEvent(new SspSessionExpiredEvent());
      throw error;
    }
  }

  protected renderError(error: unknown, retry: () => void) {
    const expired = error instanceof SessionExpiredError;
    return html`<div class="state" role="alert" part="error">
      <p>${this.t(expired ? 'common.expired' : error instanceof NetworkError ? 'common.offline' : 'common.error')}</p>
      <button type="button" part="button retry" @click=${retry}>${this.t(expired ? 'common.signInAgain' : 'common.retry')}</button>
    </div>`;
  }
}
