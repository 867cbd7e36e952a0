import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db/index.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrate.ts';
import { fileMigrations } from '../../scripts/lib/migrations.ts';
import { loadLessonLibrary, type LessonLibrary } from '../../src/lib/server/lessons.ts';

/** A freshly migrated SQLite database in its own temporary file. */
export async function freshDatabase(): Promise<{ db: DB; file: string; dir: string }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-test-'));
	const file = path.join(dir, 'test.db');
	const db = openDatabase(file);
	await migrateToLatest(db, await fileMigrations());
	return { db, file, dir };
}

let library: LessonLibrary | undefined;
export function realLibrary(): LessonLibrary {
	library ??= loadLessonLibrary(path.resolve('lessons'));
	return library;
}
