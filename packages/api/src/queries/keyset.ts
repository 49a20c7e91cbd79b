import { type Expression, type SqlBool, sql } from 'kysely';
import { type CursorKey, decodeCursor, encodeCursor } from '../cursor.ts';
import { badRequest } from '../errors.ts';

/** A list's sort order: `-issueDate` → column issue_date, descending. */
export interface SortSpec {
  /** The wire name including the sign, kept in cursors. */
  name: string;
  column: string;
  descending: boolean;
}

export function sortSpec(name: string, columns: Record<string, string>): SortSpec {
  const descending = name.startsWith('-');
  const key = descending ? name.slice(1) : name;
  const column = columns[key];
  if (!column) throw new Error(`unknown sort ${name}`);
  return { name, column, descending };
}

/**
 * The keyset condition "after the cursor's row" for ORDER BY (column, id), both in the
 * sort's direction: a row comparison that the (…, column, id) indexes serve directly,
 * so that every page costs the same however deep it is.
 */
export function afterCursor(table: string, sort: SortSpec, cursor: string): Expression<SqlBool> {
  const { key, id } = decodeCursor(cursor, sort.name);
  if (!keyFits(sort.column, key)) throw badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor for this list and sort order' }]);
  const left = sql`(${sql.ref(`${table}.${sort.column}`)}, ${sql.ref(`${table}.id`)})`;
  return sort.descending ? sql<SqlBool>`${left} < (${key}, ${id})` : sql<SqlBool>`${left} > (${key}, ${id})`;
}

/** Money columns: integer keys. */
const INTEGER_COLUMNS = new Set(['total', 'balance', 'amount']);

/**
 * Whether a cursor's key is of the kind its column holds (what `page` put there), so that
 * a forged cursor is a 400 and not a type error in the database.
 */
function keyFits(column: string, key: CursorKey): boolean {
  if (/(?:^|_)date$/.test(column)) return typeof key === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(key);
  if (INTEGER_COLUMNS.has(column)) return Number.isSafeInteger(key);
  return typeof key === 'string';
}

/** Splits a page fetched with limit + 1 rows into the rows to return and the next cursor. */
export function page<Row extends { id: string }>(rows: Row[], limit: number, sort: SortSpec, keyOf: (row: Row) => CursorKey) {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data.at(-1);
  return { rows: data, nextCursor: hasMore && last ? encodeCursor(sort.name, keyOf(last), last.id) : null };
}

/** `%term%` for ILIKE with the user's own % and _ taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
