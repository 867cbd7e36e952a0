import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { requireAdmin } from '$lib/server/auth/guards';
import { getLibrary } from '$lib/server/lessons';
import { schoolOf, setContactPoint, setSchoolProtocol } from '$lib/server/schools';
import { LEVEL_STYLE, MASTERY_LABELS, MASTERY_LEVELS } from '$lib/dashboard/mastery';
import { schoolOverview } from '$lib/server/dashboard/school';
import { ownProtocolStatus, schoolProtocol } from '$lib/server/protocols';
import { emailField, idField, parseForm } from '$lib/server/forms';
import { emailTaken } from '$lib/server/users';
import {
	createInvite,
	INVITE_MS,
	removeTeacher,
	schoolStaff,
	withdrawInvite
} from '$lib/server/invites';
import { BAND_LABELS } from '$lib/lessons/schema';
import type { Actions, PageServerLoad } from './$types';
import { publicOrigin } from '$lib/server/auth/origin';

export const load: PageServerLoad = async (event) => {
	const user = requireAdmin(event);
	const db = getDb();
	const library = getLibrary();
	const school = await schoolOf(db, user.schoolId);
	const overview = await schoolOverview(db, library, {
		id: school.id,
		protocolId: school.protocol_id,
		protocol: await schoolProtocol(db, library, school.id)
	});
	const staff = await schoolStaff(db, user.schoolId);
	return {
		staff: {
			teachers: staff.teachers.map((t) => ({
				id: t.id,
				name: t.name,
				email: t.email,
				admin: t.role === 'admin'
			})),
			invites: staff.invites.map((i) => ({ id: i.id, email: i.email, expiresAt: i.expires_at }))
		},
		inviteDays: INVITE_MS / 86_400_000,
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
		levels: MASTERY_LEVELS.map((l) => ({ id: l, label: MASTERY_LABELS[l], ...LEVEL_STYLE[l] })),
		ownProtocol: await ownProtocolStatus(db, school.id)
	};
};

const ContactForm = v.object({
	contact: v.pipe(
		v.string('Vul het aanspreekpunt in.'),
		v.trim(),
		v.maxLength(200, 'Het aanspreekpunt is te lang (maximaal 200 tekens).')
	)
});

const InviteForm = v.object({ email: emailField });
const IdForm = v.object({ id: idField });

export const actions: Actions = {
	invite: async (event) => {
		const user = requireAdmin(event);
		const form = await event.request.formData();
		const parsed = parseForm(InviteForm, form, {
			section: 'staff',
			email: String(form.get('email') ?? '')
		});
		if (!parsed.ok) return parsed.failure;
		const db = getDb();
		if (await emailTaken(db, parsed.data.email))
			return fail(400, {
				section: 'staff',
				message: 'Er is al een account met dit e-mailadres.',
				email: parsed.data.email
			});
		const { token } = await createInvite(db, {
			schoolId: user.schoolId,
			email: parsed.data.email,
			createdBy: user.id
		});
		return {
			section: 'staff',
			ok: `Stuur deze link naar ${parsed.data.email}. Hij werkt één keer.`,
			link: `${publicOrigin(event)}/uitnodiging/${token}`
		};
	},
	removeTeacher: async (event) => {
		const user = requireAdmin(event);
		const parsed = parseForm(IdForm, await event.request.formData(), { section: 'staff' });
		if (!parsed.ok) return parsed.failure;
		if (!(await removeTeacher(getDb(), user.schoolId, parsed.data.id)))
			return fail(404, { section: 'staff', message: 'Deze leraar werkt niet op jouw school.' });
		return { section: 'staff', ok: 'De leraar is verwijderd en kan niet meer inloggen.' };
	},
	withdrawInvite: async (event) => {
		const user = requireAdmin(event);
		const parsed = parseForm(IdForm, await event.request.formData(), { section: 'staff' });
		if (!parsed.ok) return parsed.failure;
		if (!(await withdrawInvite(getDb(), user.schoolId, parsed.data.id)))
			return fail(404, { section: 'staff', message: 'Deze uitnodiging is niet gevonden.' });
		return { section: 'staff', ok: 'De uitnodiging is ingetrokken.' };
	},
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
