import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePupil } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { pupilProgress } from '$lib/server/progress';
import { schoolOf } from '$lib/server/schools';
import { BAND_LABELS } from '$lib/lessons/schema';
import { avatarFor } from '$lib/pictures';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const pupil = requirePupil(event);
	const db = getDb();
	const lessons = getLibrary().lessons.filter((l) => l.band === pupil.band);
	const done = new Map(
		(await pupilProgress(db, pupil.id))
			.filter((p) => p.completed_at !== null)
			.map((p) => [p.lesson_id, p.completed_at!])
	);
	// The diploma is earned: only when every lesson of the band is done.
	if (lessons.length === 0 || lessons.some((l) => !done.has(l.id))) redirect(303, '/leerling');
	const school = await schoolOf(db, pupil.schoolId);
	return {
		name: pupil.displayName,
		avatar: avatarFor(pupil.loginTheme, pupil.avatar),
		className: pupil.className,
		band: BAND_LABELS[pupil.band],
		school: school.name,
		date: Math.max(...done.values()),
		lessons: lessons.map((l) => l.title)
	};
};
