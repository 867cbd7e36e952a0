// npm run migrate: brings DATABASE_PATH (default ./data/denkna.db) to the newest schema.
import { DEFAULT_DATABASE_PATH, openDatabase } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { fileMigrations } from './lib/migrations.ts';

const file = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
const db = openDatabase(file);
try {
	const applied = await migrateToLatest(db, await fileMigrations());
	console.log(
		applied.length ? `Migrated ${file}: ${applied.join(', ')}` : `${file} is up to date.`
	);
} finally {
	await db.destroy();
}
