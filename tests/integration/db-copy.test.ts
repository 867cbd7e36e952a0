// npm run db -- copy: a school's SQLite database moves to PostgreSQL with every row, the counts
// match, and the app on PostgreSQL lets the same teacher and pupil in and shows their work.
// Only on the PostgreSQL round (it needs a PostgreSQL target).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, onPostgres, realLibrary, schemaUrl, TEST_POSTGRES } from '../helpers/db.ts';
import { PASSWORD, seedSchool } from '../helpers/fixtures.ts';
import { answerLesson } from '../helpers/answers.ts';
import { Client } from '../helpers/server.ts';
import { openDatabase, openPostgres } from '../../src/lib/server/db/index.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrate.ts';
import { fileMigrations } from '../../scripts/lib/migrations.ts';
import { createKoppelcode } from '../../src/lib/server/parents.ts';
import { serveBuild, type Running } from './lib/serve.ts';

describe.skipIf(!onPostgres)('npm run db -- copy', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-copy-'));
	const schema = `t${process.pid}_copy`;
	// The describe body runs on the SQLite round too (to collect the skipped tests).
	const url = onPostgres ? schemaUrl(TEST_POSTGRES, schema) : '';
	let server: Running | undefined;
	afterAll(async () => {
		await server?.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const copy = (args: string[]) =>
		execFileSync('npx', ['tsx', 'scripts/db.ts', 'copy', ...args], {
			encoding: 'utf8',
			stdio: 'pipe'
		});

	it('copies every row, the counts match, and the school works on PostgreSQL', async () => {
		const file = path.join(dir, 'school.db');
		const sqlite = openDatabase(file);
		await migrateToLatest(sqlite, await fileMigrations());
		const school = await seedSchool(sqlite);
		const lesson = realLibrary().lessons.find((l) => l.band === 'groep-5-6')!;
		for (const p of school.classA.pupils.slice(0, 2)) await answerLesson(sqlite, p.id, lesson);
		await createKoppelcode(sqlite, school.classA.pupils.at(-1)!.id, school.teacherA.id);
		const answers = await sqlite.selectFrom('answer').selectAll().orderBy('id').execute();
		await sqlite.destroy();
		expect(answers.length).toBeGreaterThan(0);

		await admin(`drop schema if exists ${schema} cascade; create schema ${schema}`);
		const printed = copy(['--from', `sqlite:${file}`, '--to', url]);
		expect(printed).toContain('alle aantallen kloppen');
		expect(printed).toMatch(new RegExp(`answer\\s+${answers.length} = ${answers.length}`));

		const db = openPostgres(url, 2);
		try {
			// Rows, ids and values came along unchanged.
			expect(await db.selectFrom('answer').selectAll().orderBy('id').execute()).toEqual(answers);
			// A copy into a database that has rows is refused, and adds nothing.
			let refused = '';
			try {
				copy(['--from', `sqlite:${file}`, '--to', url]);
			} catch (error) {
				refused = String((error as { stderr: string }).stderr);
			}
			expect(refused).toContain('Het doel is niet leeg');
			const n = await db
				.selectFrom('answer')
				.select((eb) => eb.fn.countAll().as('n'))
				.executeTakeFirstOrThrow();
			expect(Number(n.n)).toBe(answers.length);
		} finally {
			await db.destroy();
		}

		// The app on the copy: the teacher logs in, the class page lists the pupils, new rows
		// get new ids (the identity columns continue after the copied ones).
		server = await serveBuild({
			database: { DATABASE_URL: url, DATABASE_PATH: undefined },
			entry: 'index'
		});
		const teacher = new Client(server.url);
		expect(
			(await teacher.post('/login', { email: school.teacherA.email, password: PASSWORD })).status
		).toBe(303);
		const page = await (await teacher.get(`/docent/klas/${school.classA.id}`)).text();
		for (const p of school.classA.pupils) expect(page).toContain(p.name);
		const added = await teacher.post(`/docent/klas/${school.classA.id}?/addPupils`, {
			names: 'Nieuwe Leerling'
		});
		expect(added.status).toBe(200);
		expect(await added.text()).toContain('1 leerling toegevoegd');
	}, 240_000);

	it('refuses a source that is not a database, with a Dutch message', () => {
		let message = '';
		try {
			copy(['--from', 'mysql://x', '--to', url]);
		} catch (error) {
			message = String((error as { stderr: string }).stderr);
		}
		expect(message).toContain('is geen database: gebruik sqlite:');
	});
});
