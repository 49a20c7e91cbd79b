import { type Download, type ExportFormat, NetworkError, type PortalClient, PortalError, SessionExpiredError, isAbort } from '@ssp/client';
import { type ReactiveController, css, html, nothing } from 'lit';
import { SspSessionExpiredEvent } from './events.ts';
import type { PortalElement } from './portal-element.ts';

/**
 * Saves `blob` as `filename` the way a link with `download` would: an object URL, a
 * temporary `<a download>` clicked and removed, the URL revoked once the browser has
 * taken the file. No navigation, no inline script or style (strict CSP).
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What a button does: fetch a file to save, or send something and return the message to show. */
export type Work = (client: PortalClient, signal: AbortSignal) => Promise<Download | string>;

/** API statuses with a message of their own (`documents.status.<n>`). */
const EXPLAINED = [404, 409, 429, 503];

/**
 * The download and export buttons of an element: each shows "Preparing…" with
 * `aria-busy` and `disabled` while its request runs, then saves the file (or shows the
 * message the work returned); a failure is announced (`role="alert"`) with what failed
 * and why. The token travels in a header (`download()` of @ssp/client), never in a URL.
 */
export class Downloads implements ReactiveController {
  private readonly busy = new Set<string>();
  private abort = new AbortController();
  private done = '';
  private failed = '';

  constructor(private readonly host: PortalElement) {
    host.addController(this);
  }

  /** Leaving the page (or the view) cancels what is still running. */
  hostDisconnected(): void {
    this.abort.abort();
    this.abort = new AbortController();
  }

  /** Whether the work under `key` is running. */
  isBusy(key: string): boolean {
    return this.busy.has(key);
  }

  /**
   * A button running `work`; `key` identifies the work (buttons with the same key are
   * busy together); `name`, the accessible name when the visible `label` alone is not
   * enough (one "PDF" button per row), also names what failed.
   */
  button(key: string, label: string, work: Work, name?: string) {
    const busy = this.busy.has(key);
    return html`<button type="button" part="button download" data-action=${key} ?disabled=${busy} aria-busy=${busy}
      aria-label=${busy || !name ? nothing : name} @click=${(event: Event) => this.run(key, name ?? label, work, event.currentTarget as HTMLElement)}>
      ${busy ? this.host.t('documents.preparing') : label}
    </button>`;
  }

  /** "Export CSV" and "Export Excel" (`work` fetches the format asked for), then the messages. */
  exports(work: (format: ExportFormat) => Work) {
    return html`${(['csv', 'xlsx'] as const).map((format) => this.button(format, this.host.t(`documents.${format}`), work(format)))}${this.messages()}`;
  }

  /** The outcome: a status region (empty and hidden until there is one), and an alert when something failed. */
  messages() {
    return html`<p class="message" role="status" part="message">${this.done}</p>
      ${this.failed ? html`<p class="message error" role="alert" part="message error">${this.failed}</p>` : nothing}`;
  }

  private async run(key: string, action: string, work: Work, button: HTMLElement) {
    if (this.busy.has(key)) return;
    this.busy.add(key);
    this.done = this.failed = '';
    this.host.requestUpdate();
    try {
      const result = await work(this.host.session.client, this.abort.signal);
      if (typeof result === 'string') this.done = result;
      else saveBlob(result.blob, result.filename);
    } catch (error) {
      if (isAbort(error)) return;
      if (error instanceof SessionExpiredError) this.host.dispatchEvent(new SspSessionExpiredEvent());
      this.failed = `${this.host.t('documents.failed', { action })} ${this.reason(error)}`;
    } finally {
      this.busy.delete(key);
      this.host.requestUpdate();
    }
    // A disabled button loses focus: give it back unless the customer has moved on.
    await this.host.updateComplete;
    if (!document.activeElement || document.activeElement === document.body) button.focus();
  }

  private reason(error: unknown): string {
    const key =
      error instanceof SessionExpiredError
        ? 'common.expired'
        : error instanceof NetworkError
          ? 'common.offline'
          : error instanceof PortalError && EXPLAINED.includes(error.status)
            ? `documents.status.${error.status}`
            : 'documents.tryAgain';
    return this.host.t(key);
  }
}

/** The outcome messages beside the buttons. */
export const downloadStyles = css`
  .message {
    flex-basis: 100%;
    margin: 0;
    font-size: var(--_size-small);
  }
  .message.error {
    color: var(--_danger);
  }
  .message:empty {
    display: none;
  }
  @media print {
    .message {
      display: none;
    }
  }
`;
