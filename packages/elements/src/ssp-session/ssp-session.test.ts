import { expect, fixture, html } from '@open-wc/testing';
import { sessionToken, settled } from '../../test/helpers.ts';
import '../account-summary/define.ts';
import '../account-info/define.ts';
import './define.ts';
import type { SspSession } from './ssp-session.ts';

describe('ssp-session', () => {
  it('shares one session with elements placed anywhere inside the host layout', async () => {
    const token = await sessionToken('fixture');
    const element = await fixture<SspSession>(html`<ssp-session token=${token}>
      <aside><account-summary locale="en-US"></account-summary></aside>
      <main><div><account-info locale="en-US"></account-info></div></main>
    </ssp-session>`);
    const summary = element.querySelector('account-summary')!;
    const info = element.querySelector('account-info')!;
    await settled(summary);
    await settled(info);
    expect(summary.shadowRoot!.querySelector('[data-currency="USD"] [part~="outstanding"]')!.textContent).to.equal('$620.00');
    expect(info.shadowRoot!.textContent).to.contain('Fixture Co');
  });

  it('reloads the elements inside when the host sets a fresh token after the session expired', async () => {
    const expired = await sessionToken('fixture', { expired: true });
    const element = await fixture<SspSession>(html`<ssp-session token=${expired}><account-summary locale="en-US"></account-summary></ssp-session>`);
    const summary = element.querySelector('account-summary')!;
    await settled(summary);
    expect(summary.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('session has expired');
    element.token = await sessionToken('fixture');
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settled(summary);
    expect(summary.shadowRoot!.querySelector('[data-currency="USD"] [part~="outstanding"]')!.textContent).to.equal('$620.00');
  });
});
