// The class tasks a teacher expects: rename and delete a pupil, and a co-teacher (duobaan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { DB } from '../../src/lib/server/db/index.ts';
import { freshDatabase, realLibrary } from '../helpers/db.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { answerLesson } from '../helpers/answers.ts';
import {
	addClassTeacher,
	classForTeacher,
	coTeacherCandidates,
	removeClassTeacher,
	renamePupil,
	teachersOfClass
} from '../../src/lib/server/classes.ts';
import { deletePupil, pupilDataCounts, requestDeletion } from '../../src/lib/server/pupil-data.ts';
import { pupilNameField } from '../../src/lib/server/forms.ts';
import { createKoppelcode } from '../../src/lib/server/parents.ts';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session.ts';
import { recordAttempt, subjects } from '../../src/lib/server/auth/rate-limit.ts';
import { isScored } from '../../src/lib/lessons/schema.ts';

let db: DB;
let school: SchoolFixture;
let other: SchoolFixture;
beforeAll(async () => {
	({ db } = await freshDatabase());
	school = await seedSchool(db);
	other = await seedSchool(db, { tag: 'ander' });
});
afterAll(() => db.destroy());

const nameOf = async (id: number) =>
	(
		await db
			.selectFrom('pupil')
			.select('display_name')
			.where('id', '=', id)
			.executeTakeFirstOrThrow()
	).display_name;

describe('renaming a pupil', () => {
	it('cleans the name and refuses empty or too long names in Dutch', () => {
		expect(v.parse(pupilNameField, '  Emma\u200b   V. ')).toBe('Emma V.');
		const empty = v.safeParse(pupilNameField, ' \u200b ');
		expect(empty.success || empty.issues[0].message).toBe('Vul de naam van de leerling in.');
		const long = v.safeParse(pupilNameField, 'A'.repeat(41));
		expect(long.success || long.issues[0].message).toBe(
			'De naam van de leerling is te lang (maximaal 40 tekens).'
		);
	});

	it('renames within the class and refuses a name another pupil has, also in other capitals', async () => {
		const [emma, noah] = school.classA.pupils;
		const ok = await renamePupil(db, school.classA.id, noah!.id, 'Noah J. (Jr)');
		expect(ok).toMatchObject({ ok: true, message: `${noah!.name} heet nu Noah J. (Jr).` });
		expect(await nameOf(noah!.id)).toBe('Noah J. (Jr)');

		const clash = await renamePupil(db, school.classA.id, noah!.id, emma!.name.toUpperCase());
		expect(clash.ok).toBe(false);
		expect(!clash.ok && clash.message).toContain(
			`Er zit al een leerling met de naam ${emma!.name}`
		);
		expect(await nameOf(noah!.id)).toBe('Noah J. (Jr)');

		// A name a pupil in another class has is fine; keeping one's own name too.
		expect((await renamePupil(db, school.classA.id, noah!.id, 'Sem B.')).ok).toBe(true);
		expect((await renamePupil(db, school.classA.id, noah!.id, 'Sem B.')).ok).toBe(true);
	});

	it('refuses a pupil of another class', async () => {
		const sem = school.classB.pupils[0]!;
		const result = await renamePupil(db, school.classA.id, sem.id, 'Niemand N.');
		expect(result).toEqual({ ok: false, message: 'Deze leerling zit niet in deze klas.' });
		expect(await nameOf(sem.id)).toBe(sem.name);
	});
});

describe('deleting a pupil', () => {
	it('removes answers, progress, sessions, koppelcodes, parent links and login attempts', async () => {
		const emma = school.classA.pupils[0]!;
		const lesson = realLibrary().lessons.find(
			(l) => l.band === 'groep-5-6' && l.steps.some(isScored)
		)!;
		await answerLesson(db, emma.id, lesson);
		await createSession(db, generateSessionToken(), { pupilId: emma.id });
		await createKoppelcode(db, emma.id, school.teacherA.id);
		await recordAttempt(db, subjects.pupil(school.classA.id, emma.id), '127.0.0.1', true);
		const request = await requestDeletion(db, school.parent.id, emma.id);
		expect(request).toEqual({ ok: true, already: false });
		const counts = await pupilDataCounts(db, emma.id);
		expect(counts.answers).toBeGreaterThan(0);
		expect(counts.lessons).toBe(1);
		expect(counts.parents).toBe(1);

		const rows = async (
			table: 'answer' | 'lesson_progress' | 'session' | 'koppelcode' | 'parent_pupil'
		) =>
			(await db.selectFrom(table).select('pupil_id').where('pupil_id', '=', emma.id).execute())
				.length;
		const attempts = async () =>
			(
				await db
					.selectFrom('login_attempt')
					.select('id')
					.where('subject', '=', subjects.pupil(school.classA.id, emma.id))
					.execute()
			).length;
		for (const t of ['answer', 'lesson_progress', 'session', 'koppelcode', 'parent_pupil'] as const)
			expect(await rows(t), t).toBeGreaterThan(0);
		expect(await attempts()).toBe(1);

		// Not from another class, even of the same school.
		expect(await deletePupil(db, school.classB.id, emma.id, school.teacherB.id)).toBeNull();
		expect(await rows('answer')).toBeGreaterThan(0);

		expect(await deletePupil(db, school.classA.id, emma.id, school.teacherA.id)).toBe(emma.name);
		for (const t of ['answer', 'lesson_progress', 'session', 'koppelcode', 'parent_pupil'] as const)
			expect(await rows(t), t).toBe(0);
		expect(await attempts()).toBe(0);
		expect(
			await db.selectFrom('pupil').select('id').where('id', '=', emma.id).executeTakeFirst()
		).toBeUndefined();
		// The parent's open request is carried out by it, and says who did it.
		const done = await db
			.selectFrom('deletion_request')
			.select(['completed_at', 'completed_by'])
			.executeTakeFirstOrThrow();
		expect(done.completed_at).not.toBeNull();
		expect(done.completed_by).toBe(school.teacherA.id);
		// The other pupils stay.
		expect(await nameOf(school.classA.pupils[2]!.id)).toBe(school.classA.pupils[2]!.name);
		expect(await deletePupil(db, school.classA.id, emma.id, school.teacherA.id)).toBeNull();
	});
});

describe('a co-teacher (duobaan)', () => {
	const teacherB = () => ({ id: school.teacherB.id, role: 'teacher', schoolId: school.schoolId });

	it('adds a teacher of the same school, who then reaches the class', async () => {
		const klas = { id: school.classA.id, school_id: school.schoolId };
		const candidates = await coTeacherCandidates(db, klas);
		expect(candidates.map((c) => c.name)).toEqual(['Beheer', 'Meester B']);
		expect(await classForTeacher(db, teacherB(), school.classA.id)).toBeUndefined();

		expect(await addClassTeacher(db, school.classA.id, school.teacherB.id)).toEqual({
			ok: true,
			name: 'Meester B'
		});
		expect((await teachersOfClass(db, school.classA.id)).map((t) => t.name)).toEqual([
			'Juf A',
			'Meester B'
		]);
		expect(await classForTeacher(db, teacherB(), school.classA.id)).toBeDefined();
		expect((await coTeacherCandidates(db, klas)).map((c) => c.name)).toEqual(['Beheer']);
		const twice = await addClassTeacher(db, school.classA.id, school.teacherB.id);
		expect(twice).toEqual({ ok: false, message: 'Meester B geeft al les aan deze klas.' });
	});

	it('refuses a teacher of another school, a parent and an unknown user', async () => {
		for (const id of [other.teacherA.id, school.parent.id, 999999]) {
			const result = await addClassTeacher(db, school.classA.id, id);
			expect(result).toEqual({ ok: false, message: 'Kies een leraar van jouw school.' });
		}
		expect(await teachersOfClass(db, school.classA.id)).toHaveLength(2);
	});

	it('removes a co-teacher, never the last one', async () => {
		expect(await removeClassTeacher(db, school.classA.id, school.teacherB.id)).toEqual({
			ok: true,
			name: 'Meester B'
		});
		expect(await classForTeacher(db, teacherB(), school.classA.id)).toBeUndefined();
		const last = await removeClassTeacher(db, school.classA.id, school.teacherA.id);
		expect(last.ok).toBe(false);
		expect(!last.ok && last.message).toContain('de enige leraar');
		expect(await teachersOfClass(db, school.classA.id)).toHaveLength(1);
		const notHere = await removeClassTeacher(db, school.classA.id, other.teacherA.id);
		expect(notHere).toEqual({ ok: false, message: 'Deze leraar geeft geen les aan deze klas.' });
	});
});
