import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import {
	deleteSessionTokenCookie,
	invalidateSession,
	invalidateUserSessions
} from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
	// "overal=1" ends every session of this account: a phone left behind, a shared computer.
	default: async ({ locals, cookies, request }) => {
		const classLink = locals.pupil
			? `/klas/${locals.pupil.loginToken}?uitgelogd=1`
			: '/?uitgelogd=1';
		const everywhere = (await request.formData().catch(() => null))?.get('overal') === '1';
		if (everywhere && locals.user) await invalidateUserSessions(getDb(), locals.user.id);
		else if (locals.session) await invalidateSession(getDb(), locals.session.id);
		deleteSessionTokenCookie(cookies);
		redirect(303, classLink);
	}
};
