import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { teacherClass } from '$lib/server/auth/teacher-class';
import { pupilOnClassLink } from '$lib/server/classes';
import { deletePupil, pupilDataCounts } from '$lib/server/pupil-data';
import { parseForm } from '$lib/server/forms';
import { avatarFor } from '$lib/pictures';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, klas } = await teacherClass(event);
	const pupil = await pupilOnClassLink(db, klas.id, Number(event.params.pupil));
	if (!pupil) error(404, 'Deze leerling zit niet in deze klas.');
	return {
		klas: { id: klas.id, name: klas.name },
		pupil: {
			id: pupil.id,
			name: pupil.display_name,
			avatar: avatarFor(klas.login_theme, pupil.avatar)
		},
		counts: await pupilDataCounts(db, pupil.id)
	};
};

// An unticked checkbox sends nothing: a missing field gets the same Dutch message.
const DeleteForm = v.object({
	confirm: v.pipe(
		v.optional(v.string(), ''),
		v.literal('ja', 'Zet eerst een vinkje om te bevestigen dat je de leerling verwijdert.')
	)
});

export const actions: Actions = {
	delete: async (event) => {
		const { user, db, klas } = await teacherClass(event);
		const parsed = parseForm(DeleteForm, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const deleted = await deletePupil(db, klas.id, Number(event.params.pupil), user.id);
		if (!deleted) return fail(404, { message: 'Deze leerling zit niet (meer) in deze klas.' });
		redirect(303, `/docent/klas/${klas.id}?verwijderd=1`);
	}
};
