// The security findings of issue 16 over real HTTP: the server as `npm start` runs it
// (scripts/serve.js), on plain http without ORIGIN, as on a school's LAN.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../helpers/server.ts';
import { freshDatabase, type FreshDatabase } from '../helpers/db.ts';
import { PASSWORD, seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { FREE_PASSWORD_FAILURES } from '../../src/lib/server/auth/rate-limit.ts';
import type { DB } from '../../src/lib/server/db/index.ts';
import { serveBuild, type Running } from './lib/serve.ts';

let server: Running;
let db: DB;
let dir: string;
let school: SchoolFixture;
beforeAll(async () => {
	let database: FreshDatabase['env'];
	({ db, env: database, dir } = await freshDatabase());
	school = await seedSchool(db);
	server = await serveBuild({ database });
});
afterAll(async () => {
	await server?.stop();
	await db?.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
});

async function teacher() {
	const client = new Client(server.url);
	const res = await client.post('/login', { email: school.teacherA.email, password: PASSWORD });
	expect(res.status).toBe(303);
	return client;
}

function foreignPost(path: string, headers: Record<string, string> = {}) {
	return fetch(server.url + path, {
		method: 'POST',
		headers: {
			origin: 'http://evil.example',
			'content-type': 'application/x-www-form-urlencoded',
			...headers
		},
		body: new URLSearchParams({ email: school.teacherA.email, password: PASSWORD }),
		redirect: 'manual'
	});
}

describe('form posts on a plain-http LAN without ORIGIN', () => {
	it('work from the address the page was opened at, with a cookie the browser keeps', async () => {
		const client = new Client(server.url);
		const res = await client.post('/login', { email: school.teacherA.email, password: PASSWORD });
		expect(res.status).toBe(303);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('denkna_session='))!;
		expect(cookie).not.toMatch(/Secure/i);
		expect((await client.get('/docent')).status).toBe(200);
	});

	it('a foreign Origin still gets 403, with a Dutch page that says how to fix it', async () => {
		const res = await foreignPost('/login');
		expect(res.status).toBe(403);
		expect(res.headers.get('set-cookie')).toBeNull();
		const html = await res.text();
		expect(html).toContain('Dit formulier is geweigerd');
		expect(html).toContain('ORIGIN');
		expect(html).toContain('http://evil.example');
	});

	it('a rejected post sent by use:enhance gets an error result the page shows', async () => {
		const res = await foreignPost('/login', {
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		});
		expect(res.status).toBe(403);
		const body = await res.json();
		expect(body).toMatchObject({
			type: 'error',
			error: { message: expect.stringMatching(/ORIGIN/) }
		});
		// The error page shows text: no markup in the message.
		expect(body.error.message).not.toMatch(/<code>/);
	});

	it('the login cards use the address the teacher opened the page at', async () => {
		const client = await teacher();
		const html = await (await client.get(`/docent/klas/${school.classA.id}/inlogkaarten`)).text();
		expect(html).toContain(`${server.url}/klas/${school.classA.token}`);
		expect(html).not.toContain('https://127.0.0.1');
	});
});

describe('1: redirect after login', () => {
	it('TAB in redirectTo does not lead to another site', async () => {
		const client = new Client(server.url);
		const res = await client.post('/login?redirectTo=%2F%09%2Fevil.example', {
			email: school.teacherA.email,
			password: PASSWORD
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/docent');
	});

	it('CR/LF in redirectTo is no 500', async () => {
		const client = new Client(server.url);
		const res = await client.post('/login?redirectTo=%2F%0A%2Fx', {
			email: school.teacherA.email,
			password: PASSWORD
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/docent');
	});
});

describe('2: the password limit over HTTP', () => {
	it('24 parallel wrong passwords: only the free ones are checked', async () => {
		const client = new Client(server.url);
		const pages = await Promise.all(
			Array.from({ length: 24 }, async (_, i) =>
				(
					await client.post('/login', { email: school.teacherB.email, password: `fout-${i}-x` })
				).text()
			)
		);
		expect(pages.filter((p) => p.includes('horen niet bij elkaar'))).toHaveLength(
			FREE_PASSWORD_FAILURES
		);
	});
});

describe('4: /koppelen', () => {
	it('answers a bogus code the same for an existing and an unknown e-mail address', async () => {
		const answer = async (email: string) => {
			const res = await new Client(server.url).post('/koppelen', {
				code: 'ZZZZ-ZZZZ',
				name: 'Iemand',
				email,
				password: 'een-lang-wachtwoord'
			});
			const page = (await res.text()).replaceAll(email, 'E').replace(/nonce[-=]"?[\w+/=]+/g, '');
			return [res.status, page] as const;
		};
		const known = await answer(school.admin.email);
		const unknown = await answer('niemand@thuis.test');
		expect(known[0]).toBe(400);
		expect(known).toEqual(unknown);
		expect(known[1]).not.toContain('Er is al een account');
	});
});

describe('9: bodies and names', () => {
	it('malformed multipart is a Dutch 400, also without login', async () => {
		const res = await fetch(server.url + '/login', {
			method: 'POST',
			headers: {
				origin: server.url,
				'content-type': 'multipart/form-data; boundary=xyz'
			},
			body: '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\nkapot',
			redirect: 'manual'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('kon niet gelezen worden');
	});

	it('a body over 1 MB is a Dutch 413 "te groot"; a 1 MB CSV file still arrives', async () => {
		const client = await teacher();
		const big = new FormData();
		big.append('csv', new File(['x'.repeat(1_200_000)], 'klas.csv', { type: 'text/csv' }));
		const res = await client.postMultipart(`/docent/klas/${school.classA.id}?/importCsv`, big);
		expect(res.status).toBe(413);
		expect(await res.text()).toContain('te groot');
		const ok = new FormData();
		ok.append('csv', new File(['x'.repeat(900_000)], 'klas.csv', { type: 'text/csv' }));
		const fits = await client.postMultipart(`/docent/klas/${school.classA.id}?/importCsv`, ok);
		expect(fits.status).not.toBe(413);
		expect(fits.status).toBeLessThan(500);
	});

	it('a file sent as "names" stores no pupil called "[object F."', async () => {
		const client = await teacher();
		const form = new FormData();
		form.append('names', new File(['Emma'], 'x.txt'));
		const res = await client.postMultipart(`/docent/klas/${school.classA.id}?/addPupils`, form);
		expect(res.status).toBe(400);
		const names = await db.selectFrom('pupil').select('display_name').execute();
		expect(names.some((n) => n.display_name.includes('object'))).toBe(false);
	});
});

describe('10: headers and error pages', () => {
	it('static files carry the security headers too', async () => {
		const res = await fetch(server.url + '/pictures/thinking-face.svg');
		expect(res.status).toBe(200);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
	});

	it('an unknown page answers in Dutch', async () => {
		const res = await fetch(server.url + '/bestaat-niet', { headers: { accept: 'text/html' } });
		expect(res.status).toBe(404);
		const html = await res.text();
		expect(html).toContain('Deze pagina bestaat niet');
		expect(html).not.toContain('Not Found');
	});
});

describe('8: first run', () => {
	it('six parallel "School aanmaken" posts on an empty database make one school', async () => {
		const empty = await freshDatabase();
		const first = await serveBuild({ database: empty.env });
		try {
			const client = new Client(first.url);
			expect((await client.get('/start')).status).toBe(200);
			const results = await Promise.all(
				[0, 1, 2, 3, 4, 5].map((i) =>
					new Client(first.url).post('/start', {
						foundation: 'Stichting',
						school: `School ${i}`,
						protocol: 'juliana',
						name: 'Beheer',
						email: `beheer${i}@school.test`,
						password: PASSWORD
					})
				)
			);
			expect(results.map((r) => r.status)).toEqual([303, 303, 303, 303, 303, 303]);
			expect(results.filter((r) => r.headers.get('location') === '/docent')).toHaveLength(1);
			expect(await empty.db.selectFrom('school').select('id').execute()).toHaveLength(1);
			expect(await empty.db.selectFrom('user').select('id').execute()).toHaveLength(1);
		} finally {
			await first.stop();
			await empty.drop();
		}
	});
});
