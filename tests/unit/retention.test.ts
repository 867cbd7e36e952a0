import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/index.ts';
import { freshDatabase, realLibrary } from '../helpers/db.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { answerLesson } from '../helpers/answers.ts';
import { archiveClass } from '../../src/lib/server/classes.ts';
import { archivedClassDays, cleanUp } from '../../src/lib/server/retention.ts';
import { createKoppelcode } from '../../src/lib/server/parents.ts';
import {
	USER_SESSION_MAX_MS,
	createSession,
	generateSessionToken
} from '../../src/lib/server/auth/session.ts';
import { recordAttempt, subjects } from '../../src/lib/server/auth/rate-limit.ts';

const DAY = 24 * 60 * 60 * 1000;
let db: DB;
let school: SchoolFixture;
beforeAll(async () => {
	({ db } = await freshDatabase());
	school = await seedSchool(db);
});
afterAll(() => db.destroy());

const count = async (table: 'pupil' | 'answer' | 'session' | 'koppelcode' | 'login_attempt') =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

describe('the daily clean-up', () => {
	it('keeps archived pupils one school year by default, then removes them with their data', async () => {
		expect(archivedClassDays({})).toBe(365);
		expect(archivedClassDays({ DENKNA_ARCHIVE_RETENTION_DAYS: '30' })).toBe(30);
		expect(() => archivedClassDays({ DENKNA_ARCHIVE_RETENTION_DAYS: 'nooit' })).toThrow(/dagen/);

		const lesson = realLibrary().lessons.find((l) => l.band === 'groep-5-6')!;
		const t0 = Date.now();
		const gone = school.classB.pupils[0]!.id;
		await answerLesson(db, gone, lesson);
		await answerLesson(db, school.classA.pupils[1]!.id, lesson);
		await recordAttempt(db, subjects.pupil(school.classB.id, gone), '10.0.0.1', false, t0);
		await archiveClass(db, school.classB.id, t0);
		const answersBefore = await count('answer');
		const pupilsBefore = await count('pupil');

		const early = await cleanUp(db, t0 + 364 * DAY, 365);
		expect(early).toMatchObject({ classes: 0, pupils: 0 });
		expect(await count('pupil')).toBe(pupilsBefore);

		const later = await cleanUp(db, t0 + 366 * DAY, 365);
		expect(later).toMatchObject({ classes: 1, pupils: school.classB.pupils.length });
		expect(await count('pupil')).toBe(pupilsBefore - school.classB.pupils.length);
		const left = await db.selectFrom('answer').select('pupil_id').distinct().execute();
		expect(left.map((r) => r.pupil_id)).toEqual([school.classA.pupils[1]!.id]);
		expect(await count('answer')).toBeLessThan(answersBefore);
		const attempts = await db.selectFrom('login_attempt').select('subject').execute();
		expect(attempts.some((a) => a.subject.startsWith(`class:${school.classB.id}:`))).toBe(false);
	});

	it('removes expired sessions, sessions past their maximum, used and expired codes, old attempts', async () => {
		const now = Date.now();
		await db.deleteFrom('session').execute();
		await createSession(db, generateSessionToken(), { userId: school.teacherA.id }, now);
		await createSession(
			db,
			generateSessionToken(),
			{ pupilId: school.classA.pupils[0]!.id },
			now - DAY
		);
		const stale = generateSessionToken();
		await createSession(db, stale, { userId: school.teacherB.id }, now - USER_SESSION_MAX_MS - DAY);
		await db
			.updateTable('session')
			.set({ expires_at: now + DAY })
			.where('user_id', '=', school.teacherB.id)
			.execute();
		const fresh = await createKoppelcode(db, school.classA.pupils[2]!.id, school.teacherA.id, now);
		await createKoppelcode(db, school.classA.pupils[1]!.id, school.teacherA.id, now - 40 * DAY);
		await recordAttempt(db, subjects.email('a@b.test'), '10.0.0.2', false, now - 2 * DAY);
		await recordAttempt(db, subjects.email('a@b.test'), '10.0.0.2', false, now);

		const done = await cleanUp(db, now, 365);
		expect(done.sessions).toBe(2);
		expect(await count('session')).toBe(1);
		const codes = await db.selectFrom('koppelcode').select('code').execute();
		// The seeded code was used by the parent; the 40-day-old one expired: only the new one stays.
		expect(codes.map((c) => c.code)).toEqual([fresh.code]);
		const attempts = await db.selectFrom('login_attempt').select('created_at').execute();
		expect(attempts.every((a) => a.created_at > now - DAY)).toBe(true);
	});
});
