// Growth from the voortoets (form a) to the natoets (form b), per kerndoel: two parallel forms
// matched per kerndoel, so the same pupil's two tallies can be compared.
import type { LessonLibrary } from '../lessons.ts';
import { bandQuiz, type QuizKind } from '../quizzes.ts';
import { sectorOf, type Band } from '../../lessons/schema.ts';
import { tally, type Tally } from '../../dashboard/mastery.ts';
import { questionIndex, stepKey } from './step-index.ts';

export interface Growth {
	quiz: { id: string; title: string } | null;
	goals: { id: string; label: string; title: string; pre: Tally; post: Tally }[];
	pupilsPre: number;
	pupilsPost: number;
	/** Pupils who took both: the only ones whose growth means something. */
	pupilsBoth: number;
}

export function classGrowth(
	library: LessonLibrary,
	band: Band,
	rows: {
		pupil_id: number;
		kind: QuizKind;
		quiz_id: string;
		question_id: string;
		correct: number;
	}[]
): Growth {
	const forms = {
		voortoets: bandQuiz(library, band, 'voortoets'),
		natoets: bandQuiz(library, band, 'natoets')
	};
	const index = questionIndex(library);
	const perGoal = new Map<string, { pre: Tally; post: Tally }>();
	const pupils = { voortoets: new Set<number>(), natoets: new Set<number>() };
	for (const row of rows) {
		if (forms[row.kind]?.id !== row.quiz_id) continue; // another band's or an old form
		const info = index.get(stepKey(row.quiz_id, row.question_id));
		if (!info) continue;
		pupils[row.kind].add(row.pupil_id);
		for (const g of info.goals) {
			const t = perGoal.get(g) ?? perGoal.set(g, { pre: tally(), post: tally() }).get(g)!;
			const side = row.kind === 'voortoets' ? t.pre : t.post;
			side.total++;
			if (row.correct === 1) side.right++;
		}
	}
	const quiz = forms.voortoets ?? forms.natoets;
	return {
		quiz: quiz ? { id: quiz.id, title: quiz.title } : null,
		goals: library.goals
			.filter((g) => perGoal.has(g.id))
			.map((g) => ({
				id: g.id,
				label: g.code[sectorOf(band)],
				title: g.title,
				...perGoal.get(g.id)!
			})),
		pupilsPre: pupils.voortoets.size,
		pupilsPost: pupils.natoets.size,
		pupilsBoth: [...pupils.voortoets].filter((id) => pupils.natoets.has(id)).length
	};
}
