/**
 * Customers for the profile elements' tests (see fixture-extras.ts for the shared ones),
 * each edited by one test only so that the others' data stays put:
 * - `profile-edit`: the save round-trip (email and city change);
 * - `profile-form`: validation errors and Cancel (never saved);
 * - `profile-contacts`: adding and removing contacts;
 * - `info-many`: six contacts, of which account-info shows the primary and three more.
 */
type Host = { host(method: string, path: string, body: unknown): Promise<Response> };

const address = { line1: '5 Harbour Road', city: 'Portsmouth', postalCode: 'PO1 2AB', country: 'GB' };

export async function seedProfile(api: Host): Promise<void> {
  const response = await api.host('POST', '/v1/customers', { data: [
    { id: 'profile-edit', name: 'Editable Ltd', email: 'office@editable.example', phone: '+44 20 7946 0000', address, currency: 'GBP',
      contacts: [{ id: 'pe1', name: 'Erin Editor', email: 'erin@editable.example', role: 'Director', isPrimary: true }] },
    { id: 'profile-form', name: 'Formal GmbH', email: 'info@formal.example', address: { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' }, currency: 'EUR',
      contacts: [{ id: 'pf1', name: 'Frank Form', email: 'frank@formal.example', isPrimary: true }, { id: 'pf2', name: 'Greta Form', phone: '+49 30 123456' }] },
    { id: 'profile-contacts', name: 'Contactful Inc.', email: 'hello@contactful.example', currency: 'USD',
      contacts: [{ id: 'pc1', name: 'Paula Primary', isPrimary: true }, { id: 'pc2', name: 'Sam Second' }] },
    { id: 'info-many', name: 'Many Hands LLC', currency: 'USD', contacts: ['One', 'Two', 'Three', 'Four', 'Five', 'Six'].map((name, index) => (
      { id: `im${index + 1}`, name: `${name} Person`, isPrimary: index === 2 })) },
  ] });
  if (!response.ok) throw new Error(`profile fixture failed: ${response.status} ${await response.text()}`);
}
