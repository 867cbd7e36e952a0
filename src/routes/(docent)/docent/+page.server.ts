import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { requireTeacher } from '$lib/server/auth/guards';
import { classesForTeacher, createClass } from '$lib/server/classes';
import { parseForm, requiredText } from '$lib/server/forms';
import { BANDS, BAND_LABELS } from '$lib/lessons/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTeacher(event);
	const classes = await classesForTeacher(getDb(), user);
	return {
		classes: classes.map((c) => ({
			id: c.id,
			name: c.name,
			band: BAND_LABELS[c.band],
			schoolYear: c.school_year,
			pupils: Number(c.pupils)
		})),
		bands: BANDS.map((b) => ({ id: b, label: BAND_LABELS[b] }))
	};
};

const NewClass = v.object({
	name: requiredText('de naam van de klas', 40),
	band: v.picklist(BANDS, 'Kies de leeftijdsgroep van de klas.')
});

export const actions: Actions = {
	create: async (event) => {
		const user = requireTeacher(event);
		const form = await event.request.formData();
		const parsed = parseForm(NewClass, form, { name: String(form.get('name') ?? '') });
		if (!parsed.ok) return parsed.failure;
		const id = await createClass(getDb(), {
			schoolId: user.schoolId,
			teacherId: user.id,
			name: parsed.data.name,
			band: parsed.data.band
		});
		if (!id)
			return fail(500, { message: 'De klas kon niet worden gemaakt.', name: parsed.data.name });
		redirect(303, `/docent/klas/${id}`);
	}
};
