// What differs between SQLite and PostgreSQL in DenkNa's tables, for the migrations (frozen in
// time: imports nothing from the app). On SQLite each helper gives exactly what the
// migrations said before PostgreSQL was supported, so existing school databases stay as they
// are.
import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function onPostgres(db: AnyDb): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A time as Unix milliseconds: SQLite's integer holds 64 bits, PostgreSQL's only 32 (which
 * ends in 1970 for milliseconds), so there it is bigint.
 */
export function time(db: AnyDb): 'integer' | 'bigint' {
	return onPostgres(db) ? 'bigint' : 'integer';
}

/**
 * A generated primary key: SQLite's autoincrement, PostgreSQL's identity column (Kysely's
 * autoIncrement() does nothing there).
 */
export function generatedId(db: AnyDb) {
	return (c: ColumnDefinitionBuilder) =>
		onPostgres(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
}
