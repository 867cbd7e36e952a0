import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
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

let instance: DB | undefined;

/** The app's database: `DATABASE_PATH`, or ./data/denkna.db. Opened once per process. */
export function getDb(): DB {
	instance ??= openDatabase(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
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

let committer: GroupCommit | undefined;

/**
 * Runs pupils' writes (answers, moves) in a shared transaction of the app's database and
 * resolves once it has committed: only then may the request be acknowledged.
 */
export function durably<T>(work: (trx: DB) => Promise<T>): Promise<T> {
	committer ??= groupCommit(getDb(), { windowMs: 2, maxBatch: 64, beforeCommit: crashHook() });
	return committer(work);
}
