// Killed mid-lesson, nothing lost: pupils' outboxes post answers, the server gets SIGKILL in
// the middle, starts again on the same file, the outboxes send what was not confirmed (and,
// to be sure, what was), and every answer is stored exactly once. On SQLite and on PostgreSQL.
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, onPostgres } from '../helpers/db.ts';
import { openConfigured } from '../../src/lib/server/db/index.ts';
import { seedSchool } from '../helpers/fixtures.ts';
import { serveBuild, type Running } from './lib/serve.ts';
import { loginPupils, sendOutbox, syncLesson } from './lib/pupils.ts';

let dir = '';
let server: Running | undefined;
afterAll(async () => {
	await server?.stop();
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 during a lesson', () => {
	it('stores every answer exactly once after a restart, and the database is intact', async () => {
		const fresh = await freshDatabase();
		dir = fresh.dir;
		const school = await seedSchool(fresh.db, { lessonA: syncLesson().id });
		await fresh.db.destroy();
		server = await serveBuild({ database: fresh.env, entry: 'index' });
		const port = server.port;
		const pupils = await loginPupils(server.url, school.classA);

		// Each pupil's outbox: 40 answers in batches of 5, sent one batch after another.
		const outbox = pupils.map((_, i) => Array.from({ length: 40 }, (_, n) => `kill-p${i}-a${n}`));
		const confirmed = new Set<string>();
		const sending = Promise.all(
			pupils.map(async (p, i) => {
				for (let b = 0; b < outbox[i]!.length; b += 5)
					for (const id of await sendOutbox(p, outbox[i]!.slice(b, b + 5))) confirmed.add(id);
			})
		);
		// Kill once some answers are in and others are still on their way.
		while (confirmed.size < 15) await new Promise((r) => setTimeout(r, 5));
		await server.kill();
		await sending;
		const all = outbox.flat();
		expect(confirmed.size).toBeGreaterThan(0);
		expect(confirmed.size).toBeLessThan(all.length);

		server = await serveBuild({ database: fresh.env, port, entry: 'index' });
		// The outboxes retry: the pupils' sessions survived, everything is sent again.
		await Promise.all(
			pupils.map(async (p, i) => {
				for (let b = 0; b < outbox[i]!.length; b += 5) {
					const batch = outbox[i]!.slice(b, b + 5);
					expect((await sendOutbox(p, batch)).sort()).toEqual([...batch].sort());
				}
			})
		);
		await server.stop();

		if (!onPostgres) {
			const file = new SQLite(fresh.file, { readonly: true });
			expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
			file.close();
		}
		const db = openConfigured(fresh.env);
		try {
			const rows = await db
				.selectFrom('answer')
				.select((eb) => ['client_id', eb.fn.countAll<number>().as('n')])
				.where('client_id', 'like', 'kill-%')
				.groupBy('client_id')
				.execute();
			expect(rows.map((r) => r.client_id).sort()).toEqual([...all].sort());
			expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
			// Attempts are numbered without gaps or doubles per pupil and step.
			const attempts = await db
				.selectFrom('answer')
				.select((eb) => [
					eb.fn.countAll<number>().as('n'),
					eb.fn.count<number>('attempt').distinct().as('d'),
					eb.fn.max<number>('attempt').as('m')
				])
				.where('client_id', 'like', 'kill-%')
				.groupBy(['pupil_id', 'step_id'])
				.execute();
			for (const a of attempts) expect([Number(a.d), a.m]).toEqual([Number(a.n), Number(a.n)]);
		} finally {
			await db.destroy();
		}
	});
});
