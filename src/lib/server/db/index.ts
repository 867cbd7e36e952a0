import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';

export type { Database } from './schema.ts';
export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_PATH = './data/denkna.db';

/** Opens (and creates) a SQLite database with the settings DenkNa relies on. */
export function openDatabase(file: string): DB {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

let instance: DB | undefined;

/** The app's database: `DATABASE_PATH`, or ./data/denkna.db. Opened once per process. */
export function getDb(): DB {
	instance ??= openDatabase(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
	return instance;
}
