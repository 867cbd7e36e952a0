import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { classByLoginToken } from '$lib/server/classes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	if (locals.pupil?.loginToken === params.token) redirect(303, '/leerling');
	const db = getDb();
	const klas = await classByLoginToken(db, params.token);
	if (!klas)
		error(404, 'Deze klaslink werkt niet (meer). Vraag je juf of meester om de nieuwe link.');
	// Only what the name buttons need: never codes or anything else about a pupil.
	const pupils = await db
		.selectFrom('pupil')
		.select(['id', 'display_name', 'avatar', 'locked_at'])
		.where('class_id', '=', klas.id)
		.orderBy('display_name')
		.execute();
	return {
		className: klas.name,
		band: klas.band,
		loggedOut: url.searchParams.has('uitgelogd'),
		pupils: pupils.map((p) => ({
			id: p.id,
			name: p.display_name,
			avatar: p.avatar,
			locked: p.locked_at !== null
		}))
	};
};
