// The band quiz as voortoets (form a) and natoets (form b): one try per question, no right
// answers shown until the natoets is done. The one module that knows how quizzes are stored:
// quiz_attempt (one per pupil and kind), quiz_answer and quiz_assignment.
import { lockRow, type DB } from './db/index.ts';
import type { Band, Quiz } from '../lessons/schema.ts';
import { isCorrect, storedChoice, type Choice } from '../activities/index.ts';
import { QUIZ_FORM, QUIZ_KINDS, type QuizKind } from '../quizzes.ts';
import type { LessonLibrary } from './lessons.ts';
import { CLIENT_ID_PATTERN } from './progress.ts';

export { QUIZ_KIND_LABELS, QUIZ_KINDS, isQuizKind, type QuizKind } from '../quizzes.ts';

/** The form of the band's quiz that this kind uses. */
export function bandQuiz(library: LessonLibrary, band: Band, kind: QuizKind): Quiz | undefined {
	return library.quizzes.find((q) => q.band === band && q.form === QUIZ_FORM[kind]);
}

// ---------------------------------------------------------------- assignments

export async function quizAssignments(db: DB, classId: number) {
	return db
		.selectFrom('quiz_assignment')
		.select(['kind', 'week'])
		.where('class_id', '=', classId)
		.orderBy('assigned_at')
		.execute();
}

export async function assignQuiz(
	db: DB,
	input: { classId: number; kind: QuizKind; userId: number; week: string | null },
	now = Date.now()
) {
	const { classId, kind, userId, week } = input;
	await db
		.insertInto('quiz_assignment')
		.values({ class_id: classId, kind, assigned_by: userId, assigned_at: now, week })
		.onConflict((oc) => oc.columns(['class_id', 'kind']).doUpdateSet({ week }))
		.execute();
}

export async function unassignQuiz(db: DB, classId: number, kind: QuizKind) {
	await db
		.deleteFrom('quiz_assignment')
		.where('class_id', '=', classId)
		.where('kind', '=', kind)
		.execute();
}

// ---------------------------------------------------------------- attempts

export interface QuizState {
	kind: QuizKind;
	quiz: Quiz;
	/** Why the pupil can't start it yet, or null when it is open. */
	closed: 'not-assigned' | 'voortoets-first' | null;
	attempt: { done: boolean; right: number; answered: number; questions: number } | null;
}

/** Each kind of the band quiz as this pupil sees it: open only when the class was given it,
 * and the natoets only after the voortoets. */
export async function pupilQuizzes(
	db: DB,
	library: LessonLibrary,
	pupil: { id: number; band: Band; classId: number }
): Promise<QuizState[]> {
	const assigned = new Set((await quizAssignments(db, pupil.classId)).map((a) => a.kind));
	const results = (await quizResults(db, [pupil.id])).get(pupil.id);
	const states: QuizState[] = [];
	for (const kind of QUIZ_KINDS) {
		const quiz = bandQuiz(library, pupil.band, kind);
		if (!quiz) continue;
		const attempt = results?.[kind] ?? null;
		const closed = !assigned.has(kind)
			? ('not-assigned' as const)
			: kind === 'natoets' && !results?.voortoets?.done
				? ('voortoets-first' as const)
				: null;
		states.push({ kind, quiz, closed: attempt?.done ? null : closed, attempt });
	}
	return states;
}

export async function startQuiz(
	db: DB,
	pupilId: number,
	quiz: Quiz,
	kind: QuizKind,
	now = Date.now()
) {
	await db
		.insertInto('quiz_attempt')
		.values({
			pupil_id: pupilId,
			quiz_id: quiz.id,
			kind,
			quiz_version: quiz.version,
			started_at: now,
			completed_at: null,
			questions: quiz.questions.length
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
	return db
		.selectFrom('quiz_attempt')
		.selectAll()
		.where('pupil_id', '=', pupilId)
		.where('quiz_id', '=', quiz.id)
		.where('kind', '=', kind)
		.executeTakeFirstOrThrow();
}

/** The answers of one attempt, per question id. */
export async function quizAnswers(db: DB, quiz: Quiz, attemptId: number) {
	const rows = await db
		.selectFrom('quiz_answer')
		.select(['question_id', 'choice', 'correct'])
		.where('attempt_id', '=', attemptId)
		.execute();
	const answers = new Map<string, { choice: Choice; correct: boolean }>();
	for (const r of rows) {
		const question = quiz.questions.find((q) => q.id === r.question_id);
		const choice = question && storedChoice(question, r.choice);
		if (choice) answers.set(r.question_id, { choice, correct: r.correct === 1 });
	}
	return answers;
}

export async function recordQuizAnswer(
	db: DB,
	input: { attemptId: number; quiz: Quiz; questionId: string; clientId: string; choice: Choice },
	now = Date.now()
): Promise<{ ok: true } | { ok: false; message: string }> {
	const { attemptId, quiz, questionId, clientId, choice } = input;
	const question = quiz.questions.find((q) => q.id === questionId);
	if (!question) return { ok: false, message: 'Deze vraag hoort niet bij deze toets.' };
	if (!CLIENT_ID_PATTERN.test(clientId))
		return { ok: false, message: 'Dit antwoord mist een kenmerk.' };
	// Inside `durably` (the quiz page), in its transaction; otherwise in one of its own.
	const write = async (trx: DB) => {
		// The attempt's lock (PostgreSQL): two nodes storing the last two answers at once
		// would each count the other's answer as missing and leave the quiz open.
		await lockRow(trx, 'quiz_attempt', { id: attemptId });
		// One try per question and one row per client id, both by constraint: a resent form,
		// a second tab or Back never change the first answer.
		await trx
			.insertInto('quiz_answer')
			.values({
				client_id: clientId,
				attempt_id: attemptId,
				question_id: questionId,
				choice: JSON.stringify(choice),
				correct: isCorrect(question, choice) ? 1 : 0,
				created_at: now
			})
			.onConflict((oc) => oc.doNothing())
			.execute();
		const { n } = await trx
			.selectFrom('quiz_answer')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('attempt_id', '=', attemptId)
			.executeTakeFirstOrThrow();
		if (Number(n) >= quiz.questions.length)
			await trx
				.updateTable('quiz_attempt')
				.set({ completed_at: now })
				.where('id', '=', attemptId)
				.where('completed_at', 'is', null)
				.execute();
		return { ok: true as const };
	};
	return db.isTransaction ? write(db) : db.transaction().execute(write);
}

export interface QuizResult {
	quizId: string;
	done: boolean;
	/** Right answers (each question has one try). */
	right: number;
	answered: number;
	questions: number;
}

/** Per pupil and kind: how their quiz went, counted from the answer rows. */
export async function quizResults(db: DB, pupilIds: number[]) {
	const results = new Map<number, Partial<Record<QuizKind, QuizResult>>>();
	if (pupilIds.length === 0) return results;
	const rows = await db
		.selectFrom('quiz_attempt')
		.leftJoin('quiz_answer', 'quiz_answer.attempt_id', 'quiz_attempt.id')
		.select((eb) => [
			'quiz_attempt.pupil_id',
			'quiz_attempt.kind',
			'quiz_attempt.quiz_id',
			'quiz_attempt.completed_at',
			'quiz_attempt.questions',
			eb.fn.count<number>('quiz_answer.id').as('answered'),
			eb.fn.coalesce(eb.fn.sum<number>('quiz_answer.correct'), eb.lit(0)).as('right')
		])
		.where('quiz_attempt.pupil_id', 'in', pupilIds)
		.groupBy('quiz_attempt.id')
		.execute();
	for (const r of rows) {
		const entry = results.get(r.pupil_id) ?? {};
		entry[r.kind] = {
			quizId: r.quiz_id,
			done: r.completed_at !== null,
			right: Number(r.right),
			answered: Number(r.answered),
			questions: r.questions
		};
		results.set(r.pupil_id, entry);
	}
	return results;
}

/** First answers of these pupils' quiz attempts, with the question they answer. */
export async function quizAnswerRows(db: DB, pupilIds: number[]) {
	if (pupilIds.length === 0) return [];
	return db
		.selectFrom('quiz_answer')
		.innerJoin('quiz_attempt', 'quiz_attempt.id', 'quiz_answer.attempt_id')
		.select([
			'quiz_attempt.pupil_id',
			'quiz_attempt.kind',
			'quiz_attempt.quiz_id',
			'quiz_answer.question_id',
			'quiz_answer.correct'
		])
		.where('quiz_attempt.pupil_id', 'in', pupilIds)
		.execute();
}
