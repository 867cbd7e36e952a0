// Kysely's SQLite driver calls `prepare` for every query it runs; preparing is a parse and plan
// in SQLite, often dearer than running the statement. Kysely always sends the same SQL text for
// the same query shape (values travel as parameters), so statements are kept by their text.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept; `in (?, ?, ...)` lists of every length would otherwise grow it. */
export const STATEMENT_CACHE_SIZE = 500;

/** The database, with `prepare` memoised by SQL text, least recently used first out. */
export function withStatementCache(
	database: SQLite.Database,
	size = STATEMENT_CACHE_SIZE
): SqliteDatabase & { readonly cached: number } {
	const statements = new Map<string, SqliteStatement>();
	return {
		close: () => database.close(),
		prepare(sql: string) {
			let statement = statements.get(sql);
			if (statement) {
				// Map keeps insertion order: re-inserting marks it most recently used.
				statements.delete(sql);
			} else {
				statement = database.prepare(sql);
				if (statements.size >= size) statements.delete(statements.keys().next().value!);
			}
			statements.set(sql, statement);
			return statement;
		},
		get cached() {
			return statements.size;
		}
	};
}
