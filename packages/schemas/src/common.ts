import { z } from 'zod';
import { isKnownCurrency } from './currency.ts';

/** A record id chosen by the host (its own billing system's id). */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'ids are 1–64 characters: letters, digits, _ . : -')
  .meta({ description: "The host's own id for the record.", example: 'inv_1042' });

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code in capitals')
  .refine(isKnownCurrency, 'not an ISO 4217 currency')
  .meta({ description: 'ISO 4217 currency code.', example: 'USD' });

/** A calendar date, `YYYY-MM-DD`, checked to exist (no 2026-02-30). */
export const IsoDate = z.iso.date().meta({ example: '2026-01-31' });

/** An amount in integer minor units of the record's currency (cents, yen, fils). */
export const MinorUnits = z
  .number()
  .int('amounts are integer minor units')
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER)
  .meta({ description: 'Integer minor units of the currency (e.g. cents).', example: 12500 });

export const NonNegativeMinorUnits = MinorUnits.min(0, 'must not be negative');
export const PositiveMinorUnits = MinorUnits.min(1, 'must be greater than zero');

/**
 * Free text shown to customers; rendered as text only, never as HTML. No NUL characters:
 * PostgreSQL text cannot hold them.
 */
export const Text = (max: number) => z.string().trim().max(max).regex(/^[^\u0000]*$/, 'must not contain NUL characters');

export const Cursor = z.string().max(512).meta({ description: 'Opaque cursor from `nextCursor`.' });

export const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(25)
  .meta({ description: 'Page size (1–100).' });

/** `{ data, nextCursor }`: the envelope of every list. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  });
}

export const ErrorCode = z.enum([
  'bad_request',
  'unauthorized',
  'token_expired',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'idempotency_key_reused',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'rate_limited',
  'database_unavailable',
  'service_unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorDetail = z.object({
  path: z.string().meta({ description: 'Where the problem is, e.g. `data.3.lines.0.amount`.' }),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      details: z.array(ErrorDetail).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Comma-separated list in a query string: `status=open,overdue`. */
export function csvOf<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(item).max(10));
}
