// Answers a lesson through the server's own functions, as the lesson page would.
import { randomUUID } from 'node:crypto';
import type { DB } from '../../src/lib/server/db/index.ts';
import { isScored, type Lesson, type ScoredStep } from '../../src/lib/lessons/schema.ts';
import type { Choice } from '../../src/lib/activities/index.ts';
import { rightChoice } from '../../src/lib/activities/index.ts';
import { advance, recordAnswer, startLesson } from '../../src/lib/server/progress.ts';

/**
 * Plays the whole lesson. `firstTry` picks the first answer per scored step (null: the right
 * one); a wrong first try is followed by the right answer, so the pupil moves on.
 */
export async function answerLesson(
	db: DB,
	pupilId: number,
	lesson: Lesson,
	firstTry: (step: ScoredStep, index: number) => Choice | null = () => null,
	now = Date.now()
) {
	await startLesson(db, pupilId, lesson, now);
	let scored = 0;
	for (const step of lesson.steps.slice(0, -1)) {
		if (isScored(step)) {
			const first = firstTry(step, scored++) ?? rightChoice(step);
			const tries = [
				first,
				...(JSON.stringify(first) === JSON.stringify(rightChoice(step)) ? [] : [rightChoice(step)])
			];
			for (const choice of tries) {
				const result = await recordAnswer(
					db,
					{ pupilId, lesson, stepId: step.id, clientId: randomUUID(), choice },
					now
				);
				if (!result.ok) throw new Error(result.message);
			}
		}
		await advance(db, pupilId, lesson, step.id, now);
	}
}
