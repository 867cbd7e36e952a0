// One lesson's questions with their answer distribution in a class (the teacher's lesson page).
import type { DB } from '../db/index.ts';
import type { LessonLibrary } from '../lessons.ts';
import { isScored, storedChoice } from '../../activities/index.ts';
import { questionStats, type FirstTry } from '../../dashboard/questions.ts';

export async function lessonDetail(
	db: DB,
	library: LessonLibrary,
	classId: number,
	lessonId: string
) {
	const lesson = library.lessonById.get(lessonId);
	if (!lesson) return undefined;
	const rows = await db
		.selectFrom('answer')
		.innerJoin('pupil', 'pupil.id', 'answer.pupil_id')
		.select(['answer.step_id', 'answer.choice', 'answer.correct'])
		.where('pupil.class_id', '=', classId)
		.where('answer.lesson_id', '=', lessonId)
		.where('answer.attempt', '=', 1)
		.execute();
	const steps = lesson.steps.filter(isScored);
	const byStep = new Map<string, FirstTry[]>(steps.map((s) => [s.id, []]));
	for (const row of rows) {
		const step = steps.find((s) => s.id === row.step_id);
		const choice = step && storedChoice(step, row.choice);
		if (choice) byStep.get(row.step_id)!.push({ choice, correct: row.correct === 1 });
	}
	return {
		lesson,
		questions: steps.map((step) => questionStats(step, byStep.get(step.id)!))
	};
}
