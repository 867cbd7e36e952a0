import { getDb } from '$lib/server/db';
import { requirePupil } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { assignedLessonIds } from '$lib/server/classes';
import { pupilProgress } from '$lib/server/progress';
import { bandQuiz, quizAttempts } from '$lib/server/quizzes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const pupil = requirePupil(event);
	const db = getDb();
	const library = getLibrary();
	const assigned = await assignedLessonIds(db, pupil.classId);
	const progress = new Map((await pupilProgress(db, pupil.id)).map((p) => [p.lesson_id, p]));
	const card = (id: string, isAssigned: boolean) => {
		const lesson = library.lessonById.get(id)!;
		const p = progress.get(id);
		return {
			id,
			title: lesson.title,
			minutes: lesson.minutes,
			assigned: isAssigned,
			state: p?.completed_at ? ('klaar' as const) : p ? ('bezig' as const) : ('nieuw' as const),
			step: p ? p.step_index + 1 : 0,
			steps: lesson.steps.length,
			correct: p?.correct_first ?? 0,
			scored: p?.scored_steps ?? 0
		};
	};
	const assignedCards = assigned
		.filter((id) => library.lessonById.has(id))
		.map((id) => card(id, true));
	const others = library.lessons
		.filter((l) => l.band === pupil.band && !assigned.includes(l.id))
		.map((l) => card(l.id, false));
	const bandLessons = library.lessons.filter((l) => l.band === pupil.band);
	const done = bandLessons.filter((l) => progress.get(l.id)?.completed_at).length;
	const quiz = bandQuiz(library, pupil.band);
	const attempts = quiz ? await quizAttempts(db, pupil.id, quiz.id) : [];
	const result = (kind: 'voortoets' | 'natoets') => {
		const a = attempts.find((x) => x.kind === kind);
		return a
			? { done: a.completed_at !== null, correct: a.correct_first, questions: a.questions }
			: null;
	};
	return {
		assigned: assignedCards,
		others,
		band: { done, total: bandLessons.length },
		quiz: quiz
			? {
					title: quiz.title,
					minutes: quiz.minutes,
					voortoets: result('voortoets'),
					natoets: result('natoets')
				}
			: null,
		notice:
			event.url.searchParams.get('quiz') === 'eerst-voortoets' ? 'Doe eerst de voortoets.' : null
	};
};
