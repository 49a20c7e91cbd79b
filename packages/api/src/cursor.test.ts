import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('keyset cursors', () => {
  it('round-trip the sort key and id', () => {
    expect(decodeCursor(encodeCursor('-issueDate', '2026-01-01', 'inv_1'), '-issueDate')).toEqual({ key: '2026-01-01', id: 'inv_1' });
    expect(decodeCursor(encodeCursor('total', 500, 'inv_2'), 'total')).toEqual({ key: 500, id: 'inv_2' });
  });

  it('refuse garbage and cursors of another sort with a 400', () => {
    for (const [cursor, sort] of [['%%%', 'total'], [encodeCursor('total', 1, 'a'), '-total'], [Buffer.from('{"a":1}').toString('base64url'), 'total']] as const) {
      const error = (() => {
        try {
          decodeCursor(cursor, sort);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(400);
    }
  });
});
