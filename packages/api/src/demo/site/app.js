// The host page's own script: give the portal a way to renew its session through our
// backend, and wire the demo's pickers. (A file, not inline: the page runs under a strict CSP.)
const portal = document.querySelector('self-service-portal');
portal.fetchToken = async () => {
  const response = await fetch('/demo/session', { method: 'POST' });
  if (!response.ok) throw new Error('could not renew the session');
  return (await response.json()).token;
};
document.getElementById('customer').addEventListener('change', (event) => {
  location.href = `/?customer=${encodeURIComponent(event.target.value)}${location.hash}`;
});
const theme = document.getElementById('theme');
theme.addEventListener('change', () => {
  portal.theme = theme.value;
  document.documentElement.dataset.theme = theme.value;
});
const locale = document.getElementById('locale');
locale.addEventListener('change', () => {
  portal.locale = locale.value || undefined;
});
