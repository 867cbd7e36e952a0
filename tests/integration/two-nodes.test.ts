// Two app nodes on one PostgreSQL, as a foundation runs DenkNa behind a load balancer: a pupil
// logs in on one node and answers on the other, the same outbox batch reaches both nodes at
// the same moment, a teacher adds the same names on both at once, two parents claim one
// koppelcode on different nodes, and the dashboard reads the same on either. Only on the
// PostgreSQL round of the suite: SQLite is one file for one server process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, onPostgres, type FreshDatabase } from '../helpers/db.ts';
import { PASSWORD, seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { Client } from '../helpers/server.ts';
import { createKoppelcode } from '../../src/lib/server/parents.ts';
import { serveBuild, type Running } from './lib/serve.ts';
import { loginPupils, sendOutbox, syncLesson, type SyncPupil } from './lib/pupils.ts';

describe.skipIf(!onPostgres)('two app nodes on one PostgreSQL', () => {
	let fresh: FreshDatabase;
	let school: SchoolFixture;
	let a: Running;
	let b: Running;

	beforeAll(async () => {
		fresh = await freshDatabase();
		school = await seedSchool(fresh.db, { lessonA: syncLesson().id });
		// Both start at once: the migration lock lets one migrate while the other waits.
		[a, b] = await Promise.all([
			serveBuild({ database: fresh.env, entry: 'index' }),
			serveBuild({ database: fresh.env, entry: 'index' })
		]);
	});
	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
		await fresh?.drop();
	});

	/** The same session on the other node: a load balancer without sticky sessions. */
	function onNode(node: Running, pupil: SyncPupil): SyncPupil {
		const client = new Client(node.url);
		client.cookies = pupil.client.cookies;
		return { id: pupil.id, client };
	}

	it('a pupil logged in on node A answers on node B; a batch sent to both at once is stored once', async () => {
		const onA = await loginPupils(a.url, school.classA);
		const onB = onA.map((p) => onNode(b, p));
		const all: string[] = [];
		await Promise.all(
			onA.map(async (pupil, i) => {
				const ids = (round: number, node: string) =>
					[0, 1, 2].map((n) => `two-p${i}-r${round}-${node}${n}`);
				const send = async (target: SyncPupil, batch: string[]) => {
					all.push(...batch);
					expect((await sendOutbox(target, batch)).sort()).toEqual([...batch].sort());
				};
				// On A only, then on B only.
				await send(pupil, ids(0, 'a'));
				await send(onB[i]!, ids(1, 'b'));
				// Different answers to the same question on both nodes at the same moment: both
				// are stored, each with its own try number.
				await Promise.all([send(pupil, ids(2, 'a')), send(onB[i]!, ids(2, 'b'))]);
				// The same batch to both nodes at once (a resend racing the original): stored once.
				const twice = ids(3, 'x');
				all.push(...twice);
				const done = await Promise.all([pupil, onB[i]!].map((t) => sendOutbox(t, twice)));
				expect(done[0]!.sort()).toEqual([...twice].sort());
				expect(done[1]!.sort()).toEqual([...twice].sort());
			})
		);
		const rows = await fresh.db
			.selectFrom('answer')
			.select(['client_id', 'pupil_id', 'attempt'])
			.where('client_id', 'like', 'two-%')
			.execute();
		expect(rows.map((r) => r.client_id).sort()).toEqual([...all].sort());
		// Every pupil's tries on the question are numbered 1..15, none twice, none missing.
		for (const pupil of onA) {
			const tries = rows
				.filter((r) => r.pupil_id === pupil.id)
				.map((r) => r.attempt)
				.sort((x, y) => x - y);
			expect(tries).toEqual(Array.from({ length: 15 }, (_, n) => n + 1));
		}
	});

	it('the dashboard reads the same on either node, with the answers given on both', async () => {
		const teacher = new Client(b.url);
		expect(
			(await teacher.post('/login', { email: school.teacherA.email, password: PASSWORD })).status
		).toBe(303);
		const twin = new Client(a.url);
		twin.cookies = teacher.cookies;
		const path = `/docent/klas/${school.classA.id}/export`;
		const [fromA, fromB] = await Promise.all([twin.get(path), teacher.get(path)]);
		expect([fromA.status, fromB.status]).toEqual([200, 200]);
		const [csvA, csvB] = await Promise.all([fromA.text(), fromB.text()]);
		expect(csvA).toBe(csvB);
		for (const p of school.classA.pupils) expect(csvA).toContain(p.name);
		const dashboard = await twin.get(`/docent/klas/${school.classA.id}/dashboard`);
		expect(dashboard.status).toBe(200);
	});

	it('the same names added on both nodes at once stay unique in the class', async () => {
		const teacherOnA = new Client(a.url);
		expect(
			(await teacherOnA.post('/login', { email: school.teacherA.email, password: PASSWORD })).status
		).toBe(303);
		const teacherOnB = new Client(b.url);
		teacherOnB.cookies = teacherOnA.cookies;
		const namesInClass = async () =>
			(
				await fresh.db
					.selectFrom('pupil')
					.select('display_name')
					.where('class_id', '=', school.classA.id)
					.execute()
			).map((p) => p.display_name);
		const before = await namesInClass();
		const names = 'Sem de Vries\nLieke Jansen\nNoah Bakker';
		const results = await Promise.all(
			[teacherOnA, teacherOnB, teacherOnA, teacherOnB].map((c) =>
				c.post(`/docent/klas/${school.classA.id}?/addPupils`, { names })
			)
		);
		expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
		const after = await namesInClass();
		expect(after).toHaveLength(before.length + 12);
		expect(new Set(after).size).toBe(after.length);
	});

	it('two parents claiming one koppelcode on different nodes: one gets the child', async () => {
		const pupilId = school.classA.pupils[2]!.id;
		const { code } = await createKoppelcode(fresh.db, pupilId, school.teacherA.id);
		const claims = await Promise.all(
			[a, b, a, b].map((node, i) =>
				new Client(node.url).post('/koppelen', {
					code,
					name: `Ouder ${i}`,
					email: `ouder${i}@twee.test`,
					password: 'een-lang-wachtwoord'
				})
			)
		);
		expect(claims.filter((r) => r.status === 303)).toHaveLength(1);
		expect(claims.filter((r) => r.status === 400)).toHaveLength(3);
		const links = await fresh.db
			.selectFrom('parent_pupil')
			.innerJoin('user', 'user.id', 'parent_pupil.parent_id')
			.select('user.email')
			.where('pupil_id', '=', pupilId)
			.execute();
		expect(links.map((l) => l.email).filter((e) => e.endsWith('@twee.test'))).toHaveLength(1);
		// The refused registrations made no account either.
		const accounts = await fresh.db
			.selectFrom('user')
			.select('email')
			.where('email', 'like', '%@twee.test')
			.execute();
		expect(accounts).toHaveLength(1);
	});
});
