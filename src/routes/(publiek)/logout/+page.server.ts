import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { deleteSessionTokenCookie, invalidateSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		const classLink = locals.pupil
			? `/klas/${locals.pupil.loginToken}?uitgelogd=1`
			: '/?uitgelogd=1';
		if (locals.session) await invalidateSession(getDb(), locals.session.id);
		deleteSessionTokenCookie(cookies);
		redirect(303, classLink);
	}
};
