// npm run restore -- <file>: puts a backup in place of DATABASE_PATH. Stop the server first.
import fs from 'node:fs';
import { DEFAULT_DATABASE_PATH } from '../src/lib/server/db/index.ts';
import { restoreDatabase } from './lib/backup.ts';

if (process.env.DATABASE_URL) {
	console.error(
		'DATABASE_URL is gezet: dit is een PostgreSQL-database. Zet een back-up terug met pg_restore (zie README, "Meerdere servers").'
	);
	process.exit(1);
}
const args = process.argv.slice(2);
const backup = args.find((a) => !a.startsWith('--'));
if (!backup) {
	console.error('Gebruik: npm run restore -- /backup/denkna-2026-12-01.db (met de server gestopt)');
	process.exit(1);
}
const target = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
if (args.includes('--force')) fs.rmSync(`${target}-wal`, { force: true });
const known = fs
	.readdirSync('migrations')
	.filter((f) => f.endsWith('.ts'))
	.map((f) => f.replace(/\.ts$/, ''));
try {
	const { kept } = restoreDatabase(backup, target, known);
	console.log(`${backup} is teruggezet als ${target}.`);
	if (kept) console.log(`De vorige database staat nog in ${kept}.`);
	console.log('Start DenkNa weer (npm start); nieuwere migraties worden dan toegepast.');
} catch (error) {
	console.error(`Terugzetten mislukt: ${(error as Error).message}`);
	process.exit(1);
}
