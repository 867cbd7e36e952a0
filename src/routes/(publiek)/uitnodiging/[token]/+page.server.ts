import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { acceptInvite, findInvite } from '$lib/server/invites';
import { passwordProblem } from '$lib/server/auth/password';
import {
	createSession,
	generateSessionToken,
	setSessionTokenCookie
} from '$lib/server/auth/session';
import { nameField, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const found = await findInvite(getDb(), event.params.token);
	if (!found.ok) return { invite: null, problem: found.message };
	return {
		invite: { email: found.invite.email, school: found.invite.schoolName },
		problem: null
	};
};

const AcceptForm = v.object({
	name: nameField('je naam', 80),
	password: v.string('Kies een wachtwoord.')
});

export const actions: Actions = {
	default: async (event) => {
		const db = getDb();
		const form = await event.request.formData();
		const keep = { name: String(form.get('name') ?? '') };
		const parsed = parseForm(AcceptForm, form, keep);
		if (!parsed.ok) return parsed.failure;
		const found = await findInvite(db, event.params.token);
		if (!found.ok) return fail(400, { message: found.message, ...keep });
		const problem = passwordProblem(parsed.data.password, found.invite.email);
		if (problem) return fail(400, { message: problem, ...keep });
		const result = await acceptInvite(db, event.params.token, parsed.data);
		if (!result.ok) return fail(400, { message: result.message, ...keep });
		const token = generateSessionToken();
		const session = await createSession(db, token, { userId: result.userId });
		setSessionTokenCookie(event.cookies, token, session.expiresAt);
		redirect(303, '/docent');
	}
};
