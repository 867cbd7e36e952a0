// npm run migrate: brings the database to the newest schema: DATABASE_URL (PostgreSQL) if set,
// else DATABASE_PATH (default ./data/denkna.db). The server does the same when it starts.
import { DEFAULT_DATABASE_PATH, openConfigured } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { fileMigrations } from './lib/migrations.ts';

const file = process.env.DATABASE_URL
	? 'de PostgreSQL-database'
	: process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
const db = openConfigured();
try {
	const applied = await migrateToLatest(db, await fileMigrations());
	console.log(
		applied.length ? `Migrated ${file}: ${applied.join(', ')}` : `${file} is up to date.`
	);
} finally {
	await db.destroy();
}
