import { getDb } from '$lib/server/db';
import { requirePupil } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { assignedLessonIds } from '$lib/server/classes';
import { pupilProgress } from '$lib/server/progress';
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
	return { assigned: assignedCards, others };
};
