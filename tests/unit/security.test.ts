// The findings of the outside security probe (issue 16), one describe each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { DB } from '../../src/lib/server/db/index.ts';
import { freshDatabase } from '../helpers/db.ts';
import { PASSWORD, seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { safeRedirectTarget } from '../../src/lib/server/auth/guards.ts';
import { loginWithPassword, loginWithPictureCode } from '../../src/lib/server/auth/login.ts';
import {
	CLASS_FAILURES,
	FREE_PASSWORD_FAILURES,
	KOPPELCODE_ADDRESS_FAILURES,
	KOPPELCODE_PARENT_FAILURES,
	PUPIL_FAILURES,
	passwordDelay,
	recordAttempt,
	subjects
} from '../../src/lib/server/auth/rate-limit.ts';
import {
	USER_SESSION_MAX_MS,
	USER_SESSION_MS,
	createSession,
	generateSessionToken,
	invalidateUserSessions,
	validateSessionToken
} from '../../src/lib/server/auth/session.ts';
import { createKoppelcode, linkChild, registerParent } from '../../src/lib/server/parents.ts';
import { hasSchool, setupFirstSchool } from '../../src/lib/server/schools.ts';
import { cleanName, displayNameFromLine } from '../../src/lib/server/names.ts';
import { nameField } from '../../src/lib/server/forms.ts';
import { createInvite, withdrawInvite } from '../../src/lib/server/invites.ts';
import { createUser } from '../../src/lib/server/users.ts';

let db: DB;
let school: SchoolFixture;
let other: SchoolFixture;
beforeAll(async () => {
	({ db } = await freshDatabase());
	school = await seedSchool(db);
	other = await seedSchool(db, { tag: 'b' });
});
afterAll(() => db.destroy());

const wrongCode = (code: string[]) => [...code].reverse();

describe('1: redirect after login', () => {
	it('refuses TAB, CR, LF and backslashes that browsers turn into another site', () => {
		for (const target of ['/\t/evil.example', '/\n/x', '/\r\n/x', '/%09/ok', '/\\/evil.example'])
			expect(safeRedirectTarget(target, '/docent')).toBe(
				target === '/%09/ok' ? '/%09/ok' : '/docent'
			);
		expect(safeRedirectTarget('/docent/klas/3?tab=ouders', '/x')).toBe('/docent/klas/3?tab=ouders');
	});
});

describe('2 and 6: wrong passwords', () => {
	it('24 parallel wrong passwords are not all checked: the attempt is counted first', async () => {
		const email = other.teacherB.email;
		const results = await Promise.all(
			Array.from({ length: 24 }, (_, i) => loginWithPassword(db, email, `fout-${i}-ww`, '10.2.0.1'))
		);
		const checked = results.filter((r) => !r.ok && /horen niet bij elkaar/.test(r.message));
		expect(checked).toHaveLength(FREE_PASSWORD_FAILURES);
		expect(results.filter((r) => !r.ok && /Te veel mislukte/.test(r.message))).toHaveLength(
			24 - FREE_PASSWORD_FAILURES
		);
	});

	it('wait grows with each wrong password instead of a fixed 15-minute lock', async () => {
		const email = school.teacherB.email;
		const t = 1_900_000_000_000;
		for (let i = 0; i < FREE_PASSWORD_FAILURES; i++)
			await loginWithPassword(db, email, 'fout-wachtwoord', '10.2.0.2', t + i);
		const soon = await loginWithPassword(db, email, PASSWORD, '10.2.0.2', t + 10_000);
		expect(soon).toMatchObject({ ok: false, message: expect.stringMatching(/over \d+ seconden/) });
		expect(passwordDelay(FREE_PASSWORD_FAILURES)).toBe(30_000);
		const after = await loginWithPassword(db, email, PASSWORD, '10.2.0.2', t + 31_000);
		expect(after).toMatchObject({ ok: true });
		expect(passwordDelay(FREE_PASSWORD_FAILURES + 1)).toBe(60_000);
		expect(passwordDelay(100)).toBe(15 * 60_000);
	});
});

describe('3: koppelcode guessing', () => {
	it('stops a parent after a few wrong codes; a valid code right after is refused too', async () => {
		const parent = await createUser(db, {
			email: 'raad@thuis.test',
			name: 'Rader',
			password: PASSWORD,
			role: 'parent',
			schoolId: null
		});
		const tries = [];
		for (let i = 0; i < 30; i++) tries.push(await linkChild(db, parent, `ZZZZ-ZZ${i}`, '10.3.0.1'));
		const refused = tries.filter((r) => !r.ok && /te vaak/.test(r.message));
		expect(refused).toHaveLength(30 - KOPPELCODE_PARENT_FAILURES);
		const { code } = await createKoppelcode(db, school.classA.pupils[2]!.id, school.teacherA.id);
		expect(await linkChild(db, parent, code, '10.3.0.9')).toMatchObject({ ok: false });
		expect(await linkChild(db, other.parent.id, code, '10.3.0.9')).toMatchObject({ ok: true });
	});

	it('stops one address that makes new parent accounts to guess', async () => {
		const results = [];
		for (let i = 0; i < KOPPELCODE_ADDRESS_FAILURES + 3; i++)
			results.push(
				await registerParent(
					db,
					{ name: 'X', email: `x${i}@thuis.test`, password: 'lang-genoeg-12', code: 'AAAA-AAAA' },
					'10.3.1.1'
				)
			);
		expect(results.at(-1)).toMatchObject({ ok: false, message: expect.stringMatching(/te vaak/) });
		expect(results.filter((r) => !r.ok && /kennen we niet/.test(r.message))).toHaveLength(
			KOPPELCODE_ADDRESS_FAILURES
		);
	});
});

describe('4: no account enumeration on /koppelen', () => {
	it('answers a bogus code the same whether the e-mail address has an account', async () => {
		const input = { name: 'Y', password: 'lang-genoeg-12', code: 'ZZZZ-ZZZZ' };
		const known = await registerParent(db, { ...input, email: school.admin.email }, '10.4.0.1');
		const unknown = await registerParent(db, { ...input, email: 'nieuw@thuis.test' }, '10.4.0.1');
		expect(known).toEqual(unknown);
		expect(known).toMatchObject({ ok: false, message: expect.stringMatching(/kennen we niet/) });
	});
});

describe('5: pupils can not lock the school, nor each other for long', () => {
	it('a class full of wrong picture codes from the NAT address never blocks a teacher', async () => {
		const nat = '10.5.0.1';
		const pupils = school.classA.pupils;
		for (let i = 0; i < 80; i++) {
			const p = pupils[i % pupils.length]!;
			await loginWithPictureCode(db, school.classA.id, p.id, wrongCode(p.code), nat);
		}
		expect(await loginWithPassword(db, school.teacherA.email, PASSWORD, nat)).toMatchObject({
			ok: true
		});
	});

	it('past the class budget only pupils who tapped wrong codes wait; the others log in', async () => {
		const klas = other.classA;
		const [guessed, fresh] = klas.pupils;
		// Someone guessing through a class of 28: wrong codes spread over many pupils.
		for (let i = 0; i < CLASS_FAILURES; i++)
			await recordAttempt(db, subjects.pupil(klas.id, 1000 + (i % 28)), '10.5.1.1', false);
		const wrong = await loginWithPictureCode(
			db,
			klas.id,
			guessed!.id,
			wrongCode(guessed!.code),
			'10.5.1.1'
		);
		expect(wrong).toMatchObject({ ok: false, message: expect.stringMatching(/Probeer het nog/) });
		const waits = await loginWithPictureCode(db, klas.id, guessed!.id, guessed!.code, '10.5.1.1');
		expect(waits).toMatchObject({ ok: false, message: expect.stringMatching(/te vaak/) });
		expect(
			await loginWithPictureCode(db, klas.id, fresh!.id, fresh!.code, '10.5.1.1')
		).toMatchObject({ ok: true });
	});

	it('a locked pupil loses their open session', async () => {
		const p = school.classB.pupils[1]!;
		const token = generateSessionToken();
		await createSession(db, token, { pupilId: p.id });
		expect((await validateSessionToken(db, token)).pupil?.id).toBe(p.id);
		for (let i = 0; i < PUPIL_FAILURES; i++)
			await loginWithPictureCode(db, school.classB.id, p.id, wrongCode(p.code), '10.5.2.1');
		expect((await validateSessionToken(db, token)).session).toBeNull();
	});
});

describe('8: first run', () => {
	it('six parallel first-run posts make one school', async () => {
		const { db: empty } = await freshDatabase();
		const input = (i: number) => ({
			foundation: 'S',
			school: `School ${i}`,
			adminName: 'B',
			email: `b${i}@school.test`,
			password: PASSWORD,
			protocolId: 'juliana'
		});
		const made = await Promise.all(
			[0, 1, 2, 3, 4, 5].map((i) => setupFirstSchool(empty, input(i)))
		);
		expect(made.filter(Boolean)).toHaveLength(1);
		expect(await empty.selectFrom('school').select('id').execute()).toHaveLength(1);
		expect(await hasSchool(empty)).toBe(true);
		await empty.destroy();
	});
});

describe('9: names', () => {
	it('are NFC, without control, zero-width or direction characters, never empty', () => {
		expect(cleanName('Je\u200Broen \u202Eed\u202C  ')).toBe('Jeroen ed');
		expect(cleanName('Zoe\u0308')).toBe('Zoë');
		expect(displayNameFromLine('\u200B\u202E')).toBeNull();
		expect(displayNameFromLine('Emma\u200D de\u2066 Vries')).toBe('Emma V.');
		expect(v.safeParse(nameField('je naam'), '\u200B \u202E').success).toBe(false);
		expect(v.safeParse(nameField('je naam'), ' Anne\u0000 ').output).toBe('Anne');
	});
});

describe('10: sessions and invites', () => {
	it('a staff session ends at its absolute maximum however often it is used', async () => {
		const token = generateSessionToken();
		const start = 1_950_000_000_000;
		await createSession(db, token, { userId: school.teacherA.id }, start);
		let t = start;
		while (t < start + USER_SESSION_MAX_MS - USER_SESSION_MS / 2) {
			t += USER_SESSION_MS * 0.6;
			if (t >= start + USER_SESSION_MAX_MS) break;
			expect((await validateSessionToken(db, token, t)).user?.id).toBe(school.teacherA.id);
		}
		const last = await validateSessionToken(db, token, start + USER_SESSION_MAX_MS + 1);
		expect(last.session).toBeNull();
	});

	it('"log uit op alle apparaten" ends every session of that user', async () => {
		const [a, b] = [generateSessionToken(), generateSessionToken()];
		await createSession(db, a, { userId: school.teacherB.id });
		await createSession(db, b, { userId: school.teacherB.id });
		await invalidateUserSessions(db, school.teacherB.id);
		expect((await validateSessionToken(db, a)).session).toBeNull();
		expect((await validateSessionToken(db, b)).session).toBeNull();
	});

	it("withdrawing another school's invite reports that nothing was found", async () => {
		await createInvite(db, {
			schoolId: other.schoolId,
			email: 'n@b.test',
			createdBy: other.admin.id
		});
		const invite = await db
			.selectFrom('teacher_invite')
			.select('id')
			.where('email', '=', 'n@b.test')
			.executeTakeFirstOrThrow();
		expect(await withdrawInvite(db, school.schoolId, invite.id)).toBe(false);
		expect(await withdrawInvite(db, other.schoolId, invite.id)).toBe(true);
	});
});
