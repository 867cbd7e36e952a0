import { getDb } from '$lib/server/db';
import { requireTeacher } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { coverage, schoolProtocol } from '$lib/server/protocols';
import { BAND_LABELS, BANDS } from '$lib/lessons/schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTeacher(event);
	const library = getLibrary();
	const { protocol } = await schoolProtocol(getDb(), library, user.schoolId, { draft: true });
	const byBand = coverage(library, protocol.rules);
	return {
		name: protocol.name,
		bands: BANDS.map((band) => ({
			label: BAND_LABELS[band],
			rules: byBand[band].map(({ rule, lessons }) => ({
				id: rule.id,
				text: rule.textByBand?.[band] ?? rule.text,
				lessons: lessons.map((l) => l.title)
			}))
		}))
	};
};
