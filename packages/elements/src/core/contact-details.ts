import type { Address, Contact } from '@ssp/schemas';
import { css, html, nothing } from 'lit';
import type { PortalElement } from './portal-element.ts';

/**
 * How `account-info` and `customer-profile` show a company's contact details: email and
 * phone as links, a postal address as lines, contacts as cards. Shared so that the two
 * views of one customer look the same.
 */

const countryNames = new Map<string, Intl.DisplayNames>();

/** Where the city comes before the postal code ("Springfield, IL 62701"); elsewhere "75001 Paris". */
const CITY_FIRST = new Set(['US', 'CA', 'AU']);

/** The address as the lines of an envelope, the country named in the element's locale. */
export function addressLines(address: Address, locale: string): string[] {
  let names = countryNames.get(locale);
  if (!names) countryNames.set(locale, (names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' })));
  const { city, region, postalCode } = address;
  const place = CITY_FIRST.has(address.country)
    ? [city, [region, postalCode].filter(Boolean).join(' ')]
    : [[postalCode, city].filter(Boolean).join(' '), region];
  let country = address.country;
  try {
    country = names.of(country) ?? country;
  } catch {
    // Not a region code Intl knows: show it as stored.
  }
  return [address.line1, address.line2, place.filter(Boolean).join(', '), country].filter((line): line is string => !!line);
}

export function email(element: PortalElement, value: string | null | undefined) {
  return value ? html`<a href="mailto:${value}" dir="ltr">${value}</a>` : element.t('common.none');
}

export function phone(element: PortalElement, value: string | null | undefined) {
  return value ? html`<a href="tel:${value.replace(/[^+\d]/g, '')}" dir="ltr">${value}</a>` : element.t('common.none');
}

export function address(element: PortalElement, value: Address | null, locale: string) {
  // Each line isolated (<bdi>), so "1 Main St" keeps its order on a right-to-left page.
  return value ? html`<address>${addressLines(value, locale).map((line) => html`<bdi>${line}</bdi><br />`)}</address>` : element.t('common.none');
}

/** Contacts as a list of cards, the primary one marked in words. */
export function contactCards(element: PortalElement, contacts: Contact[]) {
  if (!contacts.length) return html`<p class="state">${element.t('info.noContacts')}</p>`;
  return html`<ul class="contacts">
    ${contacts.map(
      (contact) => html`<li class="card" part="contact">
        <strong>${contact.name}</strong>
        ${contact.isPrimary ? html`<span class="status quiet" part="status">${element.t('info.primary')}</span>` : nothing}
        ${contact.role ? html`<span class="muted">${contact.role}</span>` : nothing}
        ${contact.email ? email(element, contact.email) : nothing} ${contact.phone ? phone(element, contact.phone) : nothing}
      </li>`,
    )}
  </ul>`;
}

export const detailStyles = css`
  .company {
    font-size: 1.0625rem;
    font-weight: 600;
    margin: 0 0 var(--_space);
  }
  dl,
  .grid {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: var(--_space) calc(var(--_space) * 2);
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  dt {
    font-size: var(--_size-small);
    color: var(--_muted);
  }
  dd {
    margin: 0.125rem 0 0;
    overflow-wrap: anywhere;
  }
  address {
    font-style: normal;
  }
  dd > span {
    display: block;
  }
  a {
    color: var(--_accent);
    display: inline-block;
    min-block-size: 1.5rem;
  }
  h3 {
    font-size: var(--_size-small);
    color: var(--_muted);
    font-weight: 600;
    margin: 0 0 0.5rem;
  }
  .contacts {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: var(--_space);
  }
  .contacts li {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.125rem;
    overflow-wrap: anywhere;
  }
  @container (max-width: 560px) {
    dl,
    .grid {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
