/**
 * The one call a host's backend makes to the Portal's Host API: a short-lived session
 * token for the customer who is signed in to the host's site. The secret key is only
 * ever in this request's header; the page receives the token and its expiry, nothing else.
 */
export interface SessionToken {
  token: string;
  expiresAt: string;
}

export async function mintSessionToken(api: { apiUrl: string; secretKey: string }, customerId: string): Promise<SessionToken> {
  const response = await fetch(`${api.apiUrl}/v1/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${api.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerId }),
  });
  if (!response.ok) throw new Error(`POST /v1/sessions answered ${response.status}: ${await response.text()}`);
  const { token, expiresAt } = (await response.json()) as SessionToken;
  return { token, expiresAt };
}
