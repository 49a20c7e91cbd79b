import type { Profile } from '@ssp/schemas';

/** Fired when the customer's profile edits were saved; `profile` is the profile as the API now holds it. */
export class SspProfileSaveEvent extends Event {
  static readonly type = 'ssp-profile-save';
  constructor(readonly profile: Profile) {
    super(SspProfileSaveEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'ssp-profile-save': SspProfileSaveEvent;
  }
}
