import { currencyExponent, toMajorUnits } from '@ssp/schemas/currency';

// Formatters by locale and currency or date style (the two never collide: a currency is
// three capitals, a style a lower-case word): making one costs far more than a lookup.
const formats: Record<string, Intl.NumberFormat | Intl.DateTimeFormat> = {};

/**
 * Integer minor units in the amount's own currency, with its ISO 4217 decimals:
 * `money(12345, 'KWD', 'en')` → "KWD 12.345". The amount goes to Intl as an exact
 * decimal string: dividing by 10^digits in floating point would round the last digit
 * of large amounts (9007199254740991 fils would show as …740.990).
 */
export function money(minor: number, currency: string, locale: string): string {
  const digits = currencyExponent(currency);
  formats[`${locale} ${currency}`] ??= new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (formats[`${locale} ${currency}`] as Intl.NumberFormat).format(toMajorUnits(minor, currency) as Intl.StringNumericLiteral);
}

/** A `YYYY-MM-DD` calendar date, shown in the locale without any time-zone shift. */
export function date(iso: string, locale: string, style: 'medium' | 'long' | 'month' = 'medium'): string {
  formats[`${locale} ${style}`] ??= new Intl.DateTimeFormat(locale, style === 'month' ? { month: 'short', year: '2-digit', timeZone: 'UTC' } : { dateStyle: style, timeZone: 'UTC' });
  return (formats[`${locale} ${style}`] as Intl.DateTimeFormat).format(new Date(`${iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`));
}
