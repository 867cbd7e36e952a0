import { getLibrary } from '$lib/server/lessons';
import { teacherClass } from '$lib/server/auth/teacher-class';
import { schoolOf } from '$lib/server/schools';
import { classDashboard } from '$lib/server/dashboard/class';
import { byDutchName } from '$lib/server/classes';
import { schoolProtocol } from '$lib/server/protocols';
import {
	FAMILIAR,
	FAR_BELOW,
	HELP_BELOW,
	LEVEL_STYLE,
	MASTERY_LABELS,
	MASTERY_LEVELS,
	MIN_ANSWERS,
	MIN_PUPILS,
	MIN_QUESTIONS,
	MISCONCEPTION_SHARE,
	PROFICIENT,
	STUCK_DAYS,
	STUCK_TRIES
} from '$lib/dashboard/mastery';
import { BAND_LABELS } from '$lib/lessons/schema';
import type { PageServerLoad } from './$types';

/** How much a pupil needs the teacher, for sorting the grid: help first, then weak goals. */
function need(
	pupil: { id: number; goals: { level: string }[] },
	help: { pupilId: number }[]
): number {
	const rank = help.findIndex((h) => h.pupilId === pupil.id);
	const weak = pupil.goals.filter((g) => g.level === 'geoefend').length;
	return (rank === -1 ? 0 : 1000 - rank) + weak;
}

export const load: PageServerLoad = async (event) => {
	const { user, db, klas } = await teacherClass(event);
	const school = await schoolOf(db, user.schoolId);
	const dashboard = await classDashboard(
		db,
		getLibrary(),
		klas,
		await schoolProtocol(db, getLibrary(), school.id)
	);
	const sort = event.url.searchParams.get('sorteer') === 'hulp' ? 'hulp' : 'naam';
	const pupils = [...dashboard.pupils].sort((a, b) =>
		sort === 'hulp'
			? need(b, dashboard.needsHelp) - need(a, dashboard.needsHelp) ||
				byDutchName.compare(a.name, b.name)
			: byDutchName.compare(a.name, b.name)
	);
	return {
		klas: {
			id: klas.id,
			name: klas.name,
			band: BAND_LABELS[klas.band],
			schoolYear: klas.school_year
		},
		dashboard: { ...dashboard, pupils },
		sort,
		levels: MASTERY_LEVELS.map((l) => ({ id: l, label: MASTERY_LABELS[l], ...LEVEL_STYLE[l] })),
		rules: {
			minQuestions: MIN_QUESTIONS,
			minPupils: MIN_PUPILS,
			minAnswers: MIN_ANSWERS,
			familiar: Math.round(FAMILIAR * 100),
			proficient: Math.round(PROFICIENT * 100),
			misconception: Math.round(MISCONCEPTION_SHARE * 100),
			helpBelow: Math.round(HELP_BELOW * 100),
			farBelow: Math.round(FAR_BELOW * 100),
			stuckDays: STUCK_DAYS,
			stuckTries: STUCK_TRIES
		}
	};
};
