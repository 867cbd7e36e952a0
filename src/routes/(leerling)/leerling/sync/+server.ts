// The player's outbox posts here: answers and moves, oldest first, each with its client id.
// A retried batch is harmless: answers are stored once, moves only apply from the right step.
import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { durably, getDb } from '$lib/server/db';
import { requirePupil } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import {
	advance,
	CLIENT_ID_PATTERN,
	goBack,
	lessonOpenTo,
	logRefused,
	recordAnswer,
	type RecordResult
} from '$lib/server/progress';
import { isScored, type Lesson, type ScoredStep } from '$lib/lessons/schema';
import { choiceFromJson, type Choice } from '$lib/activities';
import type { RequestHandler } from './$types';

const Item = v.object({
	kind: v.picklist(['answer', 'advance', 'back']),
	clientId: v.pipe(v.string(), v.regex(CLIENT_ID_PATTERN)),
	lessonId: v.pipe(v.string(), v.maxLength(100)),
	stepId: v.pipe(v.string(), v.maxLength(100)),
	choice: v.optional(v.unknown())
});
type Input = v.InferOutput<typeof Item>;
const Body = v.object({ items: v.pipe(v.array(Item), v.maxLength(50)) });

type Planned =
	| { kind: 'answer'; clientId: string; lesson: Lesson; step: ScoredStep; choice: Choice }
	| { kind: 'advance' | 'back'; clientId: string; lesson: Lesson; stepId: string };

export const POST: RequestHandler = async (event) => {
	const pupil = requirePupil(event);
	const parsed = v.safeParse(Body, await event.request.json().catch(() => null));
	if (!parsed.success) error(400, 'Deze antwoorden kunnen niet worden gelezen.');
	const db = getDb();
	const library = getLibrary();
	const refused: { clientId: string; message: string }[] = [];
	const refuse = (item: Input, message: string) => {
		logRefused(pupil.id, item, message);
		refused.push({ clientId: item.clientId, message });
	};
	// Checked before the transaction, which then holds only the writes.
	const open = new Map<string, Lesson | undefined>();
	const planned: Planned[] = [];
	for (const item of parsed.output.items) {
		if (!open.has(item.lessonId))
			open.set(item.lessonId, await lessonOpenTo(db, pupil, library.lessonById.get(item.lessonId)));
		const lesson = open.get(item.lessonId);
		if (!lesson) {
			refuse(item, 'Deze les staat niet voor jou klaar.');
		} else if (item.kind === 'answer') {
			const step = lesson.steps.find((s) => s.id === item.stepId);
			const choice = step && isScored(step) ? choiceFromJson(step, item.choice) : null;
			if (!step || !isScored(step) || !choice) refuse(item, 'Dit antwoord past niet bij de vraag.');
			else planned.push({ kind: 'answer', clientId: item.clientId, lesson, step, choice });
		} else {
			planned.push({ kind: item.kind, clientId: item.clientId, lesson, stepId: item.stepId });
		}
	}
	// One transaction for the batch, committed (with other pupils' batches) before we answer.
	const results = await durably(async (trx) => {
		const out: RecordResult[] = [];
		for (const p of planned) {
			if (p.kind === 'answer') {
				const input = { pupilId: pupil.id, lesson: p.lesson, stepId: p.step.id };
				out.push(await recordAnswer(trx, { ...input, clientId: p.clientId, choice: p.choice }));
			} else if (p.kind === 'advance') await advance(trx, pupil.id, p.lesson, p.stepId);
			else await goBack(trx, pupil.id, p.lesson, p.stepId);
		}
		return out;
	});
	let i = 0;
	for (const p of planned) {
		if (p.kind !== 'answer') continue;
		const result = results[i++]!;
		if (!result.ok) refuse({ ...p, lessonId: p.lesson.id, stepId: p.step.id }, result.message);
	}
	// Refused items are done too: sending them again would not change the answer.
	return json({ done: parsed.output.items.map((item) => item.clientId), refused });
};
