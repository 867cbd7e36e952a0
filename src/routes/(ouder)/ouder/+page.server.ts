import { getDb } from '$lib/server/db';
import { requireParent } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { childrenOf } from '$lib/server/parents';
import { homeSummary } from '$lib/server/home-summary';
import { BAND_LABELS } from '$lib/lessons/schema';
import type { PageServerLoad } from './$types';
import { avatarFor } from '$lib/pictures';

export const load: PageServerLoad = async (event) => {
	const user = requireParent(event);
	const db = getDb();
	const library = getLibrary();
	const children = await childrenOf(db, user.id);
	return {
		unlinked: event.url.searchParams.has('ontkoppeld'),
		children: await Promise.all(
			children.map(async (child) => {
				const s = await homeSummary(db, library, child);
				const latest = s.thisWeek[0] ?? s.earlierThisTerm[0] ?? s.before[0];
				return {
					id: child.id,
					name: child.display_name,
					avatar: avatarFor(child.login_theme, child.avatar),
					className: child.class_name,
					band: BAND_LABELS[child.band],
					school: child.school_name,
					thisWeek: s.thisWeek.length,
					thisTerm: s.thisWeek.length + s.earlierThisTerm.length,
					latest: latest ? { title: latest.title, homeTip: latest.homeTip } : null
				};
			})
		)
	};
};
