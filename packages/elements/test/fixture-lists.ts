/** Extra fixture data for the lists elements' tests (see fixture-extras.ts for the shared customers). */
type Host = { host(method: string, path: string, body: unknown): Promise<Response> };

export async function seedLists(api: Host): Promise<void> {
  void api;
}
