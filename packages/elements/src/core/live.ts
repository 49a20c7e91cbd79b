import { type LiveChange, LiveUpdates } from '@ssp/client';
import type { PortalElement } from './portal-element.ts';
import type { PortalSession } from './session.ts';

// Loaded on demand by PortalElement once an element is on screen with live updates on.

const streams = new WeakMap<PortalSession, LiveUpdates>();

/**
 * Subscribes `element` to its session's one event stream (opened by the first element of
 * the session, closed with the last): an event of a kind the element shows reloads it,
 * with its data kept on screen meanwhile, and a polite live region says so.
 */
export function watch(element: PortalElement, session: PortalSession): () => void {
  let live = streams.get(session);
  if (!live) streams.set(session, (live = new LiveUpdates(session.client)));
  const { liveKinds, liveMessage } = element.constructor as typeof PortalElement;
  return live.subscribe((change: LiveChange) => {
    if (change.type === 'change' && !liveKinds.includes(change.kind)) return;
    void element.refresh().then(() => announce(element, element.t(liveMessage)));
  });
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
