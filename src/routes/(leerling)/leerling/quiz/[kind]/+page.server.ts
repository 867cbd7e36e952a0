import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePupil } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import {
	bandQuiz,
	mayTake,
	QUIZ_KIND_LABELS,
	QUIZ_KINDS,
	quizAnswers,
	quizAttempts,
	recordQuizAnswer,
	startQuiz
} from '$lib/server/quizzes';
import type { QuizKind } from '$lib/server/db/schema';
import { publicStep } from '$lib/activities';
import { choiceFromForm, feedbackFor } from '$lib/activities';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function quizFor(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const pupil = requirePupil(event);
	const kind = event.params.kind as QuizKind;
	if (!QUIZ_KINDS.includes(kind)) error(404, 'Deze toets bestaat niet.');
	const quiz = bandQuiz(getLibrary(), pupil.band);
	if (!quiz) error(404, 'Er is nog geen quiz voor jouw groep.');
	const db = getDb();
	if (!(await mayTake(db, pupil.id, quiz, kind))) redirect(303, '/leerling?quiz=eerst-voortoets');
	return { pupil, quiz, kind, db };
}

export const load: PageServerLoad = async (event) => {
	const { pupil, quiz, kind, db } = await quizFor(event);
	const attempt = await startQuiz(db, pupil.id, quiz, kind);
	const answers = await quizAnswers(db, pupil.id, quiz, kind);
	const index = quiz.questions.findIndex((q) => !answers.has(q.id));
	const base = {
		quiz: { title: quiz.title, kindLabel: QUIZ_KIND_LABELS[kind] },
		total: quiz.questions.length
	};
	if (index === -1) {
		const before =
			kind === 'natoets'
				? (await quizAttempts(db, pupil.id, quiz.id)).find((a) => a.kind === 'voortoets')
				: undefined;
		return {
			...base,
			done: {
				correct: attempt.correct_first,
				before: before?.correct_first ?? null,
				// After the test: what each answer was, and why.
				review: quiz.questions.map((q) => {
					const a = answers.get(q.id)!;
					return {
						id: q.id,
						question: q.type === 'waar-niet-waar' ? q.statement : q.question,
						feedback: feedbackFor(q, a.choice)
					};
				})
			},
			question: null,
			index: quiz.questions.length,
			clientId: ''
		};
	}
	return {
		...base,
		done: null,
		question: publicStep(quiz.questions[index]!),
		index,
		clientId: crypto.randomUUID()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { pupil, quiz, kind, db } = await quizFor(event);
		const form = await event.request.formData();
		const question = quiz.questions.find((q) => q.id === form.get('question'));
		if (!question) return fail(400, { message: 'Deze vraag hoort niet bij deze toets.' });
		const choice = choiceFromForm(question, form);
		if (!choice) return fail(400, { message: 'Kies eerst een antwoord.' });
		const result = await recordQuizAnswer(db, {
			pupilId: pupil.id,
			quiz,
			kind,
			questionId: question.id,
			clientId: String(form.get('clientId') ?? ''),
			choice
		});
		if (!result.ok) return fail(400, { message: result.message });
		redirect(303, `/leerling/quiz/${kind}`);
	}
};
