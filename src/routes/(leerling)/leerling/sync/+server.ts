// The player's outbox posts here: answers and moves, oldest first, each with its client id.
// A retried batch is harmless: answers are stored once, moves only apply from the right step.
import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { requirePupil } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import {
	advance,
	CLIENT_ID_PATTERN,
	goBack,
	lessonOpenTo,
	recordAnswer
} from '$lib/server/progress';
import { isScored } from '$lib/lessons/schema';
import { choiceFromJson } from '$lib/activities';
import type { RequestHandler } from './$types';

const Item = v.object({
	kind: v.picklist(['answer', 'advance', 'back']),
	clientId: v.pipe(v.string(), v.regex(CLIENT_ID_PATTERN)),
	lessonId: v.pipe(v.string(), v.maxLength(100)),
	stepId: v.pipe(v.string(), v.maxLength(100)),
	choice: v.optional(v.unknown())
});
const Body = v.object({ items: v.pipe(v.array(Item), v.maxLength(50)) });

export const POST: RequestHandler = async (event) => {
	const pupil = requirePupil(event);
	const parsed = v.safeParse(Body, await event.request.json().catch(() => null));
	if (!parsed.success) error(400, 'Deze antwoorden kunnen niet worden gelezen.');
	const db = getDb();
	const library = getLibrary();
	const done: string[] = [];
	const refused: { clientId: string; message: string }[] = [];
	for (const item of parsed.output.items) {
		const lesson = await lessonOpenTo(db, pupil, library.lessonById.get(item.lessonId));
		if (!lesson) {
			refused.push({ clientId: item.clientId, message: 'Deze les staat niet voor jou klaar.' });
		} else if (item.kind === 'answer') {
			const step = lesson.steps.find((s) => s.id === item.stepId);
			const choice = step && isScored(step) ? choiceFromJson(step, item.choice) : null;
			if (!step || !choice) {
				refused.push({ clientId: item.clientId, message: 'Dit antwoord past niet bij de vraag.' });
			} else {
				const result = await recordAnswer(db, {
					pupilId: pupil.id,
					lesson,
					stepId: step.id,
					clientId: item.clientId,
					choice
				});
				if (!result.ok) refused.push({ clientId: item.clientId, message: result.message });
			}
		} else if (item.kind === 'advance') {
			await advance(db, pupil.id, lesson, item.stepId);
		} else {
			await goBack(db, pupil.id, lesson, item.stepId);
		}
		// Refused items are done too: sending them again would not change the answer.
		done.push(item.clientId);
	}
	return json({ done, refused });
};
