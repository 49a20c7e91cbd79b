// The test host's script: token refresh for every portal element on the page.
for (const element of document.querySelectorAll('self-service-portal, ssp-session')) {
  element.fetchToken = async () => {
    const response = await fetch(`/session?customer=${encodeURIComponent(element.dataset.customer ?? '')}`, { method: 'POST' });
    return (await response.json()).token;
  };
}
