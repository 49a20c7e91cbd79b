import { type LiveChange, LiveUpdates } from '@ssp/client';
import type { PortalElement } from './portal-element.ts';
import type { PortalSession } from './session.ts';

// Loaded on demand by PortalElement once an element is on screen with live updates on.

const bySession = new WeakMap<PortalSession, LiveUpdates>();
// Lone elements each have a session of their own; those given the same token share one
// stream, so that a page of separate widgets does not hit the per-customer stream cap.
const byToken = new Map<string, { live: LiveUpdates; users: number }>();

/**
 * Subscribes `element` to its session's one event stream (opened by the first element of
 * the session, closed with the last): an event of a kind the element shows reloads it,
 * with its data kept on screen meanwhile, and a polite live region says so.
 */
export function watch(element: PortalElement, session: PortalSession): () => void {
  const key = element.token ? `${session.client.apiUrl}\n${element.token}` : '';
  let live: LiveUpdates;
  if (key) {
    const entry = byToken.get(key) ?? { live: new LiveUpdates(session.client), users: 0 };
    entry.users += 1;
    byToken.set(key, entry);
    live = entry.live;
  } else {
    live = bySession.get(session) ?? new LiveUpdates(session.client);
    bySession.set(session, live);
  }
  // The stream replays what committed after this element's reads (lone elements sharing a
  // stream each have a client of their own).
  live.follow(session.client);
  const { liveKinds, liveMessage } = element.constructor as typeof PortalElement;
  const stop = live.subscribe((change: LiveChange) => {
    if (change.type === 'change' && !liveKinds.includes(change.kind)) return;
    void element.refresh().then(() => announce(element, element.t(liveMessage)));
  });
  return () => {
    stop();
    const entry = key ? byToken.get(key) : undefined;
    if (entry && --entry.users === 0) byToken.delete(key);
  };
}

/** Says `text` through a polite status region of the element's own, outside its template. */
function announce(element: PortalElement, text: string) {
  const root = element.renderRoot;
  let region = root.querySelector<HTMLElement>(':scope > [data-live]');
  if (!region) {
    region = document.createElement('span');
    region.setAttribute('role', 'status');
    region.className = 'visually-hidden';
    region.dataset['live'] = '';
    root.appendChild(region);
  }
  // Emptied first, so that the same words twice in a row are announced twice.
  region.textContent = '';
  setTimeout(() => (region.textContent = text), 100);
}
