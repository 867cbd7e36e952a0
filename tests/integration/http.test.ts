// The real server (node build) over HTTP, against a freshly migrated SQLite database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startServer, type TestServer } from '../helpers/server.ts';
import { PASSWORD, seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { isScored } from '../../src/lib/lessons/schema.ts';
import { choiceToForm, rightChoice } from '../../src/lib/activities/index.ts';
import { FREE_PASSWORD_FAILURES } from '../../src/lib/server/auth/rate-limit.ts';

let server: TestServer;
let school: SchoolFixture;
let other: SchoolFixture;
const lesson = () =>
	realLibrary().lessons.find((l) => l.band === 'groep-5-6' && l.steps.some(isScored))!;

beforeAll(async () => {
	server = await startServer();
	school = await seedSchool(server.db, { lessonA: lesson().id, tag: 'a' });
	other = await seedSchool(server.db, { tag: 'b' });
});
afterAll(() => server?.stop());

async function staff(email: string) {
	const client = new Client(server.url);
	const res = await client.post('/login', { email, password: PASSWORD });
	expect(res.status, `login ${email}`).toBe(303);
	return client;
}

async function pupil(klas: SchoolFixture['classA'], index = 0) {
	const client = new Client(server.url);
	const p = klas.pupils[index]!;
	const res = await client.post(`/klas/${klas.token}/${p.id}`, {
		picked: p.code.slice(0, 2).join(','),
		pick: p.code[2]!
	});
	expect(res.status).toBe(303);
	expect(res.headers.get('location')).toBe('/leerling');
	return client;
}

describe('login for every role', () => {
	it('teacher, admin and parent log in with email and password; the cookie is safe', async () => {
		for (const [email, home] of [
			[school.teacherA.email, '/docent'],
			[school.admin.email, '/docent'],
			[school.parent.email, '/ouder']
		] as const) {
			const client = new Client(server.url);
			const res = await client.post('/login', { email: email.toUpperCase(), password: PASSWORD });
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe(home);
			const cookie = res.headers.getSetCookie().find((c) => c.startsWith('denkna_session='))!;
			expect(cookie).toMatch(/HttpOnly/i);
			expect(cookie).toMatch(/SameSite=Lax/i);
			// Served over plain http (ORIGIN=http://…): a Secure cookie would be dropped on a LAN
			// address. Over https it is Secure (tests/integration/proxy.test.ts).
			expect(cookie).not.toMatch(/Secure/i);
			expect((await client.get(home)).status).toBe(200);
		}
	});

	it('a wrong password gets a Dutch message and no session', async () => {
		const client = new Client(server.url);
		const res = await client.post('/login', {
			email: school.teacherA.email,
			password: 'fout-wachtwoord'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Dit e-mailadres en wachtwoord horen niet bij elkaar.');
		expect(client.cookies.has('denkna_session')).toBe(false);
	});

	it('a pupil logs in by tapping the picture code, one picture per request without JavaScript', async () => {
		const client = new Client(server.url);
		const p = school.classA.pupils[1]!;
		let picked = '';
		for (const pick of p.code.slice(0, 2)) {
			const res = await client.post(`/klas/${school.classA.token}/${p.id}`, { picked, pick });
			expect(res.status).toBe(200);
			picked = picked ? `${picked},${pick}` : pick;
			expect(await res.text()).toContain(`value="${picked}"`);
		}
		const res = await client.post(`/klas/${school.classA.token}/${p.id}`, {
			picked,
			pick: p.code[2]!
		});
		expect(res.headers.get('location')).toBe('/leerling');
		const page = await (await client.get('/leerling')).text();
		expect(page).toContain(p.name);
		expect(page).toContain(lesson().title);
	});

	it('locks a pupil after five wrong codes; the teacher sees it and unlocks', async () => {
		const p = school.classA.pupils[2]!;
		const wrong = [...p.code].reverse();
		const client = new Client(server.url);
		let res: Response | undefined;
		for (let i = 0; i < 5; i++)
			res = await client.post(`/klas/${school.classA.token}/${p.id}`, {
				picked: wrong.slice(0, 2).join(','),
				pick: wrong[2]!
			});
		expect(await res!.text()).toContain(
			'Wacht vijf minuten of vraag je juf of meester om je weer open te zetten.'
		);
		const right = await client.post(`/klas/${school.classA.token}/${p.id}`, {
			picked: p.code.slice(0, 2).join(','),
			pick: p.code[2]!
		});
		expect(right.status).toBe(400);

		const teacher = await staff(school.teacherA.email);
		expect(await (await teacher.get(`/docent/klas/${school.classA.id}`)).text()).toContain(
			'Op slot'
		);
		const unlock = await teacher.post(`/docent/klas/${school.classA.id}?/unlock`, {
			pupil: String(p.id)
		});
		expect(unlock.status).toBe(200);
		const again = await client.post(`/klas/${school.classA.token}/${p.id}`, {
			picked: p.code.slice(0, 2).join(','),
			pick: p.code[2]!
		});
		expect(again.status).toBe(303);
	});

	it('rate-limits wrong passwords per email address', async () => {
		const client = new Client(server.url);
		for (let i = 0; i < FREE_PASSWORD_FAILURES; i++)
			await client.post('/login', {
				email: other.teacherB.email,
				password: `fout-${i}-wachtwoord`
			});
		const res = await client.post('/login', { email: other.teacherB.email, password: PASSWORD });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Te veel mislukte pogingen');
	});

	it('logout ends the session on the server', async () => {
		const client = await staff(school.teacherB.email);
		const token = client.cookies.get('denkna_session')!;
		await client.post('/logout', {});
		const reuse = new Client(server.url);
		reuse.cookies.set('denkna_session', token);
		const res = await reuse.get('/docent');
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/login/);
	});
});

describe('authorization', () => {
	it('a teacher sees only their own classes, in loads and in actions', async () => {
		const teacherB = await staff(school.teacherB.email);
		expect((await teacherB.get(`/docent/klas/${school.classA.id}`)).status).toBe(404);
		expect((await teacherB.get(`/docent/klas/${school.classA.id}/inlogkaarten`)).status).toBe(404);
		const res = await teacherB.post(`/docent/klas/${school.classA.id}?/addPupils`, {
			names: 'Indringer Test'
		});
		expect(res.status).toBe(404);
		const names = await server.db
			.selectFrom('pupil')
			.select('display_name')
			.where('class_id', '=', school.classA.id)
			.execute();
		expect(names.map((n) => n.display_name)).not.toContain('Indringer T.');
		const own = await (await teacherB.get('/docent')).text();
		expect(own).toContain('Groep 5b');
		expect(own).not.toContain(`/docent/klas/${school.classA.id}"`);
	});

	it('an admin sees every class of their own school, not of another school', async () => {
		const admin = await staff(school.admin.email);
		expect((await admin.get(`/docent/klas/${school.classA.id}`)).status).toBe(200);
		expect((await admin.get(`/docent/klas/${other.classA.id}`)).status).toBe(404);
	});

	it('a parent sees only their own child', async () => {
		const parent = await staff(school.parent.email);
		const page = await (await parent.get('/ouder')).text();
		expect(page).toContain(school.classA.pupils[0]!.name);
		expect(page).not.toContain(school.classA.pupils[1]!.name);
		expect((await parent.get(`/docent/klas/${school.classA.id}`)).status).toBe(403);
	});

	it("a pupil cannot open staff pages or another class's lessons", async () => {
		const client = await pupil(school.classB);
		expect((await client.get('/docent')).status).toBe(303);
		expect((await client.get('/ouder')).status).toBe(303);
		const vo = realLibrary().lessons.find((l) => l.band === 'vo-1-3');
		if (vo) expect((await client.get(`/leerling/les/${vo.id}`)).status).toBe(404);
		const page = await (await client.get('/leerling')).text();
		expect(page).not.toContain(school.classA.pupils[0]!.name);
	});

	it('pages are never cached, so Back after logout shows nothing', async () => {
		const client = await pupil(school.classB, 1);
		const res = await client.get('/leerling');
		expect(res.headers.get('cache-control')).toBe('no-store');
	});
});

describe('answers', () => {
	it('a retried answer with the same client id is stored once', async () => {
		const client = await pupil(school.classA);
		const l = lesson();
		await client.get(`/leerling/les/${l.id}`);
		// Walk to the first question.
		for (const step of l.steps) {
			if (isScored(step)) break;
			await client.post(`/leerling/les/${l.id}?/next`, { step: step.id });
		}
		const step = l.steps.find(isScored)!;
		const choice = rightChoice(step);
		const fields: Record<string, string | string[]> = {
			step: step.id,
			clientId: 'retry-test-0001'
		};
		for (const [k, value] of choiceToForm(step, choice))
			fields[k] = k in fields ? [fields[k]!, value].flat() : value;
		const first = await client.post(`/leerling/les/${l.id}?/answer`, fields);
		const second = await client.post(`/leerling/les/${l.id}?/answer`, fields);
		expect(first.status).toBe(303);
		expect(second.status).toBe(303);
		const rows = await server.db
			.selectFrom('answer')
			.selectAll()
			.where('client_id', '=', 'retry-test-0001')
			.execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			pupil_id: school.classA.pupils[0]!.id,
			lesson_id: l.id,
			step_id: step.id,
			correct: 1,
			attempt: 1,
			lesson_version: l.version
		});
	});

	it('the outbox endpoint stores an answer once, says which items it refused and why', async () => {
		const client = await pupil(school.classA, 1);
		const l = lesson();
		const pupilId = school.classA.pupils[1]!.id;
		await client.get(`/leerling/les/${l.id}`);
		const first = l.steps.findIndex(isScored);
		const step = l.steps[first]!;
		if (!isScored(step)) throw new Error('no question');
		const moves = l.steps.slice(0, first).map((s, i) => ({
			kind: 'advance',
			clientId: `sync-move-${i}-0000`,
			lessonId: l.id,
			stepId: s.id
		}));
		const answer = {
			kind: 'answer',
			clientId: 'sync-answer-0001',
			lessonId: l.id,
			stepId: step.id,
			choice: rightChoice(step)
		};
		const res = await client.postJson('/leerling/sync', { items: [...moves, answer] });
		expect(res.status).toBe(200);
		const body = (await res.json()) as { done: string[]; refused: unknown[] };
		expect(body.done).toEqual([...moves.map((m) => m.clientId), answer.clientId]);
		expect(body.refused).toEqual([]);

		// Sent again (the reply was lost): done again, stored once.
		const again = (await (await client.postJson('/leerling/sync', { items: [answer] })).json()) as {
			done: string[];
			refused: unknown[];
		};
		expect(again).toEqual({ done: [answer.clientId], refused: [] });
		const rows = await server.db
			.selectFrom('answer')
			.select(['step_id', 'correct', 'attempt'])
			.where('pupil_id', '=', pupilId)
			.execute();
		expect(rows).toEqual([{ step_id: step.id, correct: 1, attempt: 1 }]);

		// A choice that doesn't fit the question, and a lesson of another band: refused, with why.
		const otherBand = realLibrary().lessons.find((x) => x.band === 'vo-1-3')!;
		const refused = (await (
			await client.postJson('/leerling/sync', {
				items: [
					{ ...answer, clientId: 'sync-bad-choice-1', choice: { type: 'scenario', option: 'x' } },
					{ ...answer, clientId: 'sync-other-band-1', lessonId: otherBand.id }
				]
			})
		).json()) as { done: string[]; refused: { clientId: string; message: string }[] };
		expect(refused.refused).toEqual([
			{ clientId: 'sync-bad-choice-1', message: 'Dit antwoord past niet bij de vraag.' },
			{ clientId: 'sync-other-band-1', message: 'Deze les staat niet voor jou klaar.' }
		]);
		expect(
			await server.db.selectFrom('answer').select('id').where('pupil_id', '=', pupilId).execute()
		).toHaveLength(1);

		// A body that is not the outbox's: 400 with a Dutch message; nobody logged in: no entry.
		const bad = await client.postJson('/leerling/sync', '{"items": [{"kind": "answer"}]');
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Deze antwoorden kunnen niet worden gelezen.');
		const anonymous = await new Client(server.url).postJson('/leerling/sync', { items: [] });
		expect([302, 303, 401, 403]).toContain(anonymous.status);
	});

	it('bad input gets a Dutch message and stores nothing', async () => {
		const client = await pupil(school.classA);
		const l = lesson();
		const before = await server.db
			.selectFrom('answer')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const res = await client.post(`/leerling/les/${l.id}?/answer`, {
			step: 'bestaat-niet',
			clientId: 'bad-input-0001'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Deze vraag hoort niet bij deze les.');
		const after = await server.db
			.selectFrom('answer')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(after.n).toBe(before.n);
	});
});

describe('first run', () => {
	it('an empty server shows the set-up page, then never again', async () => {
		const fresh = await startServer();
		try {
			const client = new Client(fresh.url);
			const home = await client.get('/');
			expect(home.headers.get('location')).toBe('/start');
			const bad = await client.post('/start', {
				foundation: 'S',
				school: 'School',
				protocol: 'generiek',
				name: 'Bea',
				email: 'bea@school.test',
				password: 'kort'
			});
			expect(bad.status).toBe(400);
			expect(await fresh.db.selectFrom('school').selectAll().execute()).toEqual([]);
			const ok = await client.post('/start', {
				foundation: 'Stichting',
				school: 'De Regenboog',
				protocol: 'groningen',
				name: 'Bea',
				email: 'bea@school.test',
				password: 'een goed wachtwoord'
			});
			expect(ok.headers.get('location')).toBe('/docent');
			expect((await client.get('/docent')).status).toBe(200);
			expect((await new Client(fresh.url).get('/start')).headers.get('location')).toBe('/login');
		} finally {
			await fresh.stop();
		}
	});
});
