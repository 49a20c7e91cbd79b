import { currencyExponent, toMajorUnits } from '@ssp/schemas/currency';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Integer minor units in the amount's own currency, with its ISO 4217 decimals:
 * `money(12345, 'KWD', 'en')` → "KWD 12.345". The amount goes to Intl as an exact
 * decimal string: dividing by 10^digits in floating point would round the last digit
 * of large amounts (9007199254740991 fils would show as …740.990).
 */
export function money(minor: number, currency: string, locale: string): string {
  const digits = currencyExponent(currency);
  const key = `${locale}|${currency}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format.format(toMajorUnits(minor, currency) as Intl.StringNumericLiteral);
}

/** A `YYYY-MM-DD` calendar date, shown in the locale without any time-zone shift. */
export function date(iso: string, locale: string, style: 'medium' | 'long' | 'month' = 'medium'): string {
  const key = `${locale}|${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, style === 'month' ? { month: 'short', year: '2-digit', timeZone: 'UTC' } : { dateStyle: style, timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  return format.format(new Date(`${iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`));
}
