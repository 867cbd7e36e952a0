// Class dashboard, lesson detail, CSV and school admin over real HTTP: who may see and do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startServer, type TestServer } from '../helpers/server.ts';
import { PASSWORD, seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { bandQuiz, quizAssignments } from '../../src/lib/server/quizzes.ts';
import { realLibrary } from '../helpers/db.ts';
import { answerLesson } from '../helpers/answers.ts';
import { isScored } from '../../src/lib/lessons/schema.ts';
import { codePictureById } from '../../src/lib/pictures.ts';

let server: TestServer;
let school: SchoolFixture;
let other: SchoolFixture;
const lesson = () =>
	realLibrary().lessons.find((l) => l.band === 'groep-5-6' && l.steps.some(isScored))!;

beforeAll(async () => {
	server = await startServer();
	school = await seedSchool(server.db, { lessonA: lesson().id, tag: 'a' });
	other = await seedSchool(server.db, { lessonA: lesson().id, tag: 'b' });
	await answerLesson(server.db, school.classA.pupils[0]!.id, lesson());
});
afterAll(() => server?.stop());

async function staff(email: string) {
	const client = new Client(server.url);
	const res = await client.post('/login', { email, password: PASSWORD });
	expect(res.status, `login ${email}`).toBe(303);
	return client;
}

const pupilCount = async (classId: number) =>
	Number(
		(
			await server.db
				.selectFrom('pupil')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('class_id', '=', classId)
				.executeTakeFirstOrThrow()
		).n
	);

describe('a teacher sees only their own classes', () => {
	it('gets the dashboard, lesson detail and CSV of their own class', async () => {
		const a = await staff(school.teacherA.email);
		const id = school.classA.id;
		const dash = await a.get(`/docent/klas/${id}/dashboard`);
		expect(dash.status).toBe(200);
		const html = await dash.text();
		expect(html).toContain('Leerlingen × kerndoelen');
		expect(html).toContain('Hoe DenkNa beheersing meet');
		expect((await a.get(`/docent/klas/${id}/les/${lesson().id}`)).status).toBe(200);
		const csv = await a.get(`/docent/klas/${id}/export`);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const body = new Uint8Array(await csv.arrayBuffer());
		expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(body);
		expect(text).toContain(`${school.classA.pupils[0]!.name};Klaar`);
		expect(text).not.toContain(school.classB.pupils[0]!.name);
		const comma = await (await a.get(`/docent/klas/${id}/export?scheiding=komma`)).text();
		expect(comma.split('\r\n')[0]).toMatch(/^\uFEFF?Leerling,/);
	});

	it("gets a 404 for another teacher's class: dashboard, detail, CSV and every action", async () => {
		const b = await staff(school.teacherB.email);
		const id = school.classA.id;
		for (const path of [
			`/docent/klas/${id}/dashboard`,
			`/docent/klas/${id}/les/${lesson().id}`,
			`/docent/klas/${id}/export`
		])
			expect((await b.get(path)).status, path).toBe(404);
		const before = await pupilCount(id);
		const form = new FormData();
		form.set('csv', new File(['Roepnaam;Achternaam\nEva;Kok\n'], 'k.csv', { type: 'text/csv' }));
		expect((await b.postMultipart(`/docent/klas/${id}?/importCsv`, form)).status).toBe(404);
		for (const [action, fields] of [
			['rename', { name: 'Overgenomen' }],
			['archive', {}],
			['move', { pupil: String(school.classA.pupils[0]!.id), to: String(school.classB.id) }],
			['assign', { lesson: lesson().id }]
		] as const)
			expect((await b.post(`/docent/klas/${id}?/${action}`, fields)).status, action).toBe(404);
		const klas = await server.db
			.selectFrom('class')
			.select(['name', 'archived_at'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(klas).toEqual({ name: 'Groep 5a', archived_at: null });
		expect(await pupilCount(id)).toBe(before);
	});

	it("cannot move a pupil into a class that isn't theirs", async () => {
		const a = await staff(school.teacherA.email);
		const pupil = school.classA.pupils[2]!;
		const res = await a.post(`/docent/klas/${school.classA.id}?/move`, {
			pupil: String(pupil.id),
			to: String(school.classB.id)
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Kies een andere klas van jou.');
		const row = await server.db
			.selectFrom('pupil')
			.select('class_id')
			.where('id', '=', pupil.id)
			.executeTakeFirstOrThrow();
		expect(row.class_id).toBe(school.classA.id);
	});

	it('imports a CSV into their class, and refuses a bad one whole', async () => {
		const a = await staff(school.teacherA.email);
		const id = school.classA.id;
		const before = await pupilCount(id);
		const bad = new FormData();
		bad.set(
			'csv',
			new File(['Roepnaam;Achternaam\nEva;Kok\n;Smit\n'], 'k.csv', { type: 'text/csv' })
		);
		const refused = await a.postMultipart(`/docent/klas/${id}?/importCsv`, bad);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Regel 3 van het CSV-bestand heeft geen roepnaam.');
		expect(await pupilCount(id)).toBe(before);
		const good = new FormData();
		good.set(
			'csv',
			new File(['\uFEFFRoepnaam,Achternaam,BSN\nEva,Kok,123456789\n'], 'k.csv', {
				type: 'text/csv'
			})
		);
		const res = await a.postMultipart(`/docent/klas/${id}?/importCsv`, good);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('1 leerling toegevoegd: Eva K.');
		expect(await pupilCount(id)).toBe(before + 1);
	});

	it('keeps the school page for the admin', async () => {
		const a = await staff(school.teacherA.email);
		expect((await a.get('/docent/school')).status).toBe(403);
		expect((await a.post('/docent/school?/protocol', { protocol: 'generiek' })).status).toBe(403);
	});

	it('sends a visitor without a session to the login page', async () => {
		const res = await new Client(server.url).get(`/docent/klas/${school.classA.id}/export`);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
	});
});

describe('a page per pupil, and the digibord', () => {
	it("shows a pupil's lessons, kerndoelen and wrong answers to their class's teacher only", async () => {
		const pupil = school.classA.pupils[0]!;
		const url = `/docent/klas/${school.classA.id}/leerling/${pupil.id}`;
		const a = await staff(school.teacherA.email);
		const res = await a.get(url);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain(pupil.name);
		expect(html).toContain('Per kerndoel');
		expect(html).toContain(lesson().title);
		// Another teacher of the school, a teacher of another school, a pupil of another class.
		expect((await (await staff(school.teacherB.email)).get(url)).status).toBe(404);
		expect((await (await staff(other.teacherA.email)).get(url)).status).toBe(404);
		const wrongClass = `/docent/klas/${school.classA.id}/leerling/${school.classB.pupils[0]!.id}`;
		expect((await a.get(wrongClass)).status).toBe(404);
		expect((await a.get(`/docent/klas/${school.classA.id}/leerling/abc`)).status).toBe(404);
	});

	it('unlocks a locked pupil from their page, and only for their own teacher', async () => {
		const pupil = school.classA.pupils[2]!;
		await server.db
			.updateTable('pupil')
			.set({ locked_at: Date.now(), failed_attempts: 5 })
			.where('id', '=', pupil.id)
			.execute();
		const url = `/docent/klas/${school.classA.id}/leerling/${pupil.id}`;
		expect((await (await staff(school.teacherB.email)).post(`${url}?/unlock`, {})).status).toBe(
			404
		);
		const a = await staff(school.teacherA.email);
		expect(await (await a.get(url)).text()).toContain('staat op slot');
		const res = await a.post(`${url}?/unlock`, {});
		expect(res.status).toBe(200);
		expect(await res.text()).toContain(`${pupil.name} kan weer inloggen.`);
		const row = await server.db
			.selectFrom('pupil')
			.select(['locked_at', 'failed_attempts'])
			.where('id', '=', pupil.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ locked_at: null, failed_attempts: 0 });
	});

	it('the digibord view shows the class link, never a picture code', async () => {
		const a = await staff(school.teacherA.email);
		const html = await (await a.get(`/docent/klas/${school.classA.id}/digibord`)).text();
		expect(html).toContain(`/klas/${school.classA.token}`);
		const labels = [...codePictureById.values()].map((p) => p.label);
		for (const label of labels) expect(html).not.toContain(`>${label}<`);
		expect(html).not.toContain('Code van');
		expect(
			(await (await staff(school.teacherB.email)).get(`/docent/klas/${school.classA.id}/digibord`))
				.status
		).toBe(404);
		// One login card, after a new code.
		const one = await (
			await a.get(
				`/docent/klas/${school.classA.id}/inlogkaarten?leerling=${school.classA.pupils[0]!.id}`
			)
		).text();
		expect(one.match(/class="pupil-card/g)).toHaveLength(1);
	});
});

describe('an admin sees only their own school', () => {
	it('sees every class of their school, and none of another school', async () => {
		const admin = await staff(school.admin.email);
		expect((await admin.get(`/docent/klas/${school.classB.id}/dashboard`)).status).toBe(200);
		expect((await admin.get(`/docent/klas/${other.classA.id}/dashboard`)).status).toBe(404);
		expect((await admin.get(`/docent/klas/${other.classA.id}/export`)).status).toBe(404);
		const page = await (await admin.get('/docent/school')).text();
		expect(page).toContain(`/docent/klas/${school.classA.id}/dashboard`);
		expect(page).not.toContain(`/docent/klas/${other.classA.id}/dashboard`);
	});

	it("changes only their own school's protocol and contact point, with Dutch messages", async () => {
		const admin = await staff(other.admin.email);
		const bad = await admin.post('/docent/school?/protocol', { protocol: 'bestaat-niet' });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Kies een protocol uit de lijst.');
		expect((await admin.post('/docent/school?/protocol', { protocol: 'generiek' })).status).toBe(
			200
		);
		const long = await admin.post('/docent/school?/contact', { contact: 'x'.repeat(201) });
		expect(long.status).toBe(400);
		expect(
			(await admin.post('/docent/school?/contact', { contact: 'Juf Ans, ans@b.test' })).status
		).toBe(200);
		const rows = await server.db
			.selectFrom('school')
			.select(['id', 'protocol_id', 'contact_point'])
			.orderBy('id')
			.execute();
		expect(rows.find((r) => r.id === other.schoolId)).toMatchObject({
			protocol_id: 'generiek',
			contact_point: 'Juf Ans, ans@b.test'
		});
		expect(rows.find((r) => r.id === school.schoolId)).toMatchObject({
			protocol_id: 'juliana',
			contact_point: null
		});
	});
});

describe('teacher invites', () => {
	it('an admin invites a teacher; the link works once, then the admin can remove them', async () => {
		const admin = await staff(school.admin.email);
		const res = await admin.post('/docent/school?/invite', { email: 'Nieuwe.Juf@school.test' });
		expect(res.status).toBe(200);
		const link = (await res.text()).match(/\/uitnodiging\/([a-z2-7]+)/)!;
		expect(link).not.toBeNull();
		const path = link[0];
		const stored = await server.db
			.selectFrom('teacher_invite')
			.select(['token_hash', 'email'])
			.where('email', '=', 'nieuwe.juf@school.test')
			.executeTakeFirstOrThrow();
		expect(stored.token_hash).not.toBe(link[1]);

		const visitor = new Client(server.url);
		const page = await visitor.get(path);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('nieuwe.juf@school.test');
		const short = await visitor.post(path, { name: 'Juf Nieuw', password: 'kort' });
		expect(short.status).toBe(400);
		expect(await short.text()).toContain('minstens 10 tekens');
		const accepted = await visitor.post(path, { name: 'Juf Nieuw', password: PASSWORD });
		expect(accepted.status).toBe(303);
		expect(accepted.headers.get('location')).toBe('/docent');
		expect((await visitor.get('/docent')).status).toBe(200);

		const again = await new Client(server.url).post(path, { name: 'Iemand', password: PASSWORD });
		expect(again.status).toBe(400);
		expect(await again.text()).toContain('Deze uitnodiging is al gebruikt.');

		const user = await server.db
			.selectFrom('user')
			.select(['id', 'role', 'school_id'])
			.where('email', '=', 'nieuwe.juf@school.test')
			.executeTakeFirstOrThrow();
		expect(user).toMatchObject({ role: 'teacher', school_id: school.schoolId });

		// Another school's admin cannot remove them; a teacher cannot invite.
		const otherAdmin = await staff(other.admin.email);
		const refused = await otherAdmin.post('/docent/school?/removeTeacher', { id: String(user.id) });
		expect(refused.status).toBe(404);
		const teacher = await staff(school.teacherA.email);
		expect((await teacher.post('/docent/school?/invite', { email: 'x@y.test' })).status).toBe(403);

		expect(
			(await admin.post('/docent/school?/removeTeacher', { id: String(user.id) })).status
		).toBe(200);
		expect((await visitor.get('/docent')).status).toBe(303);
		const login = await new Client(server.url).post('/login', {
			email: 'nieuwe.juf@school.test',
			password: PASSWORD
		});
		expect(login.status).toBe(400);
	});

	it('an expired or unknown invite says so in Dutch', async () => {
		const { createInvite } = await import('../../src/lib/server/invites.ts');
		const { token } = await createInvite(
			server.db,
			{ schoolId: school.schoolId, email: 'laat@school.test', createdBy: school.admin.id },
			Date.now() - 8 * 86_400_000
		);
		const expired = await new Client(server.url).get(`/uitnodiging/${token}`);
		expect(await expired.text()).toContain('Deze uitnodiging is verlopen.');
		const post = await new Client(server.url).post(`/uitnodiging/${token}`, {
			name: 'Laat',
			password: PASSWORD
		});
		expect(post.status).toBe(400);
		const unknown = await new Client(server.url).get('/uitnodiging/abcdefghijklmnopqrstuvwx');
		expect(await unknown.text()).toContain('Deze uitnodiging bestaat niet.');
		const users = await server.db
			.selectFrom('user')
			.select('id')
			.where('email', '=', 'laat@school.test')
			.execute();
		expect(users).toEqual([]);
	});
});

describe('assignments for a week, and band quizzes', () => {
	it('assigns a lesson for a week and the voortoets, refusing a bad week or quiz', async () => {
		const a = await staff(school.teacherA.email);
		const id = school.classA.id;
		const lessonB = realLibrary().lessons.filter((l) => l.band === 'groep-5-6')[1]!;
		const quiz = bandQuiz(realLibrary(), 'groep-5-6', 'voortoets')!;
		const badWeek = await a.post(`/docent/klas/${id}?/assign`, {
			lesson: lessonB.id,
			week: '2026-W99'
		});
		expect(badWeek.status).toBe(400);
		expect(await badWeek.text()).toContain('Kies een geldige week.');
		const badQuiz = await a.post(`/docent/klas/${id}?/assign`, { quiz: 'tussentoets' });
		expect(badQuiz.status).toBe(400);
		expect(await badQuiz.text()).toContain('Deze toets bestaat niet.');
		// The old made-up id is no lesson either.
		const oldStyle = await a.post(`/docent/klas/${id}?/assign`, { lesson: `${quiz.id}:voortoets` });
		expect(oldStyle.status).toBe(400);
		const ok = await a.post(`/docent/klas/${id}?/assign`, { lesson: lessonB.id, week: '2026-W48' });
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('voor week 48');
		expect(
			(await a.post(`/docent/klas/${id}?/assign`, { quiz: 'voortoets', week: '' })).status
		).toBe(200);
		const rows = await server.db
			.selectFrom('assignment')
			.select(['lesson_id', 'week'])
			.where('class_id', '=', id)
			.execute();
		expect(rows).toEqual(expect.arrayContaining([{ lesson_id: lessonB.id, week: '2026-W48' }]));
		expect(rows.some((r) => r.lesson_id.includes(':'))).toBe(false);
		expect(await quizAssignments(server.db, id)).toEqual([{ kind: 'voortoets', week: null }]);
		const page = await (await a.get(`/docent/klas/${id}`)).text();
		expect(page).toContain('week 48');
		expect(page).toContain(`Voortoets: ${quiz.title}`);

		// The pupil's own page still works with a quiz among the assignments.
		const p = school.classA.pupils[1]!;
		const pupil = new Client(server.url);
		const login = await pupil.post(`/klas/${school.classA.token}/${p.id}`, {
			picked: p.code.slice(0, 2).join(','),
			pick: p.code[2]!
		});
		expect(login.status).toBe(303);
		expect((await pupil.get('/leerling')).status).toBe(200);
	});
});

describe('archiving at the end of the school year', () => {
	it('takes the class out of the list and stops its login link', async () => {
		const b = await staff(other.teacherB.email);
		const res = await b.post(`/docent/klas/${other.classB.id}?/archive`, {});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/docent?gearchiveerd=1');
		const list = await (await b.get('/docent?gearchiveerd=1')).text();
		expect(list).toContain('De klas is gearchiveerd.');
		expect(list).not.toContain(`/docent/klas/${other.classB.id}"`);
		expect((await new Client(server.url).get(`/klas/${other.classB.token}`)).status).toBe(404);
	});
});
