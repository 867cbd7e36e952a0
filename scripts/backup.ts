// npm run backup -- <file>: a consistent copy of DATABASE_PATH while the server runs.
import { DEFAULT_DATABASE_PATH } from '../src/lib/server/db/index.ts';
import { backupDatabase } from './lib/backup.ts';

if (process.env.DATABASE_URL) {
	console.error(
		'DATABASE_URL is gezet: dit is een PostgreSQL-database. Maak de back-up met pg_dump (zie README, "Meerdere servers").'
	);
	process.exit(1);
}
const target = process.argv[2];
if (!target) {
	console.error('Gebruik: npm run backup -- /backup/denkna-$(date +%F).db');
	process.exit(1);
}
const source = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
try {
	const { bytes, ms } = backupDatabase(source, target);
	console.log(`Kopie van ${source} gemaakt: ${target} (${(bytes / 1e6).toFixed(1)} MB, ${ms} ms).`);
} catch (error) {
	console.error(`Back-up mislukt: ${(error as Error).message}`);
	process.exit(1);
}
