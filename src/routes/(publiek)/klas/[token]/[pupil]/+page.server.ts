import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { classByLoginToken, pupilOnClassLink } from '$lib/server/classes';
import { loginWithPictureCode, pupilLocked } from '$lib/server/auth/login';
import {
	createSession,
	generateSessionToken,
	setSessionTokenCookie
} from '$lib/server/auth/session';
import { avatarFor, CODE_LENGTH, codePictureById, codePictures } from '$lib/pictures';
import { sectorOf } from '$lib/lessons/fields';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function pupilForCode(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const db = getDb();
	const klas = await classByLoginToken(db, event.params.token);
	if (!klas)
		error(404, 'Deze klaslink werkt niet (meer). Vraag je juf of meester om de nieuwe link.');
	const pupil = await pupilOnClassLink(db, klas.id, Number(event.params.pupil));
	if (!pupil) error(404, 'Deze naam staat niet in deze klas.');
	return { db, klas, pupil };
}

export const load: PageServerLoad = async (event) => {
	const { klas, pupil } = await pupilForCode(event);
	return {
		className: klas.name,
		band: klas.band,
		sector: sectorOf(klas.band),
		// The class's own set, by place in the grid: what a button sends is the stored id.
		pictures: codePictures(klas.login_theme),
		pupil: {
			id: pupil.id,
			name: pupil.display_name,
			avatar: avatarFor(klas.login_theme, pupil.avatar),
			locked: pupilLocked(pupil.locked_at)
		}
	};
};

function picksFrom(form: FormData): string[] {
	const before = String(form.get('picked') ?? '')
		.split(',')
		.filter((p) => codePictureById.has(p));
	const pick = String(form.get('pick') ?? '');
	return codePictureById.has(pick)
		? [...before, pick].slice(0, CODE_LENGTH)
		: before.slice(0, CODE_LENGTH);
}

export const actions: Actions = {
	// Without JavaScript every tap is a request; with it, the browser collects the taps.
	default: async (event) => {
		const { db, klas, pupil } = await pupilForCode(event);
		const form = await event.request.formData();
		if (form.has('clear')) return { picked: '' };
		const picks = picksFrom(form);
		if (picks.length < CODE_LENGTH) return { picked: picks.join(',') };
		const result = await loginWithPictureCode(
			db,
			klas.id,
			pupil.id,
			picks,
			event.getClientAddress()
		);
		if (!result.ok)
			return fail(400, { message: result.message, locked: !!result.locked, picked: '' });
		const token = generateSessionToken();
		const session = await createSession(db, token, { pupilId: pupil.id });
		setSessionTokenCookie(event.cookies, token, session.expiresAt);
		redirect(303, '/leerling');
	}
};
