import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { getLibrary } from '$lib/server/lessons';
import { teacherClass } from '$lib/server/auth/teacher-class';
import { schoolProtocol } from '$lib/server/protocols';
import { pupilReport } from '$lib/server/dashboard/pupil';
import { renamePupil, unlockPupil } from '$lib/server/classes';
import { parseForm, pupilNameField } from '$lib/server/forms';
import { LEVEL_STYLE, MASTERY_LABELS, MASTERY_LEVELS } from '$lib/dashboard/mastery';
import { BAND_LABELS } from '$lib/lessons/schema';
import { avatarFor } from '$lib/pictures';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The pupil, if they are in one of this teacher's classes (else 404, as for the class). */
async function pupilOfClass(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { user, db, klas } = await teacherClass(event);
	const id = Number(event.params.pupil);
	const report = Number.isSafeInteger(id)
		? await pupilReport(
				db,
				getLibrary(),
				klas,
				await schoolProtocol(db, getLibrary(), user.schoolId),
				id
			)
		: undefined;
	if (!report) error(404, 'Deze leerling zit niet in deze klas.');
	return { db, klas, report };
}

export const load: PageServerLoad = async (event) => {
	const { klas, report } = await pupilOfClass(event);
	return {
		klas: { id: klas.id, name: klas.name, band: BAND_LABELS[klas.band] },
		report,
		avatar: avatarFor(klas.login_theme, report.pupil.avatar),
		levels: MASTERY_LEVELS.map((l) => ({ id: l, label: MASTERY_LABELS[l], ...LEVEL_STYLE[l] }))
	};
};

const NameForm = v.object({ name: pupilNameField });

export const actions: Actions = {
	rename: async (event) => {
		const { db, klas, report } = await pupilOfClass(event);
		const form = await event.request.formData();
		const keep = { name: String(form.get('name') ?? '') };
		const parsed = parseForm(NameForm, form, keep);
		if (!parsed.ok) return parsed.failure;
		const result = await renamePupil(db, klas.id, report.pupil.id, parsed.data.name);
		if (!result.ok) return fail(400, { ...keep, message: result.message });
		return {
			ok: result.message
		};
	},
	unlock: async (event) => {
		const { db, klas, report } = await pupilOfClass(event);
		await unlockPupil(db, klas.id, report.pupil.id);
		return { ok: `${report.pupil.name} kan weer inloggen.` };
	}
};
