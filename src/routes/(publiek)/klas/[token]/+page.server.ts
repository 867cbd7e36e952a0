import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { pupilLocked } from '$lib/server/auth/login';
import { classByLoginToken, pupilsOnClassLink } from '$lib/server/classes';
import { sectorOf } from '$lib/lessons/fields';
import { avatarFor } from '$lib/pictures';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	if (locals.pupil?.loginToken === params.token) redirect(303, '/leerling');
	const db = getDb();
	const klas = await classByLoginToken(db, params.token);
	if (!klas)
		error(404, 'Deze klaslink werkt niet (meer). Vraag je juf of meester om de nieuwe link.');
	const pupils = await pupilsOnClassLink(db, klas.id);
	return {
		className: klas.name,
		band: klas.band,
		sector: sectorOf(klas.band),
		loggedOut: url.searchParams.has('uitgelogd'),
		pupils: pupils.map((p) => ({
			id: p.id,
			name: p.display_name,
			avatar: avatarFor(klas.login_theme, p.avatar),
			locked: pupilLocked(p.locked_at)
		}))
	};
};
