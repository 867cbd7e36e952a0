import { getLibrary } from '$lib/server/lessons';
import { teacherClass } from '$lib/server/auth/teacher-class';
import { schoolOf } from '$lib/server/schools';
import { classDashboard } from '$lib/server/dashboard/class';
import { schoolProtocol } from '$lib/server/protocols';
import {
	FAMILIAR,
	HELP_BELOW,
	MASTERY_LABELS,
	MASTERY_LEVELS,
	MIN_QUESTIONS,
	MISCONCEPTION_SHARE,
	PROFICIENT,
	STUCK_DAYS,
	STUCK_TRIES
} from '$lib/dashboard/mastery';
import { BAND_LABELS } from '$lib/lessons/schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, db, klas } = await teacherClass(event);
	const school = await schoolOf(db, user.schoolId);
	const dashboard = await classDashboard(
		db,
		getLibrary(),
		klas,
		await schoolProtocol(db, getLibrary(), school.id)
	);
	return {
		klas: {
			id: klas.id,
			name: klas.name,
			band: BAND_LABELS[klas.band],
			schoolYear: klas.school_year
		},
		dashboard,
		levels: MASTERY_LEVELS.map((l) => MASTERY_LABELS[l]),
		rules: {
			minQuestions: MIN_QUESTIONS,
			familiar: Math.round(FAMILIAR * 100),
			proficient: Math.round(PROFICIENT * 100),
			misconception: Math.round(MISCONCEPTION_SHARE * 100),
			helpBelow: Math.round(HELP_BELOW * 100),
			stuckDays: STUCK_DAYS,
			stuckTries: STUCK_TRIES
		}
	};
};
