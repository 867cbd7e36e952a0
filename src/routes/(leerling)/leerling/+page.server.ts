import { getDb } from '$lib/server/db';
import { requirePupil } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { assignedLessonIds } from '$lib/server/classes';
import { firstTryScores, pupilProgress } from '$lib/server/progress';
import { pupilQuizzes, QUIZ_KIND_LABELS } from '$lib/server/quizzes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const pupil = requirePupil(event);
	const db = getDb();
	const library = getLibrary();
	const assigned = await assignedLessonIds(db, pupil.classId);
	const progress = new Map((await pupilProgress(db, pupil.id)).map((p) => [p.lesson_id, p]));
	const scores = await firstTryScores(
		db,
		[pupil.id],
		[...progress.keys()].flatMap((id) => library.lessonById.get(id) ?? [])
	);
	const card = (id: string, isAssigned: boolean) => {
		const lesson = library.lessonById.get(id)!;
		const p = progress.get(id);
		const score = scores.get(`${pupil.id}:${id}`);
		return {
			id,
			title: lesson.title,
			picture: lesson.picture ?? null,
			minutes: lesson.minutes,
			assigned: isAssigned,
			state: p?.completed_at ? ('klaar' as const) : p ? ('bezig' as const) : ('nieuw' as const),
			step: p ? p.step_index + 1 : 0,
			steps: lesson.steps.length,
			correct: score?.correct ?? 0,
			scored: score?.scored ?? 0
		};
	};
	const given = assigned.filter((id) => library.lessonById.has(id)).map((id) => card(id, true));
	// This week's lesson: the one the teacher gave last that isn't done yet, first and biggest.
	const current = given.findLast((c) => c.state !== 'klaar') ?? given.at(-1);
	const assignedCards = current
		? [{ ...current, featured: true }, ...given.filter((c) => c !== current)]
		: given;
	const others = library.lessons
		.filter((l) => l.band === pupil.band && !assigned.includes(l.id))
		.map((l) => card(l.id, false));
	const bandLessons = library.lessons.filter((l) => l.band === pupil.band);
	const done = bandLessons.filter((l) => progress.get(l.id)?.completed_at).length;
	// A quiz shows once the class was given it (or the pupil already started it).
	const quizzes = (await pupilQuizzes(db, library, pupil))
		.filter((q) => q.attempt || q.closed !== 'not-assigned')
		.map((q) => ({
			kind: q.kind,
			label: QUIZ_KIND_LABELS[q.kind],
			title: q.quiz.title,
			minutes: q.quiz.minutes,
			closed: q.closed,
			attempt: q.attempt
		}));
	return {
		assigned: assignedCards,
		others,
		band: { done, total: bandLessons.length },
		quizzes,
		notice:
			{
				'eerst-voortoets': 'Doe eerst de voortoets.',
				'niet-klaargezet': 'Deze toets staat nog niet voor je klaar.'
			}[event.url.searchParams.get('quiz') ?? ''] ?? null
	};
};
