import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { teacherClass } from '$lib/server/auth/teacher-class';
import { pupilsOfClass } from '$lib/server/classes';
import { schoolOf } from '$lib/server/schools';
import {
	activeKoppelcodes,
	classParentLinks,
	createMissingKoppelcodes,
	revokeLink
} from '$lib/server/parents';
import { idField, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { publicOrigin } from '$lib/server/auth/origin';

export const load: PageServerLoad = async (event) => {
	const { db, klas } = await teacherClass(event);
	const pupils = await pupilsOfClass(db, klas.id);
	const ids = pupils.map((p) => p.id);
	const codes = new Map((await activeKoppelcodes(db, ids)).map((c) => [c.pupil_id, c]));
	const links = await classParentLinks(db, klas.id);
	const school = await schoolOf(db, klas.school_id);
	return {
		klas: { id: klas.id, name: klas.name },
		school: { name: school.name, contactPoint: school.contact_point?.trim() || null },
		origin: publicOrigin(event),
		pupils: pupils.map((p) => {
			const code = codes.get(p.id);
			return {
				id: p.id,
				name: p.display_name,
				code: code ? { code: code.code, expiresAt: code.expires_at } : null,
				parents: links
					.filter((l) => l.pupil_id === p.id)
					.map((l) => ({ id: l.parent_id, name: l.parent_name, since: l.created_at }))
			};
		})
	};
};

const RevokeForm = v.object({ pupil: idField, parent: idField });

export const actions: Actions = {
	codes: async (event) => {
		const { user, db, klas } = await teacherClass(event);
		const made = await createMissingKoppelcodes(db, klas.id, user.id);
		return {
			ok:
				made === 0
					? 'Iedere leerling heeft al een geldige koppelcode.'
					: `${made} nieuwe koppelcode(s) gemaakt. Print nu de brieven.`
		};
	},
	revoke: async (event) => {
		const { db, klas } = await teacherClass(event);
		const parsed = parseForm(RevokeForm, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		if (!(await revokeLink(db, klas.id, parsed.data.pupil, parsed.data.parent)))
			return fail(404, { message: 'Deze koppeling bestaat niet (meer) in deze klas.' });
		return { ok: 'De koppeling is verwijderd. Deze ouder ziet het kind niet meer.' };
	}
};
