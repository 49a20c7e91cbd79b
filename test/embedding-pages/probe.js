// Records what the host's own elements look like before and after the portal's bundle
// loads (the bundle comes in by import(), so "before" is really before), and the
// portal's inner layout, for the test to compare across host stylesheets.
const hostProbes = ['h2.heading', 'button.button', 'div.state', 'p', 'table', 'td.amount', 'body'];
const props = ['font-family', 'font-size', 'line-height', 'color', 'box-sizing', 'display', 'margin-top', 'padding-top', 'border-top-width', 'text-transform', 'background-color'];
const snapshot = () =>
  Object.fromEntries(hostProbes.map((selector) => {
    const style = getComputedStyle(document.querySelector(selector));
    return [selector, Object.fromEntries(props.map((name) => [name, style.getPropertyValue(name)]))];
  }));
window.__hostBefore = snapshot();
window.__hostBeforeRules = document.styleSheets.length;
const release = await (await fetch('/release.json')).json();
await import(`/assets/${release.file}`);
window.__hostAfter = () => snapshot();
window.__hostAfterRules = () => document.styleSheets.length;
document.querySelector('ssp-session').fetchToken = async () => (await (await fetch('/session', { method: 'POST' })).json()).token;
