import { fail, redirect } from '@sveltejs/kit';
import { getLibrary } from '$lib/server/lessons';
import { parentChild } from '$lib/server/auth/parent-child';
import { unlinkChild } from '$lib/server/parents';
import { homeSummary, teacherNames } from '$lib/server/home-summary';
import { openDeletionRequest, requestDeletion } from '$lib/server/pupil-data';
import { BAND_LABELS, DENK_NA_QUESTIONS } from '$lib/lessons/schema';
import type { Actions, PageServerLoad } from './$types';
import { avatarFor } from '$lib/pictures';

export const load: PageServerLoad = async (event) => {
	const { db, child } = await parentChild(event);
	const summary = await homeSummary(db, getLibrary(), child);
	const deletion = await openDeletionRequest(db, child.id);
	return {
		child: {
			id: child.id,
			name: child.display_name,
			avatar: avatarFor(child.login_theme, child.avatar),
			className: child.class_name,
			band: BAND_LABELS[child.band],
			school: child.school_name
		},
		summary,
		contact: {
			point: child.contact_point?.trim() || null,
			teachers: await teacherNames(db, child.class_id)
		},
		denkNa: DENK_NA_QUESTIONS.map((q) => q.label),
		deletionRequestedAt: deletion?.requested_at ?? null
	};
};

export const actions: Actions = {
	unlink: async (event) => {
		const { user, db, child } = await parentChild(event);
		await unlinkChild(db, user.id, child.id);
		redirect(303, '/ouder?ontkoppeld=1');
	},
	deletion: async (event) => {
		const { user, db, child } = await parentChild(event);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'ja')
			return fail(400, {
				section: 'deletion',
				message: `Zet eerst een vinkje om te bevestigen dat alle gegevens van ${child.display_name} weg mogen.`
			});
		const result = await requestDeletion(db, user.id, child.id);
		if (!result.ok) return fail(400, { section: 'deletion', message: result.message });
		return {
			section: 'deletion',
			ok: result.already
				? 'Je had dit al gevraagd. De school handelt je verzoek af.'
				: 'Je verzoek is verstuurd. De schoolbeheerder verwijdert de gegevens en je ziet je kind daarna niet meer in DenkNa.'
		};
	}
};
