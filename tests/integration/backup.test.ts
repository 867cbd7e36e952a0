// npm run backup while pupils write; npm run restore into a fresh server; the counts match.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, onPostgres } from '../helpers/db.ts';
import { seedSchool } from '../helpers/fixtures.ts';
import { Client } from '../helpers/server.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { serveBuild } from './lib/serve.ts';
import { loginPupils, sendOutbox, syncLesson } from './lib/pupils.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function npm(args: string[], env: Record<string, string>) {
	const result = spawnSync('npx', ['tsx', ...args], {
		env: { ...process.env, ...env },
		encoding: 'utf8'
	});
	return { status: result.status, out: result.stdout + result.stderr };
}

const counts = (file: string) => {
	const db = new SQLite(file, { readonly: true });
	try {
		const n = (table: string) =>
			(db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
		return { answer: n('answer'), pupil: n('pupil'), user: n('user'), session: n('session') };
	} finally {
		db.close();
	}
};

// SQLite's backup; on PostgreSQL backups are pg_dump's (README, "Meerdere servers").
describe.skipIf(onPostgres)('backup and restore', () => {
	it('backs up under a class writing answers, and the copy restores and serves', async () => {
		const { db, file, dir } = await freshDatabase();
		dirs.push(dir);
		const school = await seedSchool(db, { lessonA: syncLesson().id });
		await db.destroy();
		const server = await serveBuild({ file });
		const pupils = await loginPupils(server.url, school.classA);

		// The class keeps answering while the backup runs.
		let writing = true;
		let sent = 0;
		const load = Promise.all(
			pupils.map(async (p, i) => {
				while (writing) {
					const ids = Array.from({ length: 10 }, () => `p${i}-${sent++}-${Date.now()}`);
					await sendOutbox(p, ids);
				}
			})
		);
		await new Promise((r) => setTimeout(r, 500));
		const copy = path.join(dir, 'kopie', 'denkna-backup.db');
		const backup = npm(['scripts/backup.ts', copy], { DATABASE_PATH: file });
		writing = false;
		await load;
		expect(backup.status, backup.out).toBe(0);
		expect(backup.out).toMatch(/Kopie van .* gemaakt/);
		await server.stop();

		const atBackup = counts(copy);
		const live = counts(file);
		expect(atBackup.answer).toBeGreaterThan(0);
		// Answers kept arriving after the snapshot: the copy holds a consistent earlier moment.
		expect(live.answer).toBeGreaterThanOrEqual(atBackup.answer);

		// A restore refuses a file that is no database, and accepts the copy.
		const target = path.join(dir, 'nieuw', 'denkna.db');
		fs.mkdirSync(path.dirname(target));
		fs.writeFileSync(path.join(dir, 'kapot.db'), 'geen database');
		const bad = npm(['scripts/restore.ts', path.join(dir, 'kapot.db')], { DATABASE_PATH: target });
		expect(bad.status).toBe(1);
		expect(bad.out).toContain('Terugzetten mislukt');
		expect(fs.existsSync(target)).toBe(false);
		const restored = npm(['scripts/restore.ts', copy], { DATABASE_PATH: target });
		expect(restored.status, restored.out).toBe(0);

		const fresh = await serveBuild({ file: target });
		try {
			const teacher = new Client(fresh.url);
			const login = await teacher.post('/login', {
				email: school.teacherA.email,
				password: PASSWORD
			});
			expect(login.status).toBe(303);
			const page = await teacher.get(`/docent/klas/${school.classA.id}`);
			expect(page.status).toBe(200);
		} finally {
			await fresh.stop();
		}
		const after = counts(target);
		expect({ ...after, session: 0 }).toEqual({ ...atBackup, session: 0 });
		const check = new SQLite(target, { readonly: true });
		expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
		check.close();
	});

	it('refuses a backup from a newer DenkNa', async () => {
		const { db, file, dir } = await freshDatabase();
		dirs.push(dir);
		await db.destroy();
		const raw = new SQLite(file);
		raw
			.prepare(
				"INSERT INTO kysely_migration (name, timestamp) VALUES ('2099-01-01T0000_later', 'x')"
			)
			.run();
		raw.close();
		const result = npm(['scripts/restore.ts', file], {
			DATABASE_PATH: path.join(dir, 'doel.db')
		});
		expect(result.status).toBe(1);
		expect(result.out).toContain('nieuwere DenkNa');
	});
});
