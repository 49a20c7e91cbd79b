/**
 * ISO 4217 minor-unit exponents.
 *
 * Only the exceptions are listed: every other active code has two decimals. The list
 * follows ISO 4217's "minor unit" column (not CLDR's display digits, which differ for
 * e.g. IDR or HUF), because amounts on the wire are ISO minor units. Each code is
 * followed by its exponent, in one string, because this table ships in every element.
 */
const EXCEPTIONS = 'BIF0CLP0DJF0GNF0ISK0JPY0KMF0KRW0PYG0RWF0UGX0UYI0VND0VUV0XAF0XOF0XPF0BHD3IQD3JOD3KWD3LYD3OMR3TND3CLF4UYW4';

/** Number of decimals of a currency's minor unit (JPY → 0, USD → 2, KWD → 3). */
export function currencyExponent(currency: string): number {
  // Three letters can only match a whole code here, never across a code and a digit.
  const at = /^[A-Z]{3}$/.test(currency) ? EXCEPTIONS.indexOf(currency) : -1;
  return at < 0 ? 2 : +EXCEPTIONS[at + 3]!;
}

let known: Set<string> | undefined;

/** Whether the runtime knows `code` as a currency (Intl's list, which tracks ISO 4217). */
export function isKnownCurrency(code: string): boolean {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known.has(code);
}

/**
 * Converts integer minor units to a decimal string in major units without floating
 * point: `toMajorUnits(-12345, 'KWD')` → `"-12.345"`.
 */
export function toMajorUnits(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
