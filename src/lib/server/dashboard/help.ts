// Who needs the teacher: far below on a kerndoel, a lesson untouched for a week, or stuck on
// one question after several tries.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { LessonLibrary } from '../lessons.ts';
import { goalLabel, type Sector } from '../../lessons/schema.ts';
import {
	HELP_BELOW,
	MIN_QUESTIONS,
	STUCK_DAYS,
	STUCK_TRIES,
	type Tally
} from '../../dashboard/mastery.ts';

export interface HelpEntry {
	pupilId: number;
	name: string;
	reasons: string[];
}

const DAY = 86_400_000;

export async function pupilsNeedingHelp(
	db: DB,
	library: LessonLibrary,
	pupils: { id: number; display_name: string }[],
	pupilGoals: Map<number, Map<string, Tally>>,
	sector: Sector,
	now: number
): Promise<HelpEntry[]> {
	const pupilIds = pupils.map((p) => p.id);
	if (pupilIds.length === 0) return [];
	const reasons = new Map<number, string[]>();
	const note = (id: number, reason: string) =>
		(reasons.get(id) ?? reasons.set(id, []).get(id)!).push(reason);
	for (const p of pupils)
		for (const goal of library.goals) {
			const t = pupilGoals.get(p.id)?.get(goal.id);
			if (t && t.total >= MIN_QUESTIONS && t.right / t.total < HELP_BELOW)
				note(p.id, `${goalLabel(goal, sector)}: ${t.right} van ${t.total} vragen meteen goed`);
		}
	for (const row of await idleLessons(db, pupilIds, now)) {
		const lesson = library.lessonById.get(row.lesson_id);
		if (lesson)
			note(
				row.pupil_id,
				`Staat al ${Math.floor((now - row.updated_at) / DAY)} dagen stil in "${lesson.title}"`
			);
	}
	for (const row of await stuckSteps(db, pupilIds)) {
		const lesson = library.lessonById.get(row.lesson_id);
		if (lesson)
			note(row.pupil_id, `${Number(row.tries)} keer fout op een vraag in "${lesson.title}"`);
	}
	return pupils
		.filter((p) => reasons.has(p.id))
		.map((p) => ({ pupilId: p.id, name: p.display_name, reasons: reasons.get(p.id)! }));
}

async function idleLessons(db: DB, pupilIds: number[], now: number) {
	return db
		.selectFrom('lesson_progress')
		.select(['pupil_id', 'lesson_id', 'updated_at'])
		.where('pupil_id', 'in', pupilIds)
		.where('completed_at', 'is', null)
		.where('updated_at', '<', now - STUCK_DAYS * DAY)
		.execute();
}

/** Steps a pupil tried at least STUCK_TRIES times and never got right. */
async function stuckSteps(db: DB, pupilIds: number[]) {
	return db
		.selectFrom('answer')
		.select((eb) => ['pupil_id', 'lesson_id', 'step_id', eb.fn.max('attempt').as('tries')])
		.where('pupil_id', 'in', pupilIds)
		.groupBy(['pupil_id', 'lesson_id', 'step_id'])
		.having(sql`max(attempt)`, '>=', STUCK_TRIES)
		.having(sql`max(correct)`, '=', 0)
		.execute();
}
