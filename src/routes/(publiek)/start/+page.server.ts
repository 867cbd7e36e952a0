import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { getLibrary } from '$lib/server/lessons';
import { hasSchool, setupFirstSchool } from '$lib/server/schools';
import { passwordProblem } from '$lib/server/auth/password';
import {
	createSession,
	generateSessionToken,
	setSessionTokenCookie
} from '$lib/server/auth/session';
import { emailField, nameField, parseForm, requiredText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	if (await hasSchool(getDb())) redirect(303, '/login');
	return { protocols: getLibrary().protocols.map((p) => ({ id: p.id, name: p.name })) };
};

const SetupForm = v.object({
	foundation: requiredText('de naam van de stichting'),
	school: requiredText('de naam van de school'),
	protocol: v.string(),
	name: nameField('je naam'),
	email: emailField,
	password: v.string('Kies een wachtwoord.')
});

export const actions: Actions = {
	default: async (event) => {
		const db = getDb();
		if (await hasSchool(db)) redirect(303, '/login');
		const form = await event.request.formData();
		const keep = {
			foundation: String(form.get('foundation') ?? ''),
			school: String(form.get('school') ?? ''),
			name: String(form.get('name') ?? ''),
			email: String(form.get('email') ?? '')
		};
		const parsed = parseForm(SetupForm, form, keep);
		if (!parsed.ok) return parsed.failure;
		const { data } = parsed;
		if (!getLibrary().protocols.some((p) => p.id === data.protocol))
			return fail(400, { message: 'Kies een protocol uit de lijst.', ...keep });
		const problem = passwordProblem(data.password, data.email);
		if (problem) return fail(400, { message: problem, ...keep });
		const made = await setupFirstSchool(db, {
			foundation: data.foundation,
			school: data.school,
			adminName: data.name,
			email: data.email,
			password: data.password,
			protocolId: data.protocol
		});
		// Someone else finished the first run a moment earlier: their school stands.
		if (!made) redirect(303, '/login');
		const { adminId } = made;
		const token = generateSessionToken();
		const session = await createSession(db, token, { userId: adminId });
		setSessionTokenCookie(event.cookies, token, session.expiresAt);
		redirect(303, '/docent');
	}
};
