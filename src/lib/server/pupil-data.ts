// A pupil's data for their parent (the right of access) and its deletion (the right to be
// forgotten), handled by the school admin.
import type { DB } from './db/index.ts';
import type { LessonLibrary } from './lessons.ts';
import { toCsv } from './csv.ts';
import { dutchDateTime, isoDay, slugify } from '../format.ts';
import { countedOptions, isScored, questionText, storedChoice } from '../activities/index.ts';

export async function pupilExport(
	db: DB,
	library: LessonLibrary,
	pupilId: number,
	now = Date.now()
) {
	const pupil = await pupilRecord(db, pupilId);
	const title = (id: string) =>
		library.lessonById.get(id)?.title ?? library.quizById.get(id)?.title ?? null;
	const step = (unitId: string, stepId: string) =>
		(library.lessonById.get(unitId)?.steps ?? library.quizById.get(unitId)?.questions)?.find(
			(s) => s.id === stepId
		);
	const [learning, account] = await Promise.all([
		learningRecords(db, pupilId),
		accountRecords(db, pupilId)
	]);
	return {
		gemaaktOp: iso(now),
		tijdzone: 'Nederlandse tijd (Europe/Amsterdam)',
		leerling: {
			id: pupil.id,
			naam: pupil.display_name,
			plaatje: pupil.avatar,
			// The picture code is a login key, not information about the child: the teacher
			// hands it out on the login card, so it is left out of a file that may be shared.
			plaatjescode: 'niet opgenomen (inlogsleutel, staat op de inlogkaart van school)',
			mislukteInlogpogingen: pupil.failed_attempts,
			geblokkeerdSinds: iso(pupil.locked_at),
			aangemaakt: iso(pupil.created_at),
			klas: pupil.class_name,
			schooljaar: pupil.school_year,
			leeftijdsgroep: pupil.band,
			school: pupil.school_name
		},
		...learningFields(learning, title, step),
		...accountFields(account)
	};
}

type Learning = Awaited<ReturnType<typeof learningRecords>>;
type Account = Awaited<ReturnType<typeof accountRecords>>;

/** Lessons, quizzes and answers, as the parent reads them. */
function learningFields(
	learning: Learning,
	title: (id: string) => string | null,
	step: (unitId: string, stepId: string) => { type: string; id: string } | undefined
) {
	return {
		voortgang: learning.progress.map((p) => ({
			les: p.lesson_id,
			titel: title(p.lesson_id),
			versie: p.lesson_version,
			stap: p.step_index,
			begonnen: iso(p.started_at),
			afgerond: iso(p.completed_at),
			bijgewerkt: iso(p.updated_at)
		})),
		toetsen: learning.quizzes.map((q) => ({
			toets: q.quiz_id,
			titel: title(q.quiz_id),
			soort: q.kind,
			versie: q.quiz_version,
			begonnen: iso(q.started_at),
			afgerond: iso(q.completed_at),
			vragen: q.questions
		})),
		antwoorden: learning.answers.map((a) => ({
			les: a.lesson_id,
			titel: title(a.lesson_id),
			versie: a.lesson_version,
			stap: a.step_id,
			...answerFields(step(a.lesson_id, a.step_id), a.choice),
			goed: a.correct === 1,
			poging: a.attempt,
			tijd: iso(a.created_at)
		})),
		toetsantwoorden: learning.quizAnswers.map((a) => ({
			toets: a.quiz_id,
			soort: a.kind,
			vraag: a.question_id,
			...answerFields(step(a.quiz_id, a.question_id), a.choice),
			goed: a.correct === 1,
			tijd: iso(a.created_at)
		}))
	};
}

/** Links, codes, sessions and logins, as the parent reads them. */
function accountFields(account: Account) {
	return {
		koppelingen: account.links.map((l) => ({ ouder: l.parent_name, sinds: iso(l.created_at) })),
		koppelcodes: account.codes.map((c) => ({
			gemaakt: iso(c.created_at),
			geldigTot: iso(c.expires_at),
			gebruikt: iso(c.used_at)
		})),
		sessies: account.sessions.map((s) => ({
			begonnen: iso(s.created_at),
			verlooptOp: iso(s.expires_at)
		})),
		inlogpogingen: account.logins.map((l) => ({ gelukt: l.success === 1, tijd: iso(l.created_at) }))
	};
}

const iso = (ms: number | null) => (ms === null ? null : dutchDateTime(ms));

/**
 * A stored choice as a parent reads it: the question and the option(s) chosen, in the words
 * of the lesson (through the activity registry). When the step is no longer in the lesson, the
 * stored values in plain words.
 */
export function answerFields(step: { type: string; id: string } | undefined, json: string) {
	if (step && isScored(step)) {
		const choice = storedChoice(step, json);
		const chosen = choice
			? countedOptions(step)
					.filter((o) => o.chosen(choice))
					.map((o) => o.label)
			: [];
		if (chosen.length) return { vraagtekst: questionText(step), antwoord: chosen.join('; ') };
		return {
			vraagtekst: questionText(step),
			antwoord: `Opgeslagen antwoord (de vraag is sindsdien veranderd): ${plainChoice(json)}`
		};
	}
	return {
		vraagtekst: null,
		antwoord: `Opgeslagen antwoord bij een vraag die niet meer in de les staat: ${plainChoice(json)}`
	};
}

/** {"type":"scenario","option":"b"} → "option b"; text that is not JSON stays as it is. */
function plainChoice(json: string): string {
	let value: unknown;
	try {
		value = JSON.parse(json) as unknown;
	} catch {
		return json;
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return String(value);
	const words = (v: unknown): string =>
		v && typeof v === 'object'
			? Object.entries(v)
					.map(([k, x]) => `${k} ${words(x)}`)
					.join(', ')
			: String(v);
	return (
		Object.entries(value)
			.filter(([key]) => key !== 'type')
			.map(([key, v]) => `${key} ${words(v)}`)
			.join(', ') || json
	);
}

async function pupilRecord(db: DB, pupilId: number) {
	return db
		.selectFrom('pupil')
		.innerJoin('class', 'class.id', 'pupil.class_id')
		.innerJoin('school', 'school.id', 'class.school_id')
		.select([
			'pupil.id',
			'pupil.display_name',
			'pupil.avatar',
			'pupil.failed_attempts',
			'pupil.locked_at',
			'pupil.created_at',
			'class.name as class_name',
			'class.school_year',
			'class.band',
			'school.name as school_name'
		])
		.where('pupil.id', '=', pupilId)
		.executeTakeFirstOrThrow();
}

/** What the pupil did: lessons, answers, quizzes. */
async function learningRecords(db: DB, pupilId: number) {
	const answers = await db
		.selectFrom('answer')
		.select([
			'lesson_id',
			'lesson_version',
			'step_id',
			'choice',
			'correct',
			'attempt',
			'created_at'
		])
		.where('pupil_id', '=', pupilId)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	const progress = await db
		.selectFrom('lesson_progress')
		.select([
			'lesson_id',
			'lesson_version',
			'step_index',
			'started_at',
			'completed_at',
			'updated_at'
		])
		.where('pupil_id', '=', pupilId)
		.orderBy('started_at')
		.execute();
	const quizzes = await db
		.selectFrom('quiz_attempt')
		.select(['quiz_id', 'kind', 'quiz_version', 'started_at', 'completed_at', 'questions'])
		.where('pupil_id', '=', pupilId)
		.orderBy('started_at')
		.execute();
	const quizAnswers = await db
		.selectFrom('quiz_answer')
		.innerJoin('quiz_attempt', 'quiz_attempt.id', 'quiz_answer.attempt_id')
		.select([
			'quiz_attempt.quiz_id',
			'quiz_attempt.kind',
			'quiz_answer.question_id',
			'quiz_answer.choice',
			'quiz_answer.correct',
			'quiz_answer.created_at'
		])
		.where('quiz_attempt.pupil_id', '=', pupilId)
		.orderBy('quiz_answer.created_at')
		.orderBy('quiz_answer.id')
		.execute();
	return { answers, progress, quizzes, quizAnswers };
}

/** Who is linked to the pupil and how they logged in. */
async function accountRecords(db: DB, pupilId: number) {
	const links = await db
		.selectFrom('parent_pupil')
		.innerJoin('user', 'user.id', 'parent_pupil.parent_id')
		.select(['user.name as parent_name', 'parent_pupil.created_at'])
		.where('parent_pupil.pupil_id', '=', pupilId)
		.orderBy('parent_pupil.created_at')
		.execute();
	const codes = await db
		.selectFrom('koppelcode')
		.select(['created_at', 'expires_at', 'used_at'])
		.where('pupil_id', '=', pupilId)
		.orderBy('created_at')
		.execute();
	const sessions = await db
		.selectFrom('session')
		.select(['created_at', 'expires_at'])
		.where('pupil_id', '=', pupilId)
		.orderBy('created_at')
		.execute();
	const logins = await db
		.selectFrom('login_attempt')
		.select(['success', 'created_at'])
		.where('subject', '=', `pupil:${pupilId}`)
		.orderBy('created_at')
		.execute();
	return { links, codes, sessions, logins };
}

/** A safe download name: "denkna-emma-v-2026-11-21.csv". */
export function exportFileName(name: string, ext: 'json' | 'csv', now = new Date()): string {
	return `denkna-${slugify(name) || 'leerling'}-${isoDay(now.getTime())}.${ext}`;
}

export type PupilExport = Awaited<ReturnType<typeof pupilExport>>;

/**
 * The export as one CSV for Dutch Excel: UTF-8 with a byte order mark (so é and ë survive),
 * semicolons between cells (Dutch Excel's list separator), CRLF line ends. One row per field:
 * part, record number, field, value.
 */
export function exportToCsv(data: PupilExport): string {
	const rows: unknown[][] = [['onderdeel', 'nummer', 'veld', 'waarde']];
	rows.push(['bestand', 1, 'gemaaktOp', data.gemaaktOp]);
	for (const [field, value] of Object.entries(data.leerling))
		rows.push(['leerling', 1, field, value]);
	const parts = [
		'voortgang',
		'toetsen',
		'antwoorden',
		'toetsantwoorden',
		'koppelingen',
		'koppelcodes',
		'sessies',
		'inlogpogingen'
	] as const;
	for (const part of parts)
		data[part].forEach((record, i) => {
			for (const [field, value] of Object.entries(record)) rows.push([part, i + 1, field, value]);
		});
	return toCsv(rows);
}

export type DeletionRequestResult = { ok: true; already: boolean } | { ok: false; message: string };

/** Records a parent's request to delete their child's data; a second request is the same one. */
export async function requestDeletion(
	db: DB,
	parentId: number,
	pupilId: number,
	now = Date.now()
): Promise<DeletionRequestResult> {
	return db.transaction().execute(async (trx) => {
		const child = await trx
			.selectFrom('parent_pupil')
			.innerJoin('pupil', 'pupil.id', 'parent_pupil.pupil_id')
			.innerJoin('class', 'class.id', 'pupil.class_id')
			.select(['class.school_id', 'class.name as class_name'])
			.where('parent_pupil.parent_id', '=', parentId)
			.where('parent_pupil.pupil_id', '=', pupilId)
			.executeTakeFirst();
		if (!child) return { ok: false, message: 'Dit kind is niet aan jouw account gekoppeld.' };
		const open = await openDeletionRequest(trx, pupilId);
		if (open) return { ok: true, already: true };
		await trx
			.insertInto('deletion_request')
			.values({
				school_id: child.school_id,
				pupil_id: pupilId,
				class_name: child.class_name,
				requested_by: parentId,
				requested_at: now,
				completed_at: null,
				completed_by: null
			})
			.execute();
		return { ok: true, already: false };
	});
}

export async function openDeletionRequest(db: DB, pupilId: number) {
	return db
		.selectFrom('deletion_request')
		.select(['id', 'requested_at'])
		.where('pupil_id', '=', pupilId)
		.where('completed_at', 'is', null)
		.executeTakeFirst();
}

export async function deletionRequestsForSchool(db: DB, schoolId: number) {
	return db
		.selectFrom('deletion_request')
		.leftJoin('pupil', 'pupil.id', 'deletion_request.pupil_id')
		.leftJoin('user as parent', 'parent.id', 'deletion_request.requested_by')
		.leftJoin('user as admin', 'admin.id', 'deletion_request.completed_by')
		.select([
			'deletion_request.id',
			'deletion_request.class_name',
			'deletion_request.requested_at',
			'deletion_request.completed_at',
			'pupil.display_name as pupil_name',
			'parent.name as parent_name',
			'admin.name as admin_name'
		])
		.where('deletion_request.school_id', '=', schoolId)
		.orderBy('deletion_request.completed_at', (ob) => ob.desc().nullsFirst())
		.orderBy('deletion_request.requested_at', 'desc')
		.execute();
}

/**
 * Removes a pupil of this school and everything about them. The foreign keys cascade to
 * answers, progress, quizzes, sessions, koppelcodes and parent links; login attempts name the
 * pupil only in text, so they are deleted here. The one core of both deletions: a parent's
 * request carried out by the admin, and a teacher deleting a pupil from the class.
 */
async function erasePupil(trx: DB, schoolId: number, pupilId: number) {
	await trx
		.deleteFrom('login_attempt')
		.where((eb) =>
			eb.or([
				eb('subject', '=', `pupil:${pupilId}`),
				eb('subject', 'like', `class:%:pupil:${pupilId}`)
			])
		)
		.execute();
	await trx
		.deleteFrom('pupil')
		.where('id', '=', pupilId)
		.where('class_id', 'in', (eb) =>
			eb.selectFrom('class').select('class.id').where('class.school_id', '=', schoolId)
		)
		.execute();
}

/** Deletes the pupil of an open request of this school, in one transaction. */
export async function executeDeletion(
	db: DB,
	schoolId: number,
	requestId: number,
	adminId: number,
	now = Date.now()
): Promise<{ ok: true } | { ok: false; message: string }> {
	return db.transaction().execute(async (trx) => {
		const request = await trx
			.selectFrom('deletion_request')
			.select(['id', 'pupil_id', 'completed_at'])
			.where('id', '=', requestId)
			.where('school_id', '=', schoolId)
			.executeTakeFirst();
		if (!request) return { ok: false as const, message: 'Dit verzoek bestaat niet.' };
		if (request.completed_at !== null)
			return { ok: false as const, message: 'Dit verzoek is al uitgevoerd.' };
		if (request.pupil_id !== null) await erasePupil(trx, schoolId, request.pupil_id);
		await trx
			.updateTable('deletion_request')
			.set({ completed_at: now, completed_by: adminId })
			.where('id', '=', request.id)
			.execute();
		return { ok: true as const };
	});
}

/**
 * A teacher deletes a pupil of their class, with all their data, as the AVG deletion does.
 * A parent's open request for this pupil is thereby carried out, and marked so. Returns the
 * pupil's name, or null when the pupil is not in this class.
 */
export async function deletePupil(
	db: DB,
	classId: number,
	pupilId: number,
	userId: number,
	now = Date.now()
): Promise<string | null> {
	if (!Number.isSafeInteger(pupilId)) return null;
	return db.transaction().execute(async (trx) => {
		const pupil = await trx
			.selectFrom('pupil')
			.innerJoin('class', 'class.id', 'pupil.class_id')
			.select(['pupil.display_name', 'class.school_id'])
			.where('pupil.id', '=', pupilId)
			.where('pupil.class_id', '=', classId)
			.executeTakeFirst();
		if (!pupil) return null;
		await trx
			.updateTable('deletion_request')
			.set({ completed_at: now, completed_by: userId })
			.where('pupil_id', '=', pupilId)
			.where('completed_at', 'is', null)
			.execute();
		await erasePupil(trx, pupil.school_id, pupilId);
		return pupil.display_name;
	});
}

/** What a deletion would remove, for the confirmation page. */
export async function pupilDataCounts(db: DB, pupilId: number) {
	const count = async (table: 'answer' | 'lesson_progress' | 'parent_pupil' | 'quiz_attempt') =>
		Number(
			(
				await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('pupil_id', '=', pupilId)
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		answers: await count('answer'),
		lessons: await count('lesson_progress'),
		quizzes: await count('quiz_attempt'),
		parents: await count('parent_pupil')
	};
}
