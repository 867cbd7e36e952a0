import { randomInt } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import { lockRow, type DB, type Database } from './db/index.ts';
import type { Band } from '../lessons/schema.ts';
import { sectorOf } from '../lessons/fields.ts';
import { AVATARS, CODE_LENGTH, CODE_PICTURES, type LoginTheme } from '../pictures.ts';
import { generateSessionToken, invalidatePupilSessions } from './auth/session.ts';

export function currentSchoolYear(now = new Date()): string {
	// The Dutch school year starts in August.
	const year = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
	return `${year}-${year + 1}`;
}

export function randomPictureCode(): string {
	const pool: string[] = CODE_PICTURES.map((p) => p.id);
	const code: string[] = [];
	while (code.length < CODE_LENGTH) code.push(pool.splice(randomInt(pool.length), 1)[0]!);
	return code.join(',');
}

/** A new class logs in with the pictures that fit its age: vo with the neutral set. */
export function defaultLoginTheme(band: Band): LoginTheme {
	return sectorOf(band) === 'vo' ? 'neutraal' : 'speels';
}

function pickAvatar(taken: Set<string>): string {
	const free = AVATARS.filter((a) => !taken.has(a.id));
	const pool = free.length ? free : AVATARS;
	return pool[randomInt(pool.length)]!.id;
}

export async function createClass(
	db: DB,
	input: { schoolId: number; teacherId: number; name: string; band: Band; schoolYear?: string },
	now = Date.now()
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const { id } = await trx
			.insertInto('class')
			.values({
				school_id: input.schoolId,
				name: input.name,
				band: input.band,
				school_year: input.schoolYear ?? currentSchoolYear(new Date(now)),
				login_token: generateSessionToken(),
				read_aloud: input.band === 'groep-3-4' ? 1 : 0,
				login_theme: defaultLoginTheme(input.band),
				archived_at: null,
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('class_teacher')
			.values({ class_id: id, user_id: input.teacherId })
			.execute();
		return id;
	});
}

/** Display names must be told apart in the class list: add letters or a number to twins. */
function uniqueName(name: string, taken: Set<string>): string {
	if (!taken.has(name)) return name;
	for (let n = 2; ; n++) {
		const candidate = `${name} (${n})`;
		if (!taken.has(candidate)) return candidate;
	}
}

export async function addPupils(db: DB, classId: number, names: string[], now = Date.now()) {
	return db.transaction().execute(async (trx) => {
		// Names are unique per class (an index says so); the class row's lock lets two app nodes
		// adding names to one class take turns instead of failing on it.
		await lockRow(trx, 'class', { id: classId });
		const existing = await trx
			.selectFrom('pupil')
			.select(['display_name', 'avatar'])
			.where('class_id', '=', classId)
			.execute();
		const takenNames = new Set(existing.map((p) => p.display_name));
		const takenAvatars = new Set(existing.map((p) => p.avatar));
		const added: { id: number; displayName: string }[] = [];
		for (const raw of names) {
			const display_name = uniqueName(raw, takenNames);
			const avatar = pickAvatar(takenAvatars);
			takenNames.add(display_name);
			takenAvatars.add(avatar);
			const { id } = await trx
				.insertInto('pupil')
				.values({
					class_id: classId,
					display_name,
					avatar,
					picture_code: randomPictureCode(),
					locked_at: null,
					created_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			added.push({ id, displayName: display_name });
		}
		return added;
	});
}

/** Teachers work with the classes they teach; a school admin with every class of the school. */
const teaches = (userId: number) => (eb: ExpressionBuilder<Database, 'class'>) =>
	eb.exists(
		eb
			.selectFrom('class_teacher')
			.select('class_teacher.class_id')
			.whereRef('class_teacher.class_id', '=', 'class.id')
			.where('class_teacher.user_id', '=', userId)
	);

/** The classes a teacher may see: their own; a school admin sees every class of the school. */
export async function classesForTeacher(
	db: DB,
	user: { id: number; role: string; schoolId: number }
) {
	let query = db
		.selectFrom('class')
		.select((eb) => [
			'class.id',
			'class.name',
			'class.band',
			'class.school_year',
			eb
				.selectFrom('pupil')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('pupil.class_id', '=', 'class.id')
				.as('pupils')
		])
		.where('class.school_id', '=', user.schoolId)
		.where('class.archived_at', 'is', null)
		.orderBy('class.name');
	if (user.role !== 'admin') query = query.where(teaches(user.id));
	return query.execute();
}

/** A class the teacher may work with, or undefined. Used by every class page and action. */
export async function classForTeacher(
	db: DB,
	user: { id: number; role: string; schoolId: number },
	classId: number
) {
	if (!Number.isSafeInteger(classId)) return undefined;
	let query = db
		.selectFrom('class')
		.selectAll()
		.where('class.id', '=', classId)
		.where('class.school_id', '=', user.schoolId);
	if (user.role !== 'admin') query = query.where(teaches(user.id));
	return query.executeTakeFirst();
}

/** Dutch alphabetical order: "Çağla" before "Zoë", "de Vries" among the V's of the first name. */
export const byDutchName = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

export async function pupilsOfClass(db: DB, classId: number) {
	const pupils = await db
		.selectFrom('pupil')
		.select(['id', 'display_name', 'avatar', 'picture_code', 'failed_attempts', 'locked_at'])
		.where('class_id', '=', classId)
		.execute();
	return pupils.sort((a, b) => byDutchName.compare(a.display_name, b.display_name));
}

export async function unlockPupil(db: DB, classId: number, pupilId: number): Promise<boolean> {
	const result = await db
		.updateTable('pupil')
		.set({ locked_at: null, failed_attempts: 0 })
		.where('id', '=', pupilId)
		.where('class_id', '=', classId)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function resetPictureCode(db: DB, classId: number, pupilId: number) {
	const code = randomPictureCode();
	const result = await db
		.updateTable('pupil')
		.set({ picture_code: code, locked_at: null, failed_attempts: 0 })
		.where('id', '=', pupilId)
		.where('class_id', '=', classId)
		.executeTakeFirst();
	if (result.numUpdatedRows === 0n) return null;
	await invalidatePupilSessions(db, pupilId);
	return code;
}

export async function assignLesson(
	db: DB,
	classId: number,
	lessonId: string,
	userId: number,
	now = Date.now(),
	week: string | null = null
) {
	await db
		.insertInto('assignment')
		.values({
			class_id: classId,
			lesson_id: lessonId,
			assigned_by: userId,
			assigned_at: now,
			week
		})
		.onConflict((oc) => oc.columns(['class_id', 'lesson_id']).doUpdateSet({ week }))
		.execute();
}

/** What is assigned to a class, in the order it was assigned, with the week if any. */
export async function assignmentsOfClass(db: DB, classId: number) {
	return db
		.selectFrom('assignment')
		.select(['lesson_id', 'week'])
		.where('class_id', '=', classId)
		.orderBy('assigned_at')
		.execute();
}

/** "2026-W48" → "week 48". */
export function weekLabel(week: string | null): string | null {
	const m = week?.match(/^(\d{4})-W(\d{2})$/);
	return m ? `week ${Number(m[2])}` : null;
}

export async function unassignLesson(db: DB, classId: number, lessonId: string) {
	await db
		.deleteFrom('assignment')
		.where('class_id', '=', classId)
		.where('lesson_id', '=', lessonId)
		.execute();
}

export async function assignedLessonIds(db: DB, classId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('assignment')
		.select('lesson_id')
		.where('class_id', '=', classId)
		.orderBy('assigned_at')
		.execute();
	return rows.map((r) => r.lesson_id);
}

/** The name buttons on the class link: never codes or anything else about a pupil. */
export async function pupilsOnClassLink(db: DB, classId: number) {
	const pupils = await db
		.selectFrom('pupil')
		.select(['id', 'display_name', 'avatar', 'locked_at'])
		.where('class_id', '=', classId)
		.execute();
	return pupils.sort((a, b) => byDutchName.compare(a.display_name, b.display_name));
}

/** One pupil of this class, as the picture-code page shows them; undefined if not in it. */
export async function pupilOnClassLink(db: DB, classId: number, pupilId: number) {
	if (!Number.isSafeInteger(pupilId)) return undefined;
	return db
		.selectFrom('pupil')
		.select(['id', 'display_name', 'avatar', 'locked_at'])
		.where('id', '=', pupilId)
		.where('class_id', '=', classId)
		.executeTakeFirst();
}

export async function classByLoginToken(db: DB, token: string) {
	if (!/^[a-z2-7]{20,64}$/.test(token)) return undefined;
	return db
		.selectFrom('class')
		.select(['id', 'name', 'band', 'school_id', 'login_token', 'login_theme'])
		.where('login_token', '=', token)
		.where('archived_at', 'is', null)
		.executeTakeFirst();
}

/**
 * The pictures the class logs in with. Codes and avatars keep their places in the grid, so
 * nobody is locked out; only what the pupils see changes (their login cards need reprinting).
 * False when the class is not there.
 */
export async function setLoginTheme(db: DB, classId: number, theme: LoginTheme) {
	const result = await db
		.updateTable('class')
		.set({ login_theme: theme })
		.where('id', '=', classId)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/** Groep 3-4 hears every step read aloud; a teacher can switch that off (or on) per class. */
export async function setReadAloud(db: DB, classId: number, on: boolean) {
	await db
		.updateTable('class')
		.set({ read_aloud: on ? 1 : 0 })
		.where('id', '=', classId)
		.execute();
}

export async function renameClass(db: DB, classId: number, name: string) {
	await db.updateTable('class').set({ name }).where('id', '=', classId).execute();
}

/**
 * End of the school year: the class leaves the lists and its login link stops working. Its
 * pupils and their answers stay, for the school overview of that year and for moving on.
 */
export async function archiveClass(db: DB, classId: number, now = Date.now()) {
	await db
		.updateTable('class')
		.set({ archived_at: now })
		.where('id', '=', classId)
		.where('archived_at', 'is', null)
		.execute();
}

/**
 * Moves a pupil, with everything they did, to another class of the same school. Returns the
 * pupil's name in the new class (made unique there), or null when the pupil is not in `fromId`.
 * The caller checks that the teacher may use the target class.
 */
export async function movePupil(
	db: DB,
	fromId: number,
	pupilId: number,
	toId: number
): Promise<string | null> {
	return db.transaction().execute(async (trx) => {
		const pupil = await trx
			.selectFrom('pupil')
			.innerJoin('class', 'class.id', 'pupil.class_id')
			.select(['pupil.display_name', 'class.school_id'])
			.where('pupil.id', '=', pupilId)
			.where('pupil.class_id', '=', fromId)
			.executeTakeFirst();
		if (!pupil) return null;
		const target = await trx
			.selectFrom('class')
			.select('id')
			.where('id', '=', toId)
			.where('school_id', '=', pupil.school_id)
			.executeTakeFirst();
		if (!target) return null;
		await lockRow(trx, 'class', { id: toId });
		const taken = new Set(
			(
				await trx.selectFrom('pupil').select('display_name').where('class_id', '=', toId).execute()
			).map((p) => p.display_name)
		);
		const name = uniqueName(pupil.display_name.replace(/ \(\d+\)$/, ''), taken);
		await trx
			.updateTable('pupil')
			.set({ class_id: toId, display_name: name })
			.where('id', '=', pupilId)
			.execute();
		// The old class link's session must not keep the pupil in the old class.
		await trx.deleteFrom('session').where('pupil_id', '=', pupilId).execute();
		return name;
	});
}

export type ClassResult<T = object> = ({ ok: true } & T) | { ok: false; message: string };

/**
 * Renames a pupil of this class. The name must stay told apart on the class link: a name
 * another pupil of the class already has (also when it differs only in capitals or accents,
 * as "Zoe V." and "zoë v." look alike to a six-year-old) is refused.
 */
export async function renamePupil(
	db: DB,
	classId: number,
	pupilId: number,
	name: string
): Promise<ClassResult<{ before: string; name: string; message: string }>> {
	return db.transaction().execute(async (trx) => {
		await lockRow(trx, 'class', { id: classId }); // two nodes renaming into one name
		const pupils = await trx
			.selectFrom('pupil')
			.select(['id', 'display_name'])
			.where('class_id', '=', classId)
			.execute();
		const pupil = pupils.find((p) => p.id === pupilId);
		if (!pupil) return { ok: false as const, message: 'Deze leerling zit niet in deze klas.' };
		const clash = pupils.find(
			(p) => p.id !== pupilId && byDutchName.compare(p.display_name, name) === 0
		);
		if (clash)
			return {
				ok: false as const,
				message: `Er zit al een leerling met de naam ${clash.display_name} in deze klas. Kies een naam die de kinderen uit elkaar kunnen houden, bijvoorbeeld met een extra letter van de achternaam.`
			};
		await trx
			.updateTable('pupil')
			.set({ display_name: name })
			.where('id', '=', pupilId)
			.where('class_id', '=', classId)
			.execute();
		const said = name.replace(/\.?$/, '.');
		return {
			ok: true as const,
			before: pupil.display_name,
			name,
			message:
				pupil.display_name === name
					? `De naam blijft ${said}`
					: `${pupil.display_name} heet nu ${said}`
		};
	});
}

const STAFF = ['teacher', 'admin'] as const;

/** Who teaches the class (duobaan: more than one), by name. */
export async function teachersOfClass(db: DB, classId: number) {
	const rows = await db
		.selectFrom('class_teacher')
		.innerJoin('user', 'user.id', 'class_teacher.user_id')
		.select(['user.id', 'user.name'])
		.where('class_teacher.class_id', '=', classId)
		.execute();
	return rows.sort((a, b) => byDutchName.compare(a.name, b.name));
}

/** The school's teachers (and admins) who do not teach this class yet: whom a teacher can add. */
export async function coTeacherCandidates(db: DB, klas: { id: number; school_id: number }) {
	const rows = await db
		.selectFrom('user')
		.select(['user.id', 'user.name'])
		.where('user.school_id', '=', klas.school_id)
		.where('user.role', 'in', STAFF)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('class_teacher')
						.select('class_teacher.user_id')
						.whereRef('class_teacher.user_id', '=', 'user.id')
						.where('class_teacher.class_id', '=', klas.id)
				)
			)
		)
		.execute();
	return rows.sort((a, b) => byDutchName.compare(a.name, b.name));
}

/** Adds a teacher of the class's own school to the class; anyone else is refused. */
export async function addClassTeacher(
	db: DB,
	classId: number,
	userId: number
): Promise<ClassResult<{ name: string }>> {
	return db.transaction().execute(async (trx) => {
		await lockRow(trx, 'class', { id: classId });
		const teacher = await trx
			.selectFrom('user')
			.innerJoin('class', 'class.school_id', 'user.school_id')
			.select(['user.id', 'user.name'])
			.where('class.id', '=', classId)
			.where('user.id', '=', userId)
			.where('user.role', 'in', STAFF)
			.executeTakeFirst();
		if (!teacher) return { ok: false as const, message: 'Kies een leraar van jouw school.' };
		const already = await trx
			.selectFrom('class_teacher')
			.select('user_id')
			.where('class_id', '=', classId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		if (already)
			return { ok: false as const, message: `${teacher.name} geeft al les aan deze klas.` };
		await trx.insertInto('class_teacher').values({ class_id: classId, user_id: userId }).execute();
		return { ok: true as const, name: teacher.name };
	});
}

/** Takes a teacher off the class; the last teacher stays, so the class is never orphaned. */
export async function removeClassTeacher(
	db: DB,
	classId: number,
	userId: number
): Promise<ClassResult<{ name: string }>> {
	return db.transaction().execute(async (trx) => {
		// Two teachers removing each other at once on two nodes must not both succeed.
		await lockRow(trx, 'class', { id: classId });
		const teachers = await teachersOfClass(trx, classId);
		const teacher = teachers.find((t) => t.id === userId);
		if (!teacher)
			return { ok: false as const, message: 'Deze leraar geeft geen les aan deze klas.' };
		if (teachers.length === 1)
			return {
				ok: false as const,
				message: `${teacher.name} is de enige leraar van deze klas. Voeg eerst een andere leraar toe.`
			};
		await trx
			.deleteFrom('class_teacher')
			.where('class_id', '=', classId)
			.where('user_id', '=', userId)
			.execute();
		return { ok: true as const, name: teacher.name };
	});
}
