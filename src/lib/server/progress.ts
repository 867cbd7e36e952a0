// A pupil's way through a lesson: where they are, what they answered, and their score.
import type { DB } from './db/index.ts';
import { isScored, type Band, type Lesson } from '../lessons/schema.ts';
import { assignedLessonIds } from './classes.ts';
import { feedbackFor, isCorrect, type Choice, type Feedback } from '../activities/index.ts';

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
					scored_steps: lesson.steps.filter(isScored).length,
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
			correct_first: 0,
			scored_steps: lesson.steps.filter(isScored).length,
			updated_at: now
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
	return (await lessonProgress(db, pupilId, lesson.id))!;
}

export async function stepAnswers(db: DB, pupilId: number, lessonId: string, stepId: string) {
	const rows = await db
		.selectFrom('answer')
		.select(['choice', 'correct', 'attempt', 'client_id'])
		.where('pupil_id', '=', pupilId)
		.where('lesson_id', '=', lessonId)
		.where('step_id', '=', stepId)
		.orderBy('attempt')
		.execute();
	return rows.map((r) => ({
		choice: JSON.parse(r.choice) as Choice,
		correct: r.correct === 1,
		attempt: r.attempt,
		clientId: r.client_id
	}));
}

/** Every answer of a pupil in a lesson, per step, in the order given. */
export async function lessonAnswers(db: DB, pupilId: number, lessonId: string) {
	const rows = await db
		.selectFrom('answer')
		.select(['step_id', 'choice', 'correct', 'attempt'])
		.where('pupil_id', '=', pupilId)
		.where('lesson_id', '=', lessonId)
		.orderBy('attempt')
		.execute();
	const byStep = new Map<string, { choice: Choice; correct: boolean; attempt: number }[]>();
	for (const r of rows) {
		const list = byStep.get(r.step_id) ?? [];
		list.push({
			choice: JSON.parse(r.choice) as Choice,
			correct: r.correct === 1,
			attempt: r.attempt
		});
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

	return db.transaction().execute(async (trx) => {
		const previous = await trx
			.selectFrom('answer')
			.select(['pupil_id', 'choice', 'correct'])
			.where('client_id', '=', clientId)
			.executeTakeFirst();
		if (previous) {
			if (previous.pupil_id !== pupilId)
				return { ok: false, message: 'Dit antwoord is al gebruikt.' };
			const stored = JSON.parse(previous.choice) as Choice;
			return {
				ok: true,
				duplicate: true,
				correct: previous.correct === 1,
				feedback: feedbackFor(step, stored)
			};
		}
		const progress = await trx
			.selectFrom('lesson_progress')
			.select(['step_index'])
			.where('pupil_id', '=', pupilId)
			.where('lesson_id', '=', lesson.id)
			.executeTakeFirst();
		if (!progress || index > progress.step_index)
			return { ok: false, message: 'Deze vraag is nog niet aan de beurt.' };

		const { n } = await trx
			.selectFrom('answer')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('pupil_id', '=', pupilId)
			.where('lesson_id', '=', lesson.id)
			.where('step_id', '=', stepId)
			.executeTakeFirstOrThrow();
		const attempt = Number(n) + 1;
		const correct = isCorrect(step, choice);
		await trx
			.insertInto('answer')
			.values({
				client_id: clientId,
				pupil_id: pupilId,
				lesson_id: lesson.id,
				lesson_version: lesson.version,
				step_id: stepId,
				choice: JSON.stringify(choice),
				correct: correct ? 1 : 0,
				attempt,
				created_at: now
			})
			.execute();
		await trx
			.updateTable('lesson_progress')
			.set((eb) => ({
				correct_first:
					attempt === 1 && correct ? eb('correct_first', '+', 1) : eb.ref('correct_first'),
				updated_at: now
			}))
			.where('pupil_id', '=', pupilId)
			.where('lesson_id', '=', lesson.id)
			.execute();
		return { ok: true, duplicate: false, correct, feedback: feedbackFor(step, choice) };
	});
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
	if (!step || step.id !== stepId) return progress; // a resent "verder": already moved on
	if (isScored(step)) {
		const answers = await stepAnswers(db, pupilId, lesson.id, step.id);
		if (!answers.some((a) => a.correct)) return progress;
	}
	const next = Math.min(progress.step_index + 1, lesson.steps.length - 1);
	const done = next === lesson.steps.length - 1;
	await db
		.updateTable('lesson_progress')
		.set({
			step_index: next,
			completed_at: done ? (progress.completed_at ?? now) : progress.completed_at,
			updated_at: now
		})
		.where('pupil_id', '=', pupilId)
		.where('lesson_id', '=', lesson.id)
		.execute();
	return (await lessonProgress(db, pupilId, lesson.id))!;
}

export async function goBack(
	db: DB,
	pupilId: number,
	lesson: Lesson,
	stepId: string,
	now = Date.now()
) {
	const progress = await startLesson(db, pupilId, lesson, now);
	if (lesson.steps[progress.step_index]?.id !== stepId || progress.step_index === 0) return;
	await db
		.updateTable('lesson_progress')
		.set({ step_index: progress.step_index - 1, updated_at: now })
		.where('pupil_id', '=', pupilId)
		.where('lesson_id', '=', lesson.id)
		.execute();
}

export type ProgressState = 'niet-begonnen' | 'bezig' | 'klaar';

export interface ProgressCell {
	state: ProgressState;
	stepIndex: number;
	correctFirst: number;
	scoredSteps: number;
	completedAt: number | null;
}

/** Progress of these pupils in these lessons, keyed "pupilId:lessonId". */
export async function progressMatrix(db: DB, pupilIds: number[], lessonIds: string[]) {
	const cells = new Map<string, ProgressCell>();
	if (pupilIds.length === 0 || lessonIds.length === 0) return cells;
	const rows = await db
		.selectFrom('lesson_progress')
		.select([
			'pupil_id',
			'lesson_id',
			'step_index',
			'completed_at',
			'correct_first',
			'scored_steps'
		])
		.where('pupil_id', 'in', pupilIds)
		.where('lesson_id', 'in', lessonIds)
		.execute();
	for (const r of rows)
		cells.set(`${r.pupil_id}:${r.lesson_id}`, {
			state: r.completed_at !== null ? 'klaar' : 'bezig',
			stepIndex: r.step_index,
			correctFirst: r.correct_first,
			scoredSteps: r.scored_steps,
			completedAt: r.completed_at
		});
	return cells;
}

export async function pupilProgress(db: DB, pupilId: number) {
	return db.selectFrom('lesson_progress').selectAll().where('pupil_id', '=', pupilId).execute();
}
