import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { requireAdmin } from '$lib/server/auth/guards';
import { deletionRequestsForSchool, executeDeletion } from '$lib/server/pupil-data';
import { idField, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireAdmin(event);
	const rows = await deletionRequestsForSchool(getDb(), user.schoolId);
	return {
		requests: rows.map((r) => ({
			id: r.id,
			pupil: r.pupil_name,
			className: r.class_name,
			parent: r.parent_name,
			requestedAt: r.requested_at,
			completedAt: r.completed_at,
			completedBy: r.admin_name
		}))
	};
};

const ExecuteForm = v.object({
	request: idField,
	confirm: v.literal('ja', 'Zet eerst een vinkje om te bevestigen dat je de gegevens verwijdert.')
});

export const actions: Actions = {
	execute: async (event) => {
		const user = requireAdmin(event);
		const parsed = parseForm(ExecuteForm, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const result = await executeDeletion(getDb(), user.schoolId, parsed.data.request, user.id);
		if (!result.ok) return fail(400, { message: result.message });
		return {
			ok: 'De gegevens zijn verwijderd: de leerling, de antwoorden, de voortgang en de koppelingen.'
		};
	}
};
