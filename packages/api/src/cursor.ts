import { Id } from '@ssp/schemas';
import { badRequest } from './errors.ts';

/**
 * Keyset cursors: the sort they belong to and the last row's sort key and id, as
 * base64url JSON. Opaque to clients; checked on the way back in, so a cursor from one
 * sort used with another is a 400, not a wrong page.
 */
export type CursorKey = string | number;

export function encodeCursor(sort: string, key: CursorKey, id: string): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): { key: CursorKey; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  }
  if (
    !Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort ||
    !isKey(parsed[1]) || !Id.safeParse(parsed[2]).success
  ) {
    throw badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor for this list and sort order' }]);
  }
  return { key: parsed[1], id: parsed[2] };
}

/**
 * What `encodeCursor` can have written: a row's sort value (a short string, or an integer)
 * and its id. A forged cursor fails here rather than in the database.
 */
function isKey(value: unknown): value is CursorKey {
  return Number.isSafeInteger(value) || (typeof value === 'string' && value.length <= 200 && !value.includes('\u0000'));
}
