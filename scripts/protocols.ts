// npm run protocols -- export --school <id>          prints the school's protocol as YAML
// npm run protocols -- import <file> --school <id>    makes a YAML file the school's protocol
// Works on DATABASE_URL (PostgreSQL) or DATABASE_PATH (default ./data/denkna.db), migrated first. The file format is that of
// lessons/protocols/*.yaml; an import is checked in full and writes nothing on error.
import fs from 'node:fs';
import { openConfigured } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { getLibrary } from '../src/lib/server/lessons.ts';
import { importProtocol, protocolYaml, schoolProtocol } from '../src/lib/server/protocols.ts';
import { fileMigrations } from './lib/migrations.ts';

const USAGE = `Gebruik:
  npm run protocols -- export --school <id>
  npm run protocols -- import <bestand.yaml> --school <id>`;

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

const args = process.argv.slice(2);
const command = args[0];
const at = args.indexOf('--school');
const schoolId = at >= 0 ? Number(args[at + 1]) : NaN;
if ((command !== 'export' && command !== 'import') || !Number.isSafeInteger(schoolId)) fail(USAGE);
const file =
	command === 'import' ? args.find((a, i) => i > 0 && a !== '--school' && i !== at + 1) : undefined;
if (command === 'import' && !file) fail(USAGE);

const db = openConfigured();
try {
	await migrateToLatest(db, await fileMigrations());
	const school = await db
		.selectFrom('school')
		.select('name')
		.where('id', '=', schoolId)
		.executeTakeFirst();
	if (!school) fail(`Er is geen school met id ${schoolId}.`);
	if (command === 'export') {
		const { protocol } = await schoolProtocol(db, getLibrary(), schoolId, { draft: true });
		process.stdout.write(protocolYaml(protocol));
	} else {
		if (!fs.existsSync(file!)) fail(`Het bestand ${file} bestaat niet.`);
		const result = await importProtocol(db, {
			schoolId,
			yaml: fs.readFileSync(file!, 'utf8'),
			userId: null
		});
		if (!result.ok) fail(`${file}: niets geïmporteerd. ${result.message}`);
		console.log(
			`${file} is nu het protocol van ${school.name} (${result.changed} regels nieuw of gewijzigd).`
		);
	}
} finally {
	await db.destroy();
}
