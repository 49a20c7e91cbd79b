import { useEffect, useState } from 'react';

/** The API's base URL, written into the page by the host's server. */
export const apiUrl = document.querySelector<HTMLMetaElement>('meta[name="ssp-api-url"]')!.content;

/** Asks the host's own backend for a session token for whoever is signed in. */
export async function fetchToken(): Promise<string> {
  const response = await fetch('/session', { method: 'POST' });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** The first token, fetched once; the elements call `fetchToken` themselves when it expires. */
export function useSessionToken(): string | undefined {
  const [token, setToken] = useState<string>();
  useEffect(() => {
    let live = true;
    fetchToken().then((value) => live && setToken(value), console.error);
    return () => {
      live = false;
    };
  }, []);
  return token;
}
