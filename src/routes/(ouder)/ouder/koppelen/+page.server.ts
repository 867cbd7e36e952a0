import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireParent } from '$lib/server/auth/guards';
import { linkChild } from '$lib/server/parents';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireParent(event);
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireParent(event);
		const code = String((await event.request.formData()).get('code') ?? '').trim();
		if (!code) return fail(400, { message: 'Vul de koppelcode in.', code });
		const result = await linkChild(getDb(), user.id, code, event.getClientAddress());
		if (!result.ok) return fail(400, { message: result.message, code });
		redirect(303, '/ouder');
	}
};
