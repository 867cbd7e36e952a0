import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, openPostgres, type DB } from '../../src/lib/server/db/index.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrate.ts';
import { fileMigrations } from '../../scripts/lib/migrations.ts';
import { loadLessonLibrary, type LessonLibrary } from '../../src/lib/server/lessons.ts';

/**
 * The suite runs on SQLite, and once more on PostgreSQL when `DENKNA_TEST_POSTGRES` names a
 * scratch database (scripts/test.ts sets it). Tests of what only SQLite has (its file, its
 * backup, its pragmas) skip themselves on the PostgreSQL run with `describe.skipIf(onPostgres)`.
 */
export const TEST_POSTGRES = process.env.DENKNA_TEST_POSTGRES || '';
export const onPostgres = TEST_POSTGRES !== '';

export interface FreshDatabase {
	db: DB;
	/** SQLite: the database file; PostgreSQL: empty. */
	file: string;
	/** A temporary folder the test may use; removed with the database by `drop`. */
	dir: string;
	/** What a server process needs to open this database (DATABASE_PATH or DATABASE_URL). */
	env: Record<string, string | undefined>;
	/** Closes the connection and removes the database. */
	drop: () => Promise<void>;
}

/** A URL for the scratch database whose connections use only `schema`. */
export function schemaUrl(base: string, schema: string): string {
	const url = new URL(base);
	url.searchParams.set('options', `-c search_path=${schema}`);
	return url.toString();
}

let schemas = 0;

/** A freshly migrated database: a SQLite file of its own, or a PostgreSQL schema of its own. */
export async function freshDatabase(): Promise<FreshDatabase> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-test-'));
	if (!onPostgres) {
		const file = path.join(dir, 'test.db');
		const db = openDatabase(file);
		await migrateToLatest(db, await fileMigrations());
		return {
			db,
			file,
			dir,
			env: { DATABASE_PATH: file, DATABASE_URL: undefined },
			drop: async () => {
				await db.destroy();
				fs.rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	const schema = `t${process.pid}_${++schemas}`;
	await admin(`drop schema if exists ${schema} cascade; create schema ${schema}`);
	const url = schemaUrl(TEST_POSTGRES, schema);
	const db = openPostgres(url, 4);
	await migrateToLatest(db, await fileMigrations());
	return {
		db,
		file: '',
		dir,
		env: { DATABASE_URL: url, DATABASE_PATH: undefined },
		drop: async () => {
			await db.destroy();
			await admin(`drop schema if exists ${schema} cascade`);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Runs a statement on the scratch database (schemas are made and dropped with it). */
export async function admin(statement: string) {
	const client = new pg.Client({ connectionString: TEST_POSTGRES });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

let library: LessonLibrary | undefined;
export function realLibrary(): LessonLibrary {
	library ??= loadLessonLibrary(path.resolve('lessons'));
	return library;
}
