import { error } from '@sveltejs/kit';
import { getLibrary } from '$lib/server/lessons';
import { teacherClass } from '$lib/server/auth/teacher-class';
import { lessonDetail } from '$lib/server/dashboard/lesson';
import { MISCONCEPTION_SHARE } from '$lib/dashboard/mastery';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, klas } = await teacherClass(event);
	const detail = await lessonDetail(db, getLibrary(), klas.id, event.params.lesson);
	if (!detail) error(404, 'Deze les bestaat niet.');
	return {
		klas: { id: klas.id, name: klas.name },
		lesson: {
			id: detail.lesson.id,
			title: detail.lesson.title,
			summary: detail.lesson.summary,
			discussion: detail.lesson.discussion
		},
		questions: detail.questions,
		misconception: Math.round(MISCONCEPTION_SHARE * 100)
	};
};
