import { getDb } from '$lib/server/db';
import { requireTeacher } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { cardRules, schoolProtocol } from '$lib/server/protocols';
import { HOME_TOPICS } from '$lib/server/home-summary';
import { BAND_LABELS, BANDS, TOPIC_LABELS, TOPICS, type Band } from '$lib/lessons/schema';
import type { PageServerLoad } from './$types';

/** The protocol as it is in the editor (draft or live), seen by a pupil or a parent. */
export const load: PageServerLoad = async (event) => {
	const user = requireTeacher(event);
	const library = getLibrary();
	const asked = event.url.searchParams.get('groep');
	const band: Band = BANDS.find((b) => b === asked) ?? 'groep-5-6';
	const parent = event.url.searchParams.get('als') === 'ouder';
	const school = await schoolProtocol(getDb(), library, user.schoolId, { draft: true });
	const topics = parent ? HOME_TOPICS : TOPICS;
	return {
		parent,
		band,
		bandLabel: BAND_LABELS[band],
		bands: BANDS.map((b) => ({ id: b, label: BAND_LABELS[b] })),
		protocolName: school.protocol.name,
		topics: topics
			.map((topic) => ({
				topic,
				label: TOPIC_LABELS[topic],
				...cardRules(library, school, topic, band)
			}))
			.filter((t) => t.rules.length > 0 && (parent || t.own))
	};
};
