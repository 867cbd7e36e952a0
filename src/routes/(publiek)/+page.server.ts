import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { hasSchool } from '$lib/server/schools';
import { homeFor } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!(await hasSchool(getDb()))) redirect(303, '/start');
	if (locals.user || locals.pupil) redirect(303, homeFor(locals));
	return { loggedOut: url.searchParams.has('uitgelogd') };
};
