// Parents over real HTTP: koppelcodes that are refused, the teacher's parent page, downloads and
// a deletion that really removes the child's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startServer, type TestServer } from '../helpers/server.ts';
import { PASSWORD, seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { playLesson } from '../../scripts/lib/seed.ts';
import { createKoppelcode } from '../../src/lib/server/parents.ts';
import { isScored } from '../../src/lib/lessons/schema.ts';
import { rightChoice } from '../../src/lib/activities/index.ts';
import { bandQuiz, recordQuizAnswer, startQuiz } from '../../src/lib/server/quizzes.ts';

let server: TestServer;
let school: SchoolFixture;

beforeAll(async () => {
	server = await startServer();
	school = await seedSchool(server.db, { tag: 'p' });
});
afterAll(() => server?.stop());

async function login(email: string) {
	const client = new Client(server.url);
	const res = await client.post('/login', { email, password: PASSWORD });
	expect(res.status, `login ${email}`).toBe(303);
	return client;
}

const DAY = 24 * 60 * 60 * 1000;

async function userCount() {
	const { n } = await server.db
		.selectFrom('user')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(n);
}

async function linksOf(parentId: number) {
	return server.db
		.selectFrom('parent_pupil')
		.select('pupil_id')
		.where('parent_id', '=', parentId)
		.execute();
}

describe('refused koppelcodes', () => {
	it('an expired code is refused at registration with a Dutch message, and no account is made', async () => {
		const pupilId = school.classA.pupils[1]!.id;
		const { code } = await createKoppelcode(
			server.db,
			pupilId,
			school.teacherA.id,
			Date.now() - 31 * DAY
		);
		const before = await userCount();
		const res = await new Client(server.url).post('/koppelen', {
			code,
			name: 'Nieuwe Ouder',
			email: 'verlopen@thuis.test',
			password: 'een-lang-wachtwoord'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(
			'Deze koppelcode is verlopen. Vraag de leerkracht om een nieuwe code.'
		);
		expect(await userCount()).toBe(before);
		const used = await server.db
			.selectFrom('koppelcode')
			.select('used_at')
			.where('code', '=', code)
			.executeTakeFirstOrThrow();
		expect(used.used_at).toBeNull();
	});

	it('a used code is refused at registration, and no account is made', async () => {
		// The fixture's parent already used a code for pupil 0 of class A.
		const used = await server.db
			.selectFrom('koppelcode')
			.select('code')
			.where('used_by', '=', school.parent.id)
			.executeTakeFirstOrThrow();
		const before = await userCount();
		const res = await new Client(server.url).post('/koppelen', {
			code: used.code.toLowerCase().replace('-', ''),
			name: 'Tweede Ouder',
			email: 'gebruikt@thuis.test',
			password: 'een-lang-wachtwoord'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(
			'Deze koppelcode is al gebruikt. Vraag de leerkracht om een nieuwe code.'
		);
		expect(await userCount()).toBe(before);
		expect(
			await server.db
				.selectFrom('user')
				.select('id')
				.where('email', '=', 'gebruikt@thuis.test')
				.executeTakeFirst()
		).toBeUndefined();
	});

	it('an expired or used code is refused when a parent adds a child, and nothing is linked', async () => {
		const parent = await login(school.parent.email);
		const before = await linksOf(school.parent.id);
		const { code: expired } = await createKoppelcode(
			server.db,
			school.classA.pupils[2]!.id,
			school.teacherA.id,
			Date.now() - 31 * DAY
		);
		let res = await parent.post('/ouder/koppelen', { code: expired });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Deze koppelcode is verlopen.');

		const { code: fresh } = await createKoppelcode(
			server.db,
			school.classB.pupils[0]!.id,
			school.teacherB.id
		);
		const someone = new Client(server.url);
		res = await someone.post('/koppelen', {
			code: fresh,
			name: 'Andere Ouder',
			email: 'ander@thuis.test',
			password: 'een-lang-wachtwoord'
		});
		expect(res.status).toBe(303);
		res = await parent.post('/ouder/koppelen', { code: fresh });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Deze koppelcode is al gebruikt.');
		expect(await linksOf(school.parent.id)).toEqual(before);
	});
});

describe("the teacher's parent page", () => {
	it('makes codes for every pupil without one, shows the letters, and is only for their own class', async () => {
		const teacher = await login(school.teacherB.email);
		const res = await teacher.post(`/docent/klas/${school.classB.id}/ouders?/codes`, {});
		expect(res.status).toBe(200);
		const active = await server.db
			.selectFrom('koppelcode')
			.select(['pupil_id', 'code'])
			.where(
				'pupil_id',
				'in',
				school.classB.pupils.map((p) => p.id)
			)
			.where('used_at', 'is', null)
			.where('expires_at', '>', Date.now())
			.execute();
		// Pupil 0's code was used above; every pupil now has exactly one working code.
		expect(active.map((a) => a.pupil_id).sort()).toEqual(
			school.classB.pupils.map((p) => p.id).sort()
		);
		const page = await (await teacher.get(`/docent/klas/${school.classB.id}/ouders`)).text();
		for (const a of active) expect(page).toContain(a.code);
		expect(page).toContain('Andere Ouder');

		// A second click makes no new codes.
		await teacher.post(`/docent/klas/${school.classB.id}/ouders?/codes`, {});
		const again = await server.db
			.selectFrom('koppelcode')
			.select('code')
			.where(
				'pupil_id',
				'in',
				school.classB.pupils.map((p) => p.id)
			)
			.where('used_at', 'is', null)
			.where('expires_at', '>', Date.now())
			.execute();
		expect(again.map((a) => a.code).sort()).toEqual(active.map((a) => a.code).sort());

		const otherTeacher = await login(school.teacherA.email);
		expect((await otherTeacher.get(`/docent/klas/${school.classB.id}/ouders`)).status).toBe(404);
		expect(
			(await otherTeacher.post(`/docent/klas/${school.classB.id}/ouders?/codes`, {})).status
		).toBe(404);
	});

	it('revokes a link of a pupil in the class, and no other', async () => {
		const ander = await server.db
			.selectFrom('user')
			.select('id')
			.where('email', '=', 'ander@thuis.test')
			.executeTakeFirstOrThrow();
		const teacherA = await login(school.teacherA.email);
		// Teacher A can't revoke a link in class B through their own class.
		let res = await teacherA.post(`/docent/klas/${school.classA.id}/ouders?/revoke`, {
			pupil: String(school.classB.pupils[0]!.id),
			parent: String(ander.id)
		});
		expect(res.status).toBe(404);
		expect(await linksOf(ander.id)).toHaveLength(1);

		const teacherB = await login(school.teacherB.email);
		res = await teacherB.post(`/docent/klas/${school.classB.id}/ouders?/revoke`, {
			pupil: String(school.classB.pupils[0]!.id),
			parent: String(ander.id)
		});
		expect(res.status).toBe(200);
		expect(await linksOf(ander.id)).toHaveLength(0);
	});
});

describe('data of a child: download and deletion', () => {
	it('a parent downloads their child as CSV for Dutch Excel and as JSON, never another child', async () => {
		const child = school.classA.pupils[0]!;
		const lesson = realLibrary().lessons.find(
			(l) => l.band === 'groep-5-6' && l.steps.some(isScored)
		)!;
		await playLesson(server.db, child.id, lesson, {
			skill: 1,
			start: Date.now() - 60_000,
			random: () => 0.5
		});
		const parent = await login(school.parent.email);

		const csv = await parent.get(`/ouder/kind/${child.id}/gegevens.csv`);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="denkna-.*\.csv"/);
		const bytes = new Uint8Array(await csv.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		const lines = text.trimEnd().split('\r\n');
		expect(lines[0]).toBe('onderdeel;nummer;veld;waarde');
		expect(lines).toContain(`leerling;1;naam;${child.name}`);
		expect(lines.some((l) => l.startsWith('antwoorden;1;les;'))).toBe(true);
		expect(lines).toContain(`voortgang;1;les;${lesson.id}`);

		const json = await parent.get(`/ouder/kind/${child.id}/gegevens.json`);
		expect(json.status).toBe(200);
		const data = (await json.json()) as {
			leerling: { naam: string };
			antwoorden: unknown[];
			voortgang: { les: string; afgerond: string | null }[];
			koppelingen: { ouder: string }[];
		};
		expect(data.leerling.naam).toBe(child.name);
		expect(data.antwoorden.length).toBe(lesson.steps.filter(isScored).length);
		expect(data.voortgang[0]!.afgerond).not.toBeNull();
		expect(data.koppelingen.map((k) => k.ouder)).toEqual(['Ouder']);

		for (const id of [school.classA.pupils[1]!.id, school.classB.pupils[1]!.id, 999999, 'abc']) {
			expect((await parent.get(`/ouder/kind/${id}`)).status).toBe(404);
			expect((await parent.get(`/ouder/kind/${id}/gegevens.csv`)).status).toBe(404);
			expect((await parent.get(`/ouder/kind/${id}/gegevens.json`)).status).toBe(404);
		}
		expect((await new Client(server.url).get(`/ouder/kind/${child.id}/gegevens.csv`)).status).toBe(
			303
		);
	});

	it('a parent asks for deletion; only the school admin carries it out, and the data is gone', async () => {
		const child = school.classA.pupils[0]!;
		// The pupil logs in, so there are a session and login attempts to delete too.
		const pupil = new Client(server.url);
		expect(
			(
				await pupil.post(`/klas/${school.classA.token}/${child.id}`, {
					picked: child.code.slice(0, 2).join(','),
					pick: child.code[2]!
				})
			).status
		).toBe(303);
		// And a voortoets with one answer.
		const quiz = bandQuiz(realLibrary(), 'groep-5-6', 'voortoets')!;
		const attempt = await startQuiz(server.db, child.id, quiz, 'voortoets');
		const q = quiz.questions[0]!;
		await recordQuizAnswer(server.db, {
			attemptId: attempt.id,
			quiz,
			questionId: q.id,
			clientId: 'delete-quiz-0001',
			choice: rightChoice(q)
		});
		const quizAnswers = async () =>
			(
				await server.db
					.selectFrom('quiz_answer')
					.select('id')
					.where('client_id', '=', 'delete-quiz-0001')
					.execute()
			).length;
		expect(await quizAnswers()).toBe(1);
		const count = async (
			table:
				'answer' | 'lesson_progress' | 'session' | 'koppelcode' | 'parent_pupil' | 'quiz_attempt'
		) =>
			Number(
				(
					await server.db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('pupil_id', '=', child.id)
						.executeTakeFirstOrThrow()
				).n
			);
		const tables = [
			'answer',
			'lesson_progress',
			'session',
			'koppelcode',
			'parent_pupil',
			'quiz_attempt'
		] as const;
		for (const t of tables) expect(await count(t), t).toBeGreaterThan(0);

		const parent = await login(school.parent.email);
		let res = await parent.post(`/ouder/kind/${child.id}?/deletion`, {});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Zet eerst een vinkje');
		res = await parent.post(`/ouder/kind/${child.id}?/deletion`, { confirm: 'ja' });
		expect(res.status).toBe(200);
		await parent.post(`/ouder/kind/${child.id}?/deletion`, { confirm: 'ja' });
		const requests = await server.db
			.selectFrom('deletion_request')
			.selectAll()
			.where('pupil_id', '=', child.id)
			.execute();
		expect(requests).toHaveLength(1);
		const requestId = String(requests[0]!.id);

		const teacher = await login(school.teacherA.email);
		expect((await teacher.get('/docent/verwijderverzoeken')).status).toBe(403);
		expect(
			(
				await teacher.post('/docent/verwijderverzoeken?/execute', {
					request: requestId,
					confirm: 'ja'
				})
			).status
		).toBe(403);
		expect(await count('answer')).toBeGreaterThan(0);

		const admin = await login(school.admin.email);
		const list = await (await admin.get('/docent/verwijderverzoeken')).text();
		expect(list).toContain(child.name);
		res = await admin.post('/docent/verwijderverzoeken?/execute', {
			request: requestId,
			confirm: 'ja'
		});
		expect(res.status).toBe(200);

		for (const t of tables) expect(await count(t), t).toBe(0);
		expect(await quizAnswers()).toBe(0);
		expect(
			await server.db.selectFrom('pupil').select('id').where('id', '=', child.id).executeTakeFirst()
		).toBeUndefined();
		expect(
			await server.db
				.selectFrom('login_attempt')
				.select('id')
				.where('subject', '=', `pupil:${child.id}`)
				.execute()
		).toHaveLength(0);
		const done = await server.db
			.selectFrom('deletion_request')
			.selectAll()
			.where('id', '=', Number(requestId))
			.executeTakeFirstOrThrow();
		expect(done.pupil_id).toBeNull();
		expect(done.completed_by).toBe(school.admin.id);
		// The pupil's session is gone: the pupil is logged out.
		expect((await pupil.get('/leerling')).status).toBe(303);
		expect((await parent.get(`/ouder/kind/${child.id}`)).status).toBe(404);
		// Running it again says so, and changes nothing.
		res = await admin.post('/docent/verwijderverzoeken?/execute', {
			request: requestId,
			confirm: 'ja'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Dit verzoek is al uitgevoerd.');
	});

	it('a parent unlinks a child from their own page', async () => {
		const { code } = await createKoppelcode(
			server.db,
			school.classA.pupils[2]!.id,
			school.teacherA.id
		);
		const parent = await login(school.parent.email);
		expect((await parent.post('/ouder/koppelen', { code })).status).toBe(303);
		const id = school.classA.pupils[2]!.id;
		expect((await parent.get(`/ouder/kind/${id}`)).status).toBe(200);
		const res = await parent.post(`/ouder/kind/${id}?/unlink`, {});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/ouder?ontkoppeld=1');
		expect((await parent.get(`/ouder/kind/${id}`)).status).toBe(404);
		expect((await linksOf(school.parent.id)).map((l) => l.pupil_id)).not.toContain(id);
	});
});
