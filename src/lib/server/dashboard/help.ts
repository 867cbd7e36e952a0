// Who needs the teacher, most urgent first: locked out (can't log in), stuck on a question
// (tried it STUCK_TRIES times), far below the class on a kerndoel, a lesson untouched for a week.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { LessonLibrary } from '../lessons.ts';
import type { Sector } from '../../lessons/schema.ts';
import {
	FAR_BELOW,
	HELP_BELOW,
	MIN_QUESTIONS,
	STUCK_DAYS,
	STUCK_TRIES,
	type Tally
} from '../../dashboard/mastery.ts';

export const HELP_KINDS = ['op-slot', 'vast', 'achter', 'stil'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

export interface HelpEntry {
	pupilId: number;
	name: string;
	/** The most urgent reason first; the entry is ranked by it. */
	reasons: { kind: HelpKind; text: string }[];
}

const DAY = 86_400_000;

export async function pupilsNeedingHelp(
	db: DB,
	library: LessonLibrary,
	pupils: { id: number; display_name: string; locked_at: number | null }[],
	tallies: { pupil: Map<number, Map<string, Tally>>; class: Map<string, Tally> },
	sector: Sector,
	now: number
): Promise<HelpEntry[]> {
	const pupilIds = pupils.map((p) => p.id);
	if (pupilIds.length === 0) return [];
	const reasons = new Map<number, HelpEntry['reasons']>();
	const note = (id: number, kind: HelpKind, text: string) =>
		(reasons.get(id) ?? reasons.set(id, []).get(id)!).push({ kind, text });
	for (const p of pupils)
		if (p.locked_at !== null)
			note(p.id, 'op-slot', 'Op slot: vijf keer een verkeerde plaatjescode');
	for (const row of await stuckSteps(db, pupilIds)) {
		const lesson = library.lessonById.get(row.lesson_id);
		if (lesson)
			note(
				row.pupil_id,
				'vast',
				`${Number(row.tries)} keer fout op een vraag in "${lesson.title}"`
			);
	}
	for (const p of pupils)
		for (const goal of library.goals) {
			const t = tallies.pupil.get(p.id)?.get(goal.id);
			const c = tallies.class.get(goal.id);
			if (!t || t.total < MIN_QUESTIONS) continue;
			const share = t.right / t.total;
			const classShare = c && c.total ? c.right / c.total : null;
			if (share < HELP_BELOW || (classShare !== null && classShare - share >= FAR_BELOW))
				note(
					p.id,
					'achter',
					`${goal.code[sector]} ${goal.title.replace(/^Digitale (technologie, )?/, '')}: ${t.right} van ${t.total} goed` +
						(classShare !== null ? ` (klas ${Math.round(classShare * 100)}%)` : '')
				);
		}
	for (const row of await idleLessons(db, pupilIds, now)) {
		const lesson = library.lessonById.get(row.lesson_id);
		if (lesson)
			note(
				row.pupil_id,
				'stil',
				`Staat al ${Math.floor((now - row.updated_at) / DAY)} dagen stil in "${lesson.title}"`
			);
	}
	const rank = (e: HelpEntry['reasons']) =>
		Math.min(...e.map((r) => HELP_KINDS.indexOf(r.kind))) * 100 - e.length;
	return pupils
		.filter((p) => reasons.has(p.id))
		.map((p) => ({
			pupilId: p.id,
			name: p.display_name,
			reasons: reasons
				.get(p.id)!
				.sort((a, b) => HELP_KINDS.indexOf(a.kind) - HELP_KINDS.indexOf(b.kind))
		}))
		.sort((a, b) => rank(a.reasons) - rank(b.reasons));
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
