// npm test (after the build): the whole suite on SQLite, then once more on PostgreSQL.
// PostgreSQL: DENKNA_TEST_POSTGRES, else postgres://denkna:denkna@127.0.0.1:5432/denkna_test
// (what .ci/run creates). It must be a scratch database: test schemas are made and dropped
// in it. When it can't be reached the second round is skipped, saying so; with
// DENKNA_REQUIRE_POSTGRES=1 (CI) that is a failure. Arguments go to vitest: `npm test --
// tests/unit` runs the unit tests on both.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { withoutPassword } from './lib/target.ts';

const DEFAULT_URL = 'postgres://denkna:denkna@127.0.0.1:5432/denkna_test';
const url = process.env.DENKNA_TEST_POSTGRES || DEFAULT_URL;
const args = process.argv.slice(2);
const shown = withoutPassword(url);

function vitest(label: string, env: NodeJS.ProcessEnv): boolean {
	console.log(`\n=== Tests op ${label} ===\n`);
	const run = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit', env });
	return run.status === 0;
}

/** Connects, and removes the schemas earlier runs left (a test that failed halfway). */
async function reachable(): Promise<string | null> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		const { rows } = await client.query<{ name: string }>(
			`select nspname as name from pg_namespace where nspname ~ '^t[0-9]+_[0-9]+$'`
		);
		for (const { name } of rows) await client.query(`drop schema "${name}" cascade`);
		return null;
	} catch (error) {
		return (error as Error).message;
	} finally {
		await client.end().catch(() => {});
	}
}

const plain = { ...process.env };
delete plain.DENKNA_TEST_POSTGRES;
delete plain.DATABASE_URL;
const results: [string, boolean | null][] = [['SQLite', vitest('SQLite', plain)]];

const problem = await reachable();
if (problem === null) {
	results.push([
		'PostgreSQL',
		vitest(`PostgreSQL (${shown})`, { ...plain, DENKNA_TEST_POSTGRES: url })
	]);
} else {
	console.log(
		`\nPostgreSQL op ${shown} is niet bereikbaar (${problem}): de tests op PostgreSQL zijn OVERGESLAGEN.` +
			`\nStart PostgreSQL en maak de database (zie .ci/run), of zet DENKNA_TEST_POSTGRES.`
	);
	results.push(['PostgreSQL', process.env.DENKNA_REQUIRE_POSTGRES === '1' ? false : null]);
}

console.log(
	'\n' +
		results
			.map(([name, ok]) => `${name}: ${ok === null ? 'overgeslagen' : ok ? 'geslaagd' : 'MISLUKT'}`)
			.join(', ')
);
process.exit(results.some(([, ok]) => ok === false) ? 1 : 0);
