// One pupil, for their teacher: lessons done and open, first tries per kerndoel and rule, the
// quizzes, the wrong answers they gave with what DenkNa explained, login state and parents.
import type { DB } from '../db/index.ts';
import type { LessonLibrary } from '../lessons.ts';
import type { Band } from '../../lessons/schema.ts';
import { feedbackFor, questionText, storedChoice } from '../../activities/index.ts';
import { pupilsOfClass } from '../classes.ts';
import { classParentLinks } from '../parents.ts';
import { firstTryScores, pupilProgress } from '../progress.ts';
import { quizResults } from '../quizzes.ts';
import { classDashboard } from './class.ts';
import type { SchoolProtocol } from '../protocols.ts';
import { stepIndex, stepKey } from './step-index.ts';

/** At most this many wrong answers are listed, newest first. */
const WRONG_SHOWN = 30;

export async function pupilReport(
	db: DB,
	library: LessonLibrary,
	klas: { id: number; band: Band },
	protocol: SchoolProtocol | string,
	pupilId: number
) {
	const pupil = (await pupilsOfClass(db, klas.id)).find((p) => p.id === pupilId);
	if (!pupil) return undefined;
	const dashboard = await classDashboard(db, library, klas, protocol);
	const row = dashboard.pupils.find((p) => p.id === pupilId)!;
	const lessons = await lessonStates(db, library, klas, pupilId);
	return {
		pupil: {
			id: pupil.id,
			name: pupil.display_name,
			avatar: pupil.avatar,
			locked: pupil.locked_at !== null,
			failedAttempts: pupil.failed_attempts
		},
		help: dashboard.needsHelp.find((h) => h.pupilId === pupilId)?.reasons ?? [],
		goals: dashboard.goals.map((g, i) => ({ ...g, pupil: row.goals[i]! })),
		rules: dashboard.rules.map((r, i) => ({ ...r, pupil: row.rules[i]! })),
		lessons,
		quizzes: (await quizResults(db, [pupilId])).get(pupilId) ?? {},
		wrong: await wrongAnswers(db, library, pupilId),
		parents: (await classParentLinks(db, klas.id)).filter((l) => l.pupil_id === pupilId)
	};
}

/** The band's lessons in the recommended order (and others the pupil started), with state. */
async function lessonStates(db: DB, library: LessonLibrary, klas: { band: Band }, pupilId: number) {
	const progress = new Map((await pupilProgress(db, pupilId)).map((p) => [p.lesson_id, p]));
	const ids = [
		...library.order[klas.band],
		...[...progress.keys()].filter((id) => !library.order[klas.band].includes(id))
	];
	const lessons = ids.flatMap((id) => library.lessonById.get(id) ?? []);
	const scores = await firstTryScores(db, [pupilId], lessons);
	return lessons.map((l) => {
		const p = progress.get(l.id);
		const score = scores.get(`${pupilId}:${l.id}`)!;
		return {
			id: l.id,
			title: l.title,
			state: p?.completed_at ? ('klaar' as const) : p ? ('bezig' as const) : ('nieuw' as const),
			step: p ? p.step_index + 1 : 0,
			steps: l.steps.length,
			correct: score.correct,
			scored: score.scored
		};
	});
}

/** The wrong answers the pupil gave, newest first, each with the feedback they read. */
async function wrongAnswers(db: DB, library: LessonLibrary, pupilId: number) {
	const rows = await db
		.selectFrom('answer')
		.select(['lesson_id', 'step_id', 'choice', 'attempt', 'created_at'])
		.where('pupil_id', '=', pupilId)
		.where('correct', '=', 0)
		.orderBy('created_at', 'desc')
		.limit(WRONG_SHOWN)
		.execute();
	const index = stepIndex(library);
	return rows.flatMap((r) => {
		const info = index.get(stepKey(r.lesson_id, r.step_id));
		const choice = info && storedChoice(info.step, r.choice);
		if (!info || !choice) return [];
		return [
			{
				lessonTitle: library.lessonById.get(r.lesson_id)!.title,
				question: questionText(info.step),
				attempt: r.attempt,
				at: r.created_at,
				feedback: feedbackFor(info.step, choice)
			}
		];
	});
}
