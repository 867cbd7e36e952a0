import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import {
	PUPIL_SESSION_MS,
	USER_SESSION_MS,
	createSession,
	generateSessionToken,
	sessionIdFromToken,
	validateSessionToken
} from '../../src/lib/server/auth/session.ts';
import {
	hashPassword,
	passwordProblem,
	verifyPassword
} from '../../src/lib/server/auth/password.ts';
import { safeRedirectTarget } from '../../src/lib/server/auth/guards.ts';
import { loginWithPictureCode } from '../../src/lib/server/auth/login.ts';
import { PUPIL_LOCK_MS } from '../../src/lib/server/auth/rate-limit.ts';
import type { DB } from '../../src/lib/server/db/index.ts';
import { freshDatabase } from '../helpers/db.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';

let db: DB;
let school: SchoolFixture;
beforeAll(async () => {
	({ db } = await freshDatabase());
	school = await seedSchool(db);
});
afterAll(() => db.destroy());

describe('session tokens', () => {
	it('are random base32 and stored only as their SHA-256', async () => {
		const token = generateSessionToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(generateSessionToken()).not.toBe(token);
		await createSession(db, token, { userId: school.teacherA.id });
		const ids = (await db.selectFrom('session').select('id').execute()).map((r) => r.id);
		expect(ids).toContain(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
		expect(ids).not.toContain(token);
		expect(sessionIdFromToken(token)).toHaveLength(64);
	});

	it('slide for staff when half their life is gone', async () => {
		const token = generateSessionToken();
		const start = 1_800_000_000_000;
		await createSession(db, token, { userId: school.teacherA.id }, start);
		const early = await validateSessionToken(db, token, start + 1000);
		expect(early.session?.expiresAt).toBe(start + USER_SESSION_MS);
		const later = start + USER_SESSION_MS * 0.6;
		const renewed = await validateSessionToken(db, token, later);
		expect(renewed.user?.email).toBe(school.teacherA.email);
		expect(renewed.session?.expiresAt).toBe(later + USER_SESSION_MS);
	});

	it('end for pupils after a school day, without renewal', async () => {
		const token = generateSessionToken();
		const start = 1_800_000_000_000;
		const pupilId = school.classA.pupils[0]!.id;
		await createSession(db, token, { pupilId }, start);
		const during = await validateSessionToken(db, token, start + PUPIL_SESSION_MS - 1000);
		expect(during.pupil?.id).toBe(pupilId);
		expect(during.session?.expiresAt).toBe(start + PUPIL_SESSION_MS);
		const after = await validateSessionToken(db, token, start + PUPIL_SESSION_MS);
		expect(after.session).toBeNull();
		expect(
			await db
				.selectFrom('session')
				.where('id', '=', sessionIdFromToken(token))
				.selectAll()
				.execute()
		).toEqual([]);
	});

	it('do not validate an unknown token', async () => {
		expect((await validateSessionToken(db, generateSessionToken())).session).toBeNull();
	});
});

describe('passwords', () => {
	it('are hashed with argon2id and verified', async () => {
		const hash = await hashPassword('een lang wachtwoord');
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(hash, 'een lang wachtwoord')).toBe(true);
		expect(await verifyPassword(hash, 'een ander wachtwoord')).toBe(false);
		expect(await verifyPassword('geen-hash', 'x')).toBe(false);
	});

	it('must be long enough, in Dutch', () => {
		expect(passwordProblem('kort')).toMatch(/minstens 10 tekens/);
		expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/verschillende tekens/);
		expect(passwordProblem('een prima wachtwoord')).toBeNull();
	});
});

describe('redirect targets', () => {
	it('only accept paths on this site', () => {
		expect(safeRedirectTarget('/docent/klas/1', '/x')).toBe('/docent/klas/1');
		expect(safeRedirectTarget('//evil.example', '/x')).toBe('/x');
		expect(safeRedirectTarget('https://evil.example', '/x')).toBe('/x');
		expect(safeRedirectTarget('/\\evil.example', '/x')).toBe('/x');
		expect(safeRedirectTarget(null, '/x')).toBe('/x');
	});
});

describe('picture code login', () => {
	it('locks a pupil after five wrong codes in a row, for five minutes', async () => {
		const pupil = school.classB.pupils[0]!;
		const wrong = [...pupil.code].reverse();
		for (let i = 0; i < 4; i++) {
			const r = await loginWithPictureCode(db, school.classB.id, pupil.id, wrong, '10.1.1.1');
			expect(r).toMatchObject({
				ok: false,
				message: expect.stringMatching(/Probeer het nog een keer/)
			});
		}
		const fifth = await loginWithPictureCode(db, school.classB.id, pupil.id, wrong, '10.1.1.1');
		expect(fifth).toMatchObject({ ok: false, locked: true });
		const right = await loginWithPictureCode(
			db,
			school.classB.id,
			pupil.id,
			pupil.code,
			'10.1.1.1'
		);
		expect(right).toMatchObject({ ok: false, locked: true });
		const later = await loginWithPictureCode(
			db,
			school.classB.id,
			pupil.id,
			pupil.code,
			'10.1.1.1',
			Date.now() + PUPIL_LOCK_MS + 1000
		);
		expect(later).toMatchObject({ ok: true, id: pupil.id });
	});

	it('refuses a pupil of another class', async () => {
		const pupil = school.classA.pupils[1]!;
		const r = await loginWithPictureCode(db, school.classB.id, pupil.id, pupil.code, '10.1.1.2');
		expect(r.ok).toBe(false);
	});
});
