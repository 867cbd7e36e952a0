import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { loginWithPassword } from '$lib/server/auth/login';
import {
	createSession,
	generateSessionToken,
	setSessionTokenCookie
} from '$lib/server/auth/session';
import { homeFor, safeRedirectTarget } from '$lib/server/auth/guards';
import { emailField, parseForm } from '$lib/server/forms';
import { userRole } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, homeFor(locals));
};

const LoginForm = v.object({
	email: emailField,
	password: v.pipe(v.string('Vul je wachtwoord in.'), v.minLength(1, 'Vul je wachtwoord in.'))
});

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const parsed = parseForm(LoginForm, form, { email });
		if (!parsed.ok) return parsed.failure;
		const db = getDb();
		const result = await loginWithPassword(
			db,
			parsed.data.email,
			parsed.data.password,
			event.getClientAddress()
		);
		if (!result.ok) return fail(400, { message: result.message, email });
		const token = generateSessionToken();
		const session = await createSession(db, token, { userId: result.id });
		setSessionTokenCookie(event.cookies, token, session.expiresAt);
		const home = (await userRole(db, result.id)) === 'parent' ? '/ouder' : '/docent';
		redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo'), home));
	}
};
