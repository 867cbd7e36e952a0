import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { getDb } from '$lib/server/db';
import { requireTeacher } from '$lib/server/auth/guards';
import { classForTeacher, pupilsOfClass } from '$lib/server/classes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTeacher(event);
	const db = getDb();
	const klas = await classForTeacher(db, user, Number(event.params.id));
	if (!klas) error(404, 'Deze klas bestaat niet of is niet van jou.');
	const link = `${event.url.origin}/klas/${klas.login_token}`;
	const qr = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	const pupils = await pupilsOfClass(db, klas.id);
	return {
		klas: { id: klas.id, name: klas.name },
		link,
		qr,
		pupils: pupils.map((p) => ({
			id: p.id,
			name: p.display_name,
			avatar: p.avatar,
			code: p.picture_code.split(',')
		}))
	};
};
