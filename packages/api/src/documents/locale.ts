import { z } from '@hono/zod-openapi';
import { currencyExponent, toMajorUnits } from '@ssp/schemas';
import type { Context } from 'hono';
import { badRequest } from '../errors.ts';

/**
 * The locale of a document request: the `locale` query parameter (BCP 47), else the
 * first language of `Accept-Language`, else English. Money and dates in every document
 * (PDF, CSV, XLSX) are formatted with it; the figures themselves never change.
 */
export const DEFAULT_LOCALE = 'en';

/**
 * A well-formed BCP 47 tag, canonicalised (`fr-fr` → `fr-FR`), or undefined. A tag the
 * runtime has no data for becomes English rather than the machine's own default
 * locale, so that a document reads the same on every server.
 */
export function resolveLocale(tag: string | undefined): string | undefined {
  if (!tag || tag.length > 64) return undefined;
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
  if (!canonical) return undefined;
  return Intl.NumberFormat.supportedLocalesOf([canonical]).length ? canonical : DEFAULT_LOCALE;
}

/** The `locale` query parameter or body field of document routes. */
export const LocaleParam = z
  .string()
  .max(64)
  .refine((tag) => resolveLocale(tag) !== undefined, 'not a BCP 47 language tag')
  .meta({ description: 'BCP 47 language tag for money and dates (default: the Accept-Language header, else `en`).', example: 'fr-FR' });

/** `locale` query parameter, else Accept-Language's preferred tag, else `en`. */
export function requestLocale(c: Context): string {
  const param = c.req.query('locale');
  if (param !== undefined) {
    const locale = resolveLocale(param);
    if (!locale) throw badRequest('invalid query', [{ path: 'locale', message: 'not a BCP 47 language tag' }]);
    return locale;
  }
  return acceptLanguage(c.req.header('accept-language')) ?? DEFAULT_LOCALE;
}

/** The preferred well-formed tag of an Accept-Language header (highest q, first among equals). */
export function acceptLanguage(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => param.trim().match(/^q=([0-9.]+)$/i)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const locale = resolveLocale(entry.tag);
    if (locale) return locale;
  }
  return undefined;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Integer minor units as money in `locale`, with the currency's ISO 4217 decimals:
 * `formatMoney(123456, 'EUR', 'fr')` → `1 234,56 €`. The amount goes to Intl as a
 * decimal string, so no float rounding ever touches it.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const digits = currencyExponent(currency);
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    moneyFormats.set(key, format);
  }
  return format.format(toMajorUnits(minor, currency) as Intl.StringNumericLiteral);
}

/** A `YYYY-MM-DD` calendar date in `locale` (medium style), in UTC so that it never shifts a day. */
export function formatDate(iso: string, locale: string): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}
