import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { requireTeacher } from '$lib/server/auth/guards';
import {
	addPupils,
	assignLesson,
	assignedLessonIds,
	classForTeacher,
	pupilsOfClass,
	resetPictureCode,
	setReadAloud,
	unassignLesson,
	unlockPupil
} from '$lib/server/classes';
import { getLibrary } from '$lib/server/lessons';
import { progressMatrix } from '$lib/server/progress';
import { activeKoppelcodes, createKoppelcode } from '$lib/server/parents';
import { displayNameFromLine, MAX_NAME_LENGTH } from '$lib/server/names';
import { idField, parseForm } from '$lib/server/forms';
import { BAND_LABELS } from '$lib/lessons/schema';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The teacher and their class, or a 404: the same answer for "not yours" and "not there". */
async function teacherClass(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const user = requireTeacher(event);
	const db = getDb();
	const klas = await classForTeacher(db, user, Number(event.params.id));
	if (!klas) error(404, 'Deze klas bestaat niet of is niet van jou.');
	return { user, db, klas };
}

export const load: PageServerLoad = async (event) => {
	const { db, klas } = await teacherClass(event);
	const library = getLibrary();
	const pupils = await pupilsOfClass(db, klas.id);
	const assigned = (await assignedLessonIds(db, klas.id)).filter((id) =>
		library.lessonById.has(id)
	);
	const cells = await progressMatrix(
		db,
		pupils.map((p) => p.id),
		assigned
	);
	const codes = new Map(
		(
			await activeKoppelcodes(
				db,
				pupils.map((p) => p.id)
			)
		).map((c) => [c.pupil_id, c])
	);
	return {
		klas: {
			id: klas.id,
			name: klas.name,
			band: BAND_LABELS[klas.band],
			schoolYear: klas.school_year,
			readAloud: klas.read_aloud === 1
		},
		lessons: library.lessons
			.filter((l) => l.band === klas.band || assigned.includes(l.id))
			.map((l) => ({
				id: l.id,
				title: l.title,
				minutes: l.minutes,
				assigned: assigned.includes(l.id),
				steps: l.steps.length
			})),
		assigned: assigned.map((id) => ({
			id,
			title: library.lessonById.get(id)!.title,
			steps: library.lessonById.get(id)!.steps.length
		})),
		pupils: pupils.map((p) => ({
			id: p.id,
			name: p.display_name,
			avatar: p.avatar,
			locked: p.locked_at !== null,
			koppelcode: codes.get(p.id)
				? { code: codes.get(p.id)!.code, expiresAt: codes.get(p.id)!.expires_at }
				: null,
			progress: assigned.map((lessonId) => cells.get(`${p.id}:${lessonId}`) ?? null)
		}))
	};
};

const PupilForm = v.object({ pupil: idField });

export const actions: Actions = {
	addPupils: async (event) => {
		const { db, klas } = await teacherClass(event);
		const form = await event.request.formData();
		const text = String(form.get('names') ?? '');
		const names = text
			.split(/\r?\n/)
			.map(displayNameFromLine)
			.filter((n): n is string => !!n);
		if (names.length === 0)
			return fail(400, {
				section: 'pupils',
				message: 'Plak of typ minstens één naam, één per regel.',
				names: text
			});
		if (names.length > 60)
			return fail(400, {
				section: 'pupils',
				message: 'Voeg maximaal 60 leerlingen tegelijk toe.',
				names: text
			});
		const tooLong = names.find((n) => n.length > MAX_NAME_LENGTH);
		if (tooLong)
			return fail(400, {
				section: 'pupils',
				message: `Deze naam is te lang: ${tooLong.slice(0, 50)}…`,
				names: text
			});
		const added = await addPupils(db, klas.id, names);
		return {
			section: 'pupils',
			ok: `${added.length} leerling(en) toegevoegd: ${added.map((a) => a.displayName).join(', ')}.`
		};
	},
	assign: async (event) => {
		const { user, db, klas } = await teacherClass(event);
		const lessonId = String((await event.request.formData()).get('lesson') ?? '');
		if (!getLibrary().lessonById.has(lessonId))
			return fail(400, { section: 'lessons', message: 'Deze les bestaat niet.' });
		await assignLesson(db, klas.id, lessonId, user.id);
		return { section: 'lessons', ok: 'De les staat klaar voor de klas.' };
	},
	unassign: async (event) => {
		const { db, klas } = await teacherClass(event);
		const lessonId = String((await event.request.formData()).get('lesson') ?? '');
		await unassignLesson(db, klas.id, lessonId);
		return {
			section: 'lessons',
			ok: 'De les is niet meer klaargezet. Wat leerlingen al deden, blijft bewaard.'
		};
	},
	readAloud: async (event) => {
		const { db, klas } = await teacherClass(event);
		const on = (await event.request.formData()).get('on') === '1';
		await setReadAloud(db, klas.id, on);
		return {
			section: 'settings',
			ok: on ? 'Elke stap wordt nu automatisch voorgelezen.' : 'Automatisch voorlezen staat uit.'
		};
	},
	unlock: async (event) => {
		const { db, klas } = await teacherClass(event);
		const parsed = parseForm(PupilForm, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		if (!(await unlockPupil(db, klas.id, parsed.data.pupil)))
			return fail(404, { section: 'pupils', message: 'Deze leerling zit niet in deze klas.' });
		return { section: 'pupils', ok: 'De leerling kan weer inloggen.' };
	},
	resetCode: async (event) => {
		const { db, klas } = await teacherClass(event);
		const parsed = parseForm(PupilForm, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const code = await resetPictureCode(db, klas.id, parsed.data.pupil);
		if (!code)
			return fail(404, { section: 'pupils', message: 'Deze leerling zit niet in deze klas.' });
		return {
			section: 'pupils',
			ok: 'De leerling heeft een nieuwe plaatjescode. Print een nieuwe inlogkaart.'
		};
	},
	koppelcode: async (event) => {
		const { user, db, klas } = await teacherClass(event);
		const parsed = parseForm(PupilForm, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const pupil = (await pupilsOfClass(db, klas.id)).find((p) => p.id === parsed.data.pupil);
		if (!pupil)
			return fail(404, { section: 'pupils', message: 'Deze leerling zit niet in deze klas.' });
		const { code } = await createKoppelcode(db, pupil.id, user.id);
		return { section: 'pupils', ok: `Koppelcode voor ${pupil.display_name}: ${code}` };
	}
};
