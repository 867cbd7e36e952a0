import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { registerParent } from '$lib/server/parents';
import { passwordProblem } from '$lib/server/auth/password';
import {
	createSession,
	generateSessionToken,
	setSessionTokenCookie
} from '$lib/server/auth/session';
import { emailField, nameField, parseForm, requiredText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user?.role === 'parent') redirect(303, '/ouder/koppelen');
	return { code: url.searchParams.get('code') ?? '' };
};

const RegisterForm = v.object({
	code: requiredText('de koppelcode', 20),
	name: nameField('je naam', 80),
	email: emailField,
	password: v.string('Kies een wachtwoord.')
});

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const keep = {
			code: String(form.get('code') ?? ''),
			name: String(form.get('name') ?? ''),
			email: String(form.get('email') ?? '')
		};
		const parsed = parseForm(RegisterForm, form, keep);
		if (!parsed.ok) return parsed.failure;
		const problem = passwordProblem(parsed.data.password, parsed.data.email);
		if (problem) return fail(400, { message: problem, ...keep });
		const db = getDb();
		const result = await registerParent(db, parsed.data, event.getClientAddress());
		if (!result.ok) return fail(400, { message: result.message, ...keep });
		const token = generateSessionToken();
		const session = await createSession(db, token, { userId: result.userId });
		setSessionTokenCookie(event.cookies, token, session.expiresAt);
		redirect(303, '/ouder');
	}
};
