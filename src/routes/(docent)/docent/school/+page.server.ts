import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { requireAdmin } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { schoolOf, setContactPoint, setSchoolProtocol } from '$lib/server/schools';
import { MASTERY_LABELS, MASTERY_LEVELS, schoolOverview } from '$lib/server/dashboard';
import { parseForm } from '$lib/server/forms';
import { BAND_LABELS } from '$lib/lessons/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireAdmin(event);
	const db = getDb();
	const library = getLibrary();
	const school = await schoolOf(db, user.schoolId);
	const overview = await schoolOverview(db, library, {
		id: school.id,
		protocolId: school.protocol_id
	});
	return {
		school: {
			name: school.name,
			protocolId: school.protocol_id,
			contactPoint: school.contact_point
		},
		protocols: library.protocols.map((p) => ({
			id: p.id,
			name: p.name,
			description: p.description
		})),
		overview: {
			...overview,
			classes: overview.classes.map((c) => ({ ...c, band: BAND_LABELS[c.band] }))
		},
		levels: MASTERY_LEVELS.map((l) => MASTERY_LABELS[l])
	};
};

const ContactForm = v.object({
	contact: v.pipe(
		v.string('Vul het aanspreekpunt in.'),
		v.trim(),
		v.maxLength(200, 'Het aanspreekpunt is te lang (maximaal 200 tekens).')
	)
});

export const actions: Actions = {
	protocol: async (event) => {
		const user = requireAdmin(event);
		const protocol = String((await event.request.formData()).get('protocol') ?? '');
		if (!getLibrary().protocols.some((p) => p.id === protocol))
			return fail(400, { section: 'protocol', message: 'Kies een protocol uit de lijst.' });
		await setSchoolProtocol(getDb(), user.schoolId, protocol);
		return { section: 'protocol', ok: 'De lessen tonen nu de regels van dit protocol.' };
	},
	contact: async (event) => {
		const user = requireAdmin(event);
		const parsed = parseForm(ContactForm, await event.request.formData(), { section: 'contact' });
		if (!parsed.ok) return parsed.failure;
		await setContactPoint(getDb(), user.schoolId, parsed.data.contact || null);
		return { section: 'contact', ok: 'Het aanspreekpunt is opgeslagen. Ouders zien het.' };
	}
};
