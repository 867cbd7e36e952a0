import { getDb } from '$lib/server/db';
import { requireParent } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { childrenOf } from '$lib/server/parents';
import { pupilProgress } from '$lib/server/progress';
import { BAND_LABELS } from '$lib/lessons/schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireParent(event);
	const db = getDb();
	const library = getLibrary();
	const children = await childrenOf(db, user.id);
	return {
		children: await Promise.all(
			children.map(async (child) => {
				const done = (await pupilProgress(db, child.id))
					.filter((p) => p.completed_at !== null && library.lessonById.has(p.lesson_id))
					.sort((a, b) => b.completed_at! - a.completed_at!);
				return {
					id: child.id,
					name: child.display_name,
					avatar: child.avatar,
					className: child.class_name,
					band: BAND_LABELS[child.band],
					school: child.school_name,
					finished: done.map((p) => {
						const lesson = library.lessonById.get(p.lesson_id)!;
						return {
							id: lesson.id,
							title: lesson.title,
							summary: lesson.summary,
							homeTip: lesson.homeTip,
							completedAt: p.completed_at!
						};
					})
				};
			})
		)
	};
};
