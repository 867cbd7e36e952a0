import { error, fail, redirect } from '@sveltejs/kit';
import { durably, getDb } from '$lib/server/db';
import { requirePupil } from '$lib/server/auth/guards';
import { sectorOf } from '$lib/lessons/fields';
import { pupilWords } from '$lib/pupil-words';
import { getLibrary } from '$lib/server/lessons';
import {
	isQuizKind,
	pupilQuizzes,
	QUIZ_KIND_LABELS,
	quizAnswers,
	recordQuizAnswer,
	startQuiz
} from '$lib/server/quizzes';
import {
	arrangeSeed,
	arrangeStep,
	choiceFromForm,
	feedbackFor,
	incompleteMessage,
	publicStep,
	questionText
} from '$lib/activities';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The quiz of this kind, if the pupil may take it: given to the class, natoets after voortoets. */
async function quizFor(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const pupil = requirePupil(event);
	const kind = event.params.kind;
	if (!isQuizKind(kind)) error(404, 'Deze toets bestaat niet.');
	const db = getDb();
	const states = await pupilQuizzes(db, getLibrary(), pupil);
	const state = states.find((s) => s.kind === kind);
	if (!state)
		error(404, `Er is nog geen toets voor ${pupilWords(sectorOf(pupil.band)).yourGroup}.`);
	if (state.closed === 'not-assigned') redirect(303, '/leerling?quiz=niet-klaargezet');
	if (state.closed === 'voortoets-first') redirect(303, '/leerling?quiz=eerst-voortoets');
	return { pupil, quiz: state.quiz, kind, db, states };
}

export const load: PageServerLoad = async (event) => {
	const { pupil, quiz, kind, db, states } = await quizFor(event);
	const attempt = await startQuiz(db, pupil.id, quiz, kind);
	const answers = await quizAnswers(db, quiz, attempt.id);
	const index = quiz.questions.findIndex((q) => !answers.has(q.id));
	const base = {
		quiz: { title: quiz.title, kindLabel: QUIZ_KIND_LABELS[kind] },
		total: quiz.questions.length
	};
	if (index !== -1)
		return {
			...base,
			done: null,
			question: publicStep(
				arrangeStep(
					quiz.questions[index]!,
					arrangeSeed(pupil.id, quiz.id, quiz.questions[index]!.id)
				)
			),
			index,
			clientId: crypto.randomUUID()
		};
	// The voortoets shows nothing of what was right: the natoets is a parallel form, and the
	// review would teach its answers. After the natoets: the score, the growth and the why.
	if (kind === 'voortoets')
		return { ...base, done: { review: null }, question: null, index, clientId: '' };
	const correct = [...answers.values()].filter((a) => a.correct).length;
	const before = states.find((s) => s.kind === 'voortoets')?.attempt;
	return {
		...base,
		done: {
			correct,
			before: before?.done ? before.right : null,
			review: quiz.questions.map((q) => ({
				id: q.id,
				question: questionText(q),
				feedback: feedbackFor(q, answers.get(q.id)!.choice)
			}))
		},
		question: null,
		index,
		clientId: ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { pupil, quiz, kind } = await quizFor(event);
		const form = await event.request.formData();
		const question = quiz.questions.find((q) => q.id === form.get('question'));
		if (!question) return fail(400, { message: 'Deze vraag hoort niet bij deze toets.' });
		const choice = choiceFromForm(question, form);
		if (!choice) return fail(400, { message: incompleteMessage(question) });
		// Acknowledged (the redirect) only once committed, with other pupils' answers.
		const result = await durably(async (trx) => {
			const attempt = await startQuiz(trx, pupil.id, quiz, kind);
			return recordQuizAnswer(trx, {
				attemptId: attempt.id,
				quiz,
				questionId: question.id,
				clientId: String(form.get('clientId') ?? ''),
				choice
			});
		});
		if (!result.ok) return fail(400, { message: result.message });
		redirect(303, `/leerling/quiz/${kind}`);
	}
};
