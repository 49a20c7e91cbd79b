// The host page's only script (a file: the page's CSP allows no inline script).
// When the session token expires, the portal calls this once and retries with the new one.
const portal = document.querySelector('self-service-portal');
portal.fetchToken = async () => {
  const response = await fetch('/session', { method: 'POST' });
  if (!response.ok) throw new Error(`token refresh failed: ${response.status}`);
  return (await response.json()).token;
};
// No fresh token could be had (e.g. the host's own sign-in ended): send the customer to sign in.
portal.addEventListener('ssp-session-expired', () => {
  document.querySelector('main h1').textContent = 'Please sign in again';
});
