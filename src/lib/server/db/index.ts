import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';
import { groupCommit, type GroupCommit } from './group-commit.ts';

export type { Database } from './schema.ts';
export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_PATH = './data/denkna.db';

/**
 * The settings DenkNa relies on (the answer bench gives its bare endpoint the same).
 * `synchronous = FULL`: a commit has reached the disk when it returns, so an acknowledged
 * answer survives a power cut, not only a crash; group commit pays for the fsync.
 */
export const SQLITE_PRAGMAS = [
	'journal_mode = WAL',
	'foreign_keys = ON',
	'busy_timeout = 5000',
	'synchronous = FULL'
];

/** Opens (and creates) a SQLite database with the settings DenkNa relies on. */
export function openDatabase(file: string): DB {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new SQLite(file);
	for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
	return new Kysely<Database>({
		dialect: new SqliteDialect({ database: withStatementCache(sqlite) })
	});
}

// PostgreSQL sends bigint (times in ms, count(*)) and numeric (sum) as strings; DenkNa's
// values stay far below 2^53, so they are read as numbers, as SQLite gives them.
const NUMERIC_OIDS = new Set([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const types = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		NUMERIC_OIDS.has(oid)
			? Number
			: pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};

/**
 * Opens a PostgreSQL database by URL (`postgres://user:pass@host/db`). `DATABASE_POOL` sets
 * the connections per app node (default 10): several nodes share the server's
 * max_connections.
 */
export function openPostgres(url: string, poolSize = Number(process.env.DATABASE_POOL) || 10): DB {
	const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
	// An idle connection that the server drops must not take the app down.
	pool.on('error', (error) => console.error(`DenkNa: PostgreSQL-verbinding: ${error.message}`));
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** `DATABASE_URL` (postgres://…) selects PostgreSQL; otherwise SQLite at `DATABASE_PATH`. */
export function openConfigured(env: NodeJS.ProcessEnv = process.env): DB {
	if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
	return openDatabase(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

/** Whether `db` talks to PostgreSQL: the few places where the two differ ask this. */
export function isPostgres(db: DB): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Locks one row until the transaction ends, so a read-then-write on it can't interleave with
 * another app node's. SQLite needs none: it has one writer, and Kysely runs one transaction
 * at a time on its single connection.
 */
export async function lockRow(
	trx: DB,
	table: 'class' | 'lesson_progress' | 'quiz_attempt',
	where: Record<string, number | string>
): Promise<void> {
	if (!isPostgres(trx)) return;
	const conditions = Object.entries(where).map(
		([column, value]) => sql`${sql.ref(column)} = ${value}`
	);
	await sql`select 1 from ${sql.table(table)} where ${sql.join(conditions, sql` and `)} for update`.execute(
		trx
	);
}

/** Serializes transactions on a name (PostgreSQL advisory lock); a no-op on SQLite. */
export async function lockName(trx: DB, name: string): Promise<void> {
	if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}

let instance: DB | undefined;

/** The app's database (see `openConfigured`). Opened once per process. */
export function getDb(): DB {
	instance ??= openConfigured();
	return instance;
}

/** A test hook: the server dies between running a batch and committing it (batch number N). */
function crashHook(): ((batch: number) => void) | undefined {
	const at = Number(process.env.DENKNA_TEST_KILL_BEFORE_COMMIT);
	if (!at) return undefined;
	return (batch) => {
		if (batch >= at) process.kill(process.pid, 'SIGKILL');
	};
}

/**
 * On PostgreSQL every unit of work has its own transaction from the pool: the server itself
 * flushes concurrent commits together, and one node's batch would only hold row locks that
 * another node's requests wait for.
 */
function ownTransactions(db: DB, beforeCommit?: (batch: number) => void): GroupCommit {
	let batches = 0;
	return (work) =>
		db.transaction().execute(async (trx) => {
			const value = await work(trx);
			beforeCommit?.(++batches);
			return value;
		});
}

let committer: GroupCommit | undefined;

/**
 * Runs pupils' writes (answers, moves) in a transaction of the app's database and resolves
 * once it has committed: only then may the request be acknowledged. On SQLite concurrent work
 * shares one transaction and its fsync (group commit, group-commit.ts).
 */
export function durably<T>(work: (trx: DB) => Promise<T>): Promise<T> {
	const db = getDb();
	committer ??= isPostgres(db)
		? ownTransactions(db, crashHook())
		: groupCommit(db, { maxBatch: 64, beforeCommit: crashHook() });
	return committer(work);
}
