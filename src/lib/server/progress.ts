// A pupil's way through a lesson: where they are, what they answered, and their score.
import { sql } from 'kysely';
import { lockRow, type DB } from './db/index.ts';
import { isScored, type Band, type Lesson } from '../lessons/schema.ts';
import { assignedLessonIds } from './classes.ts';
import {
	feedbackFor,
	isCorrect,
	storedChoice,
	type Choice,
	type Feedback
} from '../activities/index.ts';
import { nextIndex } from '../player/state.ts';

/** The lesson if this pupil may do it: any lesson of their band, or one their class was given. */
export async function lessonOpenTo(
	db: DB,
	pupil: { band: Band; classId: number },
	lesson: Lesson | undefined
): Promise<Lesson | undefined> {
	if (!lesson || lesson.band === pupil.band) return lesson;
	return (await assignedLessonIds(db, pupil.classId)).includes(lesson.id) ? lesson : undefined;
}

export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export async function lessonProgress(db: DB, pupilId: number, lessonId: string) {
	return db
		.selectFrom('lesson_progress')
		.selectAll()
		.where('pupil_id', '=', pupilId)
		.where('lesson_id', '=', lessonId)
		.executeTakeFirst();
}

/** Starts the lesson, or picks up where the pupil left it. */
export async function startLesson(db: DB, pupilId: number, lesson: Lesson, now = Date.now()) {
	const existing = await lessonProgress(db, pupilId, lesson.id);
	const last = lesson.steps.length - 1;
	if (existing) {
		// The lesson may have changed since: never point past its end.
		if (existing.lesson_version !== lesson.version || existing.step_index > last) {
			await db
				.updateTable('lesson_progress')
				.set({
					lesson_version: lesson.version,
					step_index: Math.min(existing.step_index, last),
					updated_at: now
				})
				.where('pupil_id', '=', pupilId)
				.where('lesson_id', '=', lesson.id)
				.execute();
			return (await lessonProgress(db, pupilId, lesson.id))!;
		}
		return existing;
	}
	await db
		.insertInto('lesson_progress')
		.values({
			pupil_id: pupilId,
			lesson_id: lesson.id,
			lesson_version: lesson.version,
			step_index: 0,
			started_at: now,
			completed_at: null,
			updated_at: now
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
	return (await lessonProgress(db, pupilId, lesson.id))!;
}

/** Whether the pupil has answered this step right at some try. */
async function stepSolved(db: DB, pupilId: number, lessonId: string, stepId: string) {
	const row = await db
		.selectFrom('answer')
		.select('id')
		.where('pupil_id', '=', pupilId)
		.where('lesson_id', '=', lessonId)
		.where('step_id', '=', stepId)
		.where('correct', '=', 1)
		.executeTakeFirst();
	return row !== undefined;
}

/** Every answer of a pupil in a lesson, per step, in the order given; rows that no longer fit
 * their step (the lesson changed) are left out. */
export async function lessonAnswers(db: DB, pupilId: number, lesson: Lesson) {
	const rows = await db
		.selectFrom('answer')
		.select(['step_id', 'choice', 'correct', 'attempt'])
		.where('pupil_id', '=', pupilId)
		.where('lesson_id', '=', lesson.id)
		.orderBy('attempt')
		.execute();
	const steps = new Map(lesson.steps.filter(isScored).map((s) => [s.id, s]));
	const byStep = new Map<string, { choice: Choice; correct: boolean; attempt: number }[]>();
	for (const r of rows) {
		const step = steps.get(r.step_id);
		const choice = step && storedChoice(step, r.choice);
		if (!choice) continue;
		const list = byStep.get(r.step_id) ?? [];
		list.push({ choice, correct: r.correct === 1, attempt: r.attempt });
		byStep.set(r.step_id, list);
	}
	return byStep;
}

export type RecordResult =
	| { ok: true; duplicate: boolean; correct: boolean; feedback: Feedback }
	| { ok: false; message: string };

/**
 * Stores one answer. The client id is UNIQUE in the database, so a retried submission (a
 * double click, a resent request after a network failure) is stored once and answered the same.
 * The happy path is two statements: the insert numbers the attempt itself (unique per pupil,
 * lesson and step) and stores nothing unless the pupil has reached the step; then the lesson's
 * last activity. Run it inside `durably` (db/index.ts) so the two commit together.
 */
export async function recordAnswer(
	db: DB,
	input: { pupilId: number; lesson: Lesson; stepId: string; clientId: string; choice: Choice },
	now = Date.now()
): Promise<RecordResult> {
	const { pupilId, lesson, stepId, clientId, choice } = input;
	const index = lesson.steps.findIndex((s) => s.id === stepId);
	const step = lesson.steps[index];
	if (!step || !isScored(step))
		return { ok: false, message: 'Deze vraag hoort niet bij deze les.' };
	if (!CLIENT_ID_PATTERN.test(clientId))
		return { ok: false, message: 'Dit antwoord mist een kenmerk.' };

	const correct = isCorrect(step, choice);
	// On PostgreSQL another app node may number this pupil's next try at the same moment:
	// the progress row's lock makes the two inserts take turns (SQLite has one writer anyway).
	await lockRow(db, 'lesson_progress', { pupil_id: pupilId, lesson_id: lesson.id });
	const { rows } = await sql<{ attempt: number }>`
		insert into answer
			(client_id, pupil_id, lesson_id, lesson_version, step_id, choice, correct, attempt, created_at)
		select ${clientId}, ${pupilId}, ${lesson.id}, ${lesson.version}, ${stepId},
			${JSON.stringify(choice)}, ${correct ? 1 : 0},
			(select coalesce(max(attempt), 0) + 1 from answer
				where pupil_id = ${pupilId} and lesson_id = ${lesson.id} and step_id = ${stepId}),
			${now}
		from lesson_progress
		where pupil_id = ${pupilId} and lesson_id = ${lesson.id} and step_index >= ${index}
		on conflict (client_id) do nothing
		returning attempt`.execute(db);
	if (rows.length === 1) {
		await db
			.updateTable('lesson_progress')
			.set({ updated_at: now })
			.where('pupil_id', '=', pupilId)
			.where('lesson_id', '=', lesson.id)
			.execute();
		return { ok: true, duplicate: false, correct, feedback: feedbackFor(step, choice) };
	}
	// Nothing stored: either this answer was stored before, or the step is not yet due.
	const previous = await db
		.selectFrom('answer')
		.select(['pupil_id', 'choice', 'correct'])
		.where('client_id', '=', clientId)
		.executeTakeFirst();
	if (!previous) return { ok: false, message: 'Deze vraag is nog niet aan de beurt.' };
	if (previous.pupil_id !== pupilId) return { ok: false, message: 'Dit antwoord is al gebruikt.' };
	return {
		ok: true,
		duplicate: true,
		correct: previous.correct === 1,
		feedback: feedbackFor(step, storedChoice(step, previous.choice) ?? choice)
	};
}

/**
 * A refused answer or move leaves a line in the server's log: the reason, and the ids to
 * find it by (no names: the log is not the place for pupils' data).
 */
export function logRefused(
	pupilId: number,
	item: { clientId: string; lessonId: string; stepId: string },
	message: string
) {
	console.warn(
		`DenkNa: antwoord geweigerd: leerling ${pupilId}, les ${item.lessonId}, stap ${item.stepId}, kenmerk ${item.clientId}: ${message}`
	);
}

/** Moves from `stepId` to the next step, if the pupil may: a question must be answered right. */
export async function advance(
	db: DB,
	pupilId: number,
	lesson: Lesson,
	stepId: string,
	now = Date.now()
) {
	const progress = await startLesson(db, pupilId, lesson, now);
	const step = lesson.steps[progress.step_index];
	const solved =
		!!step && isScored(step) ? await stepSolved(db, pupilId, lesson.id, step.id) : true;
	const next = nextIndex(lesson.steps, progress.step_index, { stepId, direction: 1, solved });
	if (next === progress.step_index) return progress; // a resent "verder": already moved on
	const done = next === lesson.steps.length - 1;
	const moved = {
		step_index: next,
		completed_at: done ? (progress.completed_at ?? now) : progress.completed_at,
		updated_at: now
	};
	await db
		.updateTable('lesson_progress')
		.set(moved)
		.where('pupil_id', '=', pupilId)
		.where('lesson_id', '=', lesson.id)
		.execute();
	return { ...progress, ...moved };
}

export async function goBack(
	db: DB,
	pupilId: number,
	lesson: Lesson,
	stepId: string,
	now = Date.now()
) {
	const progress = await startLesson(db, pupilId, lesson, now);
	const back = nextIndex(lesson.steps, progress.step_index, { stepId, direction: -1 });
	if (back === progress.step_index) return;
	await db
		.updateTable('lesson_progress')
		.set({ step_index: back, updated_at: now })
		.where('pupil_id', '=', pupilId)
		.where('lesson_id', '=', lesson.id)
		.execute();
}

export type ProgressState = 'niet-begonnen' | 'bezig' | 'klaar';

export interface ProgressCell {
	state: ProgressState;
	stepIndex: number;
	/** Scored steps of the current lesson right at the first try. */
	correctFirst: number;
	scoredSteps: number;
	completedAt: number | null;
}

/**
 * Right-at-the-first-try per pupil and lesson, counted from the answer rows: only steps that
 * the lesson (as it is now) still scores count, so a new lesson version can't make the score
 * exceed the questions. Keyed "pupilId:lessonId".
 */
export async function firstTryScores(db: DB, pupilIds: number[], lessons: Lesson[]) {
	const scores = new Map<string, { correct: number; scored: number }>();
	if (pupilIds.length === 0 || lessons.length === 0) return scores;
	const scoredSteps = new Map(
		lessons.map((l) => [l.id, new Set(l.steps.filter(isScored).map((s) => s.id))])
	);
	const rows = await db
		.selectFrom('answer')
		.select(['pupil_id', 'lesson_id', 'step_id'])
		.where('pupil_id', 'in', pupilIds)
		.where('lesson_id', 'in', [...scoredSteps.keys()])
		.where('attempt', '=', 1)
		.where('correct', '=', 1)
		.execute();
	for (const pupilId of pupilIds)
		for (const [lessonId, steps] of scoredSteps)
			scores.set(`${pupilId}:${lessonId}`, { correct: 0, scored: steps.size });
	for (const r of rows)
		if (scoredSteps.get(r.lesson_id)?.has(r.step_id))
			scores.get(`${r.pupil_id}:${r.lesson_id}`)!.correct++;
	return scores;
}

/** Progress of these pupils in these lessons, keyed "pupilId:lessonId". */
export async function progressMatrix(db: DB, pupilIds: number[], lessons: Lesson[]) {
	const cells = new Map<string, ProgressCell>();
	if (pupilIds.length === 0 || lessons.length === 0) return cells;
	const rows = await db
		.selectFrom('lesson_progress')
		.select(['pupil_id', 'lesson_id', 'step_index', 'completed_at'])
		.where('pupil_id', 'in', pupilIds)
		.where(
			'lesson_id',
			'in',
			lessons.map((l) => l.id)
		)
		.execute();
	const scores = await firstTryScores(db, pupilIds, lessons);
	for (const r of rows) {
		const key = `${r.pupil_id}:${r.lesson_id}`;
		cells.set(key, {
			state: r.completed_at !== null ? 'klaar' : 'bezig',
			stepIndex: r.step_index,
			correctFirst: scores.get(key)?.correct ?? 0,
			scoredSteps: scores.get(key)?.scored ?? 0,
			completedAt: r.completed_at
		});
	}
	return cells;
}

export async function pupilProgress(db: DB, pupilId: number) {
	return db.selectFrom('lesson_progress').selectAll().where('pupil_id', '=', pupilId).execute();
}
