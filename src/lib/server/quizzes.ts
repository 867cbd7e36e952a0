// The band quiz as a pre-test (voortoets) and post-test (natoets): one try per question, no
// feedback until the end, answers stored in `answer` under "<quiz id>:<kind>".
import type { DB } from './db/index.ts';
import type { QuizKind } from './db/schema.ts';
import type { Band, Quiz } from '../lessons/schema.ts';
import { isCorrect, type Choice } from '../activities/index.ts';
import type { LessonLibrary } from './lessons.ts';
import { CLIENT_ID_PATTERN } from './progress.ts';

export const QUIZ_KINDS = ['voortoets', 'natoets'] as const satisfies readonly QuizKind[];
export const QUIZ_KIND_LABELS: Record<QuizKind, string> = {
	voortoets: 'Voortoets',
	natoets: 'Natoets'
};

export const quizAnswerKey = (quizId: string, kind: QuizKind) => `${quizId}:${kind}`;

export function bandQuiz(library: LessonLibrary, band: Band): Quiz | undefined {
	// Form a until the natoets takes its own parallel form (form b).
	return library.quizzes.find((q) => q.band === band && q.form === 'a');
}

export async function quizAttempts(db: DB, pupilId: number, quizId: string) {
	return db
		.selectFrom('quiz_attempt')
		.selectAll()
		.where('pupil_id', '=', pupilId)
		.where('quiz_id', '=', quizId)
		.execute();
}

/** The natoets only after the voortoets: otherwise there is no growth to show. */
export async function mayTake(db: DB, pupilId: number, quiz: Quiz, kind: QuizKind) {
	if (kind === 'voortoets') return true;
	const attempts = await quizAttempts(db, pupilId, quiz.id);
	return attempts.some((a) => a.kind === 'voortoets' && a.completed_at !== null);
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
			correct_first: 0,
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

export async function quizAnswers(db: DB, pupilId: number, quiz: Quiz, kind: QuizKind) {
	const rows = await db
		.selectFrom('answer')
		.select(['step_id', 'choice', 'correct'])
		.where('pupil_id', '=', pupilId)
		.where('lesson_id', '=', quizAnswerKey(quiz.id, kind))
		.execute();
	return new Map(
		rows.map((r) => [
			r.step_id,
			{ choice: JSON.parse(r.choice) as Choice, correct: r.correct === 1 }
		])
	);
}

export async function recordQuizAnswer(
	db: DB,
	input: {
		pupilId: number;
		quiz: Quiz;
		kind: QuizKind;
		questionId: string;
		clientId: string;
		choice: Choice;
	},
	now = Date.now()
): Promise<{ ok: true } | { ok: false; message: string }> {
	const { pupilId, quiz, kind, questionId, clientId, choice } = input;
	const question = quiz.questions.find((q) => q.id === questionId);
	if (!question) return { ok: false, message: 'Deze vraag hoort niet bij deze toets.' };
	if (!CLIENT_ID_PATTERN.test(clientId))
		return { ok: false, message: 'Dit antwoord mist een kenmerk.' };
	const key = quizAnswerKey(quiz.id, kind);
	return db.transaction().execute(async (trx) => {
		const same = await trx
			.selectFrom('answer')
			.select('pupil_id')
			.where('client_id', '=', clientId)
			.executeTakeFirst();
		if (same)
			return same.pupil_id === pupilId
				? { ok: true as const }
				: { ok: false as const, message: 'Dit antwoord is al gebruikt.' };
		const earlier = await trx
			.selectFrom('answer')
			.select('id')
			.where('pupil_id', '=', pupilId)
			.where('lesson_id', '=', key)
			.where('step_id', '=', questionId)
			.executeTakeFirst();
		// One try per question: a second answer (another tab, Back) does not change the first.
		if (earlier) return { ok: true as const };
		const correct = isCorrect(question, choice);
		await trx
			.insertInto('answer')
			.values({
				client_id: clientId,
				pupil_id: pupilId,
				lesson_id: key,
				lesson_version: quiz.version,
				step_id: questionId,
				choice: JSON.stringify(choice),
				correct: correct ? 1 : 0,
				attempt: 1,
				created_at: now
			})
			.execute();
		const { n } = await trx
			.selectFrom('answer')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('pupil_id', '=', pupilId)
			.where('lesson_id', '=', key)
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('quiz_attempt')
			.set((eb) => ({
				correct_first: correct ? eb('correct_first', '+', 1) : eb.ref('correct_first'),
				completed_at: Number(n) >= quiz.questions.length ? now : null
			}))
			.where('pupil_id', '=', pupilId)
			.where('quiz_id', '=', quiz.id)
			.where('kind', '=', kind)
			.execute();
		return { ok: true as const };
	});
}
