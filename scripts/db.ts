// npm run db -- copy --from sqlite:./data/denkna.db --to postgres://denkna:…@server/denkna
// Moves an existing school from SQLite to PostgreSQL (README, "Meerdere servers"). Stop the
// server first; the target must be an empty database. Prints the rows per table on both sides.
import { copyDatabase, parseLocation } from './lib/copy.ts';

const [command, ...rest] = process.argv.slice(2);
const option = (name: string) => {
	const i = rest.indexOf(`--${name}`);
	return i >= 0
		? rest[i + 1]
		: rest.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const USAGE =
	'Gebruik: npm run db -- copy --from sqlite:./data/denkna.db --to postgres://gebruiker:wachtwoord@server/database';

if (command !== 'copy') {
	console.error(USAGE);
	process.exit(1);
}
const from = option('from');
const to = option('to');
if (!from || !to) {
	console.error(USAGE);
	process.exit(1);
}
try {
	const source = parseLocation(from);
	if (!('file' in source))
		throw new Error('Kopiëren kan vanuit een SQLite-bestand (--from sqlite:…).');
	const started = performance.now();
	const report = await copyDatabase(source.file, parseLocation(to), (line) => console.log(line));
	console.log('\nRijen per tabel (bron = doel):');
	for (const c of report.counts)
		console.log(
			`  ${c.table.padEnd(18)} ${String(c.from).padStart(10)} ${c.from === c.to ? '=' : '≠'} ${c.to}`
		);
	if (!report.ok) {
		console.error('De aantallen kloppen niet: gebruik het doel niet.');
		process.exit(1);
	}
	console.log(
		`Klaar in ${Math.round((performance.now() - started) / 1000)} s: alle aantallen kloppen.`
	);
} catch (error) {
	console.error(`Kopiëren mislukt, er zijn geen rijen geschreven: ${(error as Error).message}`);
	process.exit(1);
}
