/**
 * ISO 4217 minor-unit exponents.
 *
 * Only the exceptions are listed: every other active code has two decimals. The lists
 * follow ISO 4217's "minor unit" column (not CLDR's display digits, which differ for
 * e.g. IDR or HUF), because amounts on the wire are ISO minor units.
 */
const ZERO_DECIMALS = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI',
  'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const FOUR_DECIMALS = new Set(['CLF', 'UYW']);

/** Number of decimals of a currency's minor unit (JPY → 0, USD → 2, KWD → 3). */
export function currencyExponent(currency: string): number {
  if (ZERO_DECIMALS.has(currency)) return 0;
  if (THREE_DECIMALS.has(currency)) return 3;
  if (FOUR_DECIMALS.has(currency)) return 4;
  return 2;
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
