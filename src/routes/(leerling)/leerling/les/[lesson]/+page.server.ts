import { error, fail, redirect } from '@sveltejs/kit';
import { durably, getDb } from '$lib/server/db';
import { requirePupil } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { cardRules, lessonRules, schoolProtocol } from '$lib/server/protocols';
import { emptyStepState, withAnswer, type StepState } from '$lib/player/state';
import type { SchoolRulesCard } from '$lib/activities';
import {
	advance,
	goBack,
	lessonAnswers,
	lessonOpenTo,
	logRefused,
	recordAnswer,
	startLesson
} from '$lib/server/progress';
import { deleteSessionTokenCookie, invalidateSession } from '$lib/server/auth/session';
import { isScored, TOPIC_LABELS } from '$lib/lessons/schema';
import { arrangeSeed, arrangeStep, choiceFromForm, incompleteMessage } from '$lib/activities';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The lesson, if this pupil may do it: their band's lessons and what their class was given. */
async function lessonFor(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const pupil = requirePupil(event);
	const db = getDb();
	const known = getLibrary().lessonById.get(event.params.lesson);
	if (!known) error(404, 'Deze les bestaat niet.');
	const lesson = await lessonOpenTo(db, pupil, known);
	if (!lesson) error(404, 'Deze les staat niet voor jou klaar.');
	return { pupil, lesson, db };
}

export const load: PageServerLoad = async (event) => {
	const { pupil, lesson, db } = await lessonFor(event);
	const library = getLibrary();
	const progress = await startLesson(db, pupil.id, lesson);
	const own = await schoolProtocol(db, library, pupil.schoolId);
	const answers = await lessonAnswers(db, pupil.id, lesson);

	const states: Record<string, StepState> = {};
	for (const [stepId, list] of answers) {
		let state = emptyStepState();
		for (const a of list) state = withAnswer(state, a.correct, a.choice);
		states[stepId] = state;
	}
	// "Op jouw school" cards show the rules of the pupil's own school.
	const schoolCards: Record<string, SchoolRulesCard> = {};
	for (const step of lesson.steps) {
		if (step.type !== 'op-jouw-school') continue;
		const school = cardRules(library, own, step.topic, pupil.band);
		schoolCards[step.id] = {
			topicLabel: TOPIC_LABELS[step.topic],
			protocolName: school.protocolName,
			rules: school.rules
		};
	}
	return {
		lesson: { id: lesson.id, title: lesson.title, band: lesson.band },
		// The whole lesson, feedback included, so the player can go on when the Wi-Fi drops;
		// options in this pupil's own order (the same on every visit, with or without JS).
		steps: lesson.steps.map((s) => arrangeStep(s, arrangeSeed(pupil.id, lesson.id, s.id))),
		schoolCards,
		endRules: lessonRules(library, own, lesson, pupil.band),
		index: progress.step_index,
		states,
		// A fresh id for the next answer sent without JavaScript: a resent form is stored once.
		clientId: crypto.randomUUID(),
		// When this state was read: a page served from the offline cache is older than the
		// state the browser kept (player/resume.ts).
		loadedAt: Date.now()
	};
};

export const actions: Actions = {
	answer: async (event) => {
		const { pupil, lesson } = await lessonFor(event);
		const form = await event.request.formData();
		const step = lesson.steps.find((s) => s.id === form.get('step'));
		const clientId = String(form.get('clientId') ?? '');
		const refuse = (message: string) => {
			logRefused(
				pupil.id,
				{ clientId, lessonId: lesson.id, stepId: String(form.get('step')) },
				message
			);
			return fail(400, { message });
		};
		if (!step || !isScored(step)) return refuse('Deze vraag hoort niet bij deze les.');
		const choice = choiceFromForm(step, form);
		if (!choice) return fail(400, { message: incompleteMessage(step) });
		const input = { pupilId: pupil.id, lesson, stepId: step.id, clientId, choice };
		// Acknowledged (the redirect) only once committed, with other pupils' answers.
		const result = await durably((trx) => recordAnswer(trx, input));
		if (!result.ok) return refuse(result.message);
		// The hash scrolls the feedback into view, with and without JavaScript.
		redirect(303, `/leerling/les/${lesson.id}#feedback`);
	},
	next: async (event) => {
		const { pupil, lesson } = await lessonFor(event);
		const form = await event.request.formData();
		await durably((trx) => advance(trx, pupil.id, lesson, String(form.get('step') ?? '')));
		redirect(303, `/leerling/les/${lesson.id}`);
	},
	back: async (event) => {
		const { pupil, lesson } = await lessonFor(event);
		const form = await event.request.formData();
		await durably((trx) => goBack(trx, pupil.id, lesson, String(form.get('step') ?? '')));
		redirect(303, `/leerling/les/${lesson.id}`);
	},
	finish: async (event) => {
		const { pupil } = await lessonFor(event);
		if (event.locals.session) await invalidateSession(getDb(), event.locals.session.id);
		deleteSessionTokenCookie(event.cookies);
		redirect(303, `/klas/${pupil.loginToken}?uitgelogd=1`);
	}
};
